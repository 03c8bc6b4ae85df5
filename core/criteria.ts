import * as z from 'zod';
import { BOARD_ROLES } from './actor.ts';
import type { FieldIssue } from './errors.ts';
import { messageKey } from './messages.ts';
import { KINDS } from './model.ts';

/** A criteria set: what a board scores, per period and per kind (models and exemplars differ). */
export const CriteriaSetSchema = z.strictObject({
  boardId: z.string().trim().min(1).max(100),
  period: z.string().regex(/^\d{4}-\d{4}$/, messageKey('reason.periodFormat')),
  kind: z.enum(KINDS),
  criteria: z
    .array(
      z.strictObject({
        id: z
          .string()
          .trim()
          .regex(/^[a-z0-9-]{1,40}$/, messageKey('reason.lowercaseDigitsDashes')),
        name: z.string().trim().min(1).max(300),
        maxScore: z.number().int().min(1).max(100),
      }),
    )
    .min(1)
    .max(20)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, messageKey('reason.duplicateCriterionIds')),
  /** Who acts, in order: the first scores and proposes, the last publishes. */
  approvalChain: z
    .array(z.enum(BOARD_ROLES))
    .min(1)
    .max(3)
    .refine((chain) => new Set(chain).size === chain.length, messageKey('reason.roleTwice')),
});
export type CriteriaSet = z.infer<typeof CriteriaSetSchema>;

export type Score = { criterionId: string; score: number; comment?: string };

/** Scores for every criterion of the set, each within its maximum; field paths name the offending row. */
export function scoreIssues(set: CriteriaSet, scores: Score[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  set.criteria.forEach((criterion, i) => {
    const score = scores.find((s) => s.criterionId === criterion.id);
    if (!score) issues.push({ field: `scores.${i}.score`, key: 'reason.notScored', params: { name: criterion.name } });
    else if (score.score > criterion.maxScore) {
      issues.push({
        field: `scores.${i}.score`,
        key: 'reason.aboveMaximum',
        params: { maxScore: criterion.maxScore },
      });
    }
  });
  for (const score of scores) {
    if (!set.criteria.some((c) => c.id === score.criterionId))
      issues.push({ field: 'scores', key: 'reason.noCriterion', params: { criterionId: score.criterionId } });
  }
  return issues;
}

/** Da Lat's published standards (domain.md), used for the demo province. */
export const DEMO_CRITERIA: Record<(typeof KINDS)[number], CriteriaSet['criteria']> = {
  MODEL: [
    { id: 'sang-tao', name: 'Sáng tạo, tiết kiệm thời gian, chi phí', maxScore: 20 },
    { id: 'chap-hanh', name: 'Người đứng đầu vận động nhân dân chấp hành pháp luật', maxScore: 20 },
    { id: 'huy-dong', name: 'Huy động được nhiều lực lượng tham gia', maxScore: 20 },
    { id: 'hai-hoa', name: 'Hài hòa lợi ích tập thể, cá nhân và xã hội', maxScore: 20 },
    { id: 'ben-vung', name: 'Bền vững, có khả năng nhân rộng', maxScore: 20 },
  ],
  EXEMPLAR: [
    { id: 'guong-mau', name: 'Gương mẫu, đi đầu trong thực hiện', maxScore: 20 },
    { id: 'uy-tin', name: 'Có uy tín, được nhân dân tin tưởng', maxScore: 20 },
    { id: 'van-dong', name: 'Vận động được nhiều người tham gia', maxScore: 20 },
    { id: 'hieu-qua', name: 'Kết quả cụ thể, đo đếm được', maxScore: 20 },
    { id: 'lan-toa', name: 'Có sức lan tỏa trong cộng đồng', maxScore: 20 },
  ],
};
