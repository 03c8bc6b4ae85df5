import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { recordBounces } from '../core/use-cases/notifications.ts';
import { logger, observability } from './shared/observability.ts';
import { stepDeps } from './shared/step-handler.ts';

const deps = stepDeps();

/** The SES event (configuration set → SNS) fields we read: a bounce's or complaint's recipients. */
const SesEventSchema = z.object({
  eventType: z.enum(['Bounce', 'Complaint']),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string() })) })),
  complaint: z.optional(z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) })),
});

/**
 * Records bounces and complaints SES reports through the configuration set's SNS destination:
 * the accounts with that address get `emailBouncedAt` and receive nothing until it changes. A
 * transient bounce is only logged.
 */
export const handler = middy<SNSEvent>()
  .use(observability())
  .handler(async (event) => {
    let recorded = 0;
    for (const record of event.Records) {
      const parsed = SesEventSchema.safeParse(JSON.parse(record.Sns.Message));
      if (!parsed.success) continue;
      const e = parsed.data;
      if (e.eventType === 'Bounce' && e.bounce?.bounceType !== 'Permanent') continue;
      const addresses = (e.bounce?.bouncedRecipients ?? e.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress);
      recorded += await recordBounces(deps, addresses);
    }
    logger.info('bounces recorded', { recorded });
    return { recorded };
  });
