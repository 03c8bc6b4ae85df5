import * as z from 'zod';
import { messageKey } from './messages.ts';
import { LEVELS, STOP_REASONS } from './model.ts';

/** What a board or a unit sends at a step of the lifecycle (core/lifecycle.ts): the web's API validates and documents these. */

const reason = z
  .string()
  .trim()
  .min(1, messageKey('reason.reasonRequired'))
  .max(2000)
  .describe('Why (required): shown to the unit and kept in the audit timeline');
const comment = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .describe('An optional note kept with the decision. Outcomes that need no reason take `comment`, never `reason`');
/**
 * `reason` belongs to the outcomes that need one (RETURN, REJECT, STOP): sent with another
 * outcome it is refused like any unknown field, with a message that names `comment`.
 */
const noReason = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys?.includes('reason') ? messageKey('reason.reasonIsForReturnRejectStop') : undefined,
};

/** A board's decision on a review or appraisal step; return, reject and stop need a reason, the others take an optional comment. */
export const BoardDecisionSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('ACCEPT'), comment }, noReason),
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('RETURN'), reason }),
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('REJECT'), reason }),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment }, noReason),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('CONTINUE'), comment }, noReason),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason }),
]);
export type BoardDecision = z.infer<typeof BoardDecisionSchema>;

/** What an appraisal proposes and, once published, decides: the APPRAISAL outcomes without the stage. */
export const AppraisalProposalSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment }, noReason),
  z.strictObject({ outcome: z.literal('CONTINUE'), comment }, noReason),
  z.strictObject({ outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason }),
]);
export type AppraisalProposal = z.infer<typeof AppraisalProposalSchema>;

/** The unit's yearly report: what was done, and the value reached for each outcome indicator. */
export const YearlyReportSchema = z.strictObject({
  report: z.string().trim().min(1, messageKey('reason.required')).max(8000),
  indicators: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), actual: z.number().finite().nonnegative() }))
    .max(20)
    .default([]),
});
export type YearlyReport = z.infer<typeof YearlyReportSchema>;
