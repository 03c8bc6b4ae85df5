import { createRoute, z } from '@hono/zod-openapi';
import { getSignals } from '../../core/use-cases/model-signals.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { ModelIdParams, json, openApiRouter, readErrors } from '../api/openapi-app.ts';

const percent = z.number().int().min(0).max(100);

/** One schema per code, mirroring core/signals/signals.ts `Signal` (the handler's type check keeps them in step). */
const SignalSchema = z
  .discriminatedUnion('code', [
    z.object({
      code: z.literal('REPORT_OVERDUE'),
      params: z.object({ dueAt: z.string(), submittedAt: z.string().optional(), daysLate: z.number().int() }),
    }),
    z.object({
      code: z.literal('INDICATOR_WITHOUT_TARGET'),
      params: z.object({ indicators: z.array(z.string()), registered: z.number().int() }),
    }),
    z.object({
      code: z.literal('OUTCOMES_UNCHANGED'),
      params: z.object({ previousYear: z.number().int(), indicators: z.array(z.object({ name: z.string(), actual: z.number() })) }),
    }),
    z.object({
      code: z.literal('REPORT_SIMILAR_TO_LAST_YEAR'),
      params: z.object({ previousYear: z.number().int(), similarity: percent, threshold: percent }),
    }),
    z.object({
      code: z.literal('REPORT_SIMILAR_TO_PEER'),
      params: z.object({ peerModelId: z.string(), peerModelName: z.string().optional(), similarity: percent, threshold: percent }),
    }),
    z.object({ code: z.literal('NO_EVIDENCE'), params: z.object({ evidenceCount: z.number().int() }) }),
  ])
  .openapi('FormalismSignal');

const SignalsResponse = z
  .object({
    signals: z.array(SignalSchema),
    peerCheck: z.object({
      compared: z.number().int().openapi({ description: 'Peer reports (same board and year) compared with this one' }),
      limit: z.number().int(),
      truncated: z.boolean().openapi({ description: 'The board may have more reports than were compared' }),
    }),
  })
  .openapi('FormalismSignals');

/** Formalism signals for the board's appraisal: facts with their reasons, never a decision. */
export function signalApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/models/:id/signals', requireActor(deps));
  return app.openapi(
    createRoute({
      method: 'get',
      path: '/api/models/{id}/signals',
      operationId: 'getSignals',
      tags: ['models'],
      summary: 'Formalism signals of a model’s current cycle year, each with the facts that fired it (board, administrators)',
      request: { params: ModelIdParams },
      responses: { 200: json(SignalsResponse, 'The signals that fired (none: an empty list)'), ...readErrors },
    }),
    async (c) => c.json(await getSignals(deps, c.get('actor'), c.req.valid('param').id), 200),
  );
}
