import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../../core/deps.ts';
import type { AuditEvent, Model } from '../../core/model.ts';
import { modelTimeline } from '../../core/store/model-store.ts';

/**
 * Recomputes a board's counters from the raw items (models and their audit trails), without
 * the counter code: what each model's status was at the end of each cycle year, and which
 * funnel events happened in it.
 */
export async function recountBoard(deps: Deps, boardId: string): Promise<Map<number, Record<string, number>>> {
  const models: Model[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `BOARD#${boardId}` },
        ExclusiveStartKey,
      }),
    );
    models.push(...((page.Items ?? []) as Model[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);

  const counts = new Map<number, Record<string, number>>();
  const add = (year: number, key: string, n = 1) => {
    const c = counts.get(year) ?? {};
    c[key] = (c[key] ?? 0) + n;
    counts.set(year, c);
  };
  for (const model of models) {
    const dims = `${model.area}|${model.kind}|${model.targetLevel ?? 'COMMUNE'}`;
    const { events } = await modelTimeline(deps, model.id);
    const transitions = events
      .filter((e): e is AuditEvent & { to: NonNullable<AuditEvent['to']> } => e.type === 'TRANSITION' && !!e.to)
      .sort((a, b) => a.at.localeCompare(b.at));
    const finalStatus = new Map<number, string>();
    for (const e of transitions) {
      // The move into a new cycle is recorded under the old year but starts the next one.
      const year = e.stage === 'NEXT_CYCLE' ? e.year + 1 : e.year;
      finalStatus.set(year, e.to);
      if (e.from === 'DRAFT' && e.to === 'SUBMITTED') {
        add(year, `e|REGISTERED|${dims}`);
        if (model.sourceModelId) add(year, `e|REPLICATED|${dims}`);
      }
      if (e.from === 'SUBMITTED' && e.to === 'IMPLEMENTING') add(year, `e|ACCEPTED|${dims}`);
      if (e.to === 'RECOGNIZED') add(year, `e|RECOGNIZED|${dims}`);
      if (e.to === 'STOPPED') add(year, `e|STOPPED|${dims}`);
      if (e.to === 'STOPPED' && model.stopReason) add(year, `s|${model.stopReason}|${dims}`);
    }
    for (const [year, status] of finalStatus) if (status !== 'DRAFT') add(year, `n|${status}|${dims}`);
  }
  return counts;
}

/** Counters without zero entries or indicator sums, for comparing with a recount. */
export function statusAndEvents(counters: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counters).filter(([k, v]) => v !== 0 && !k.startsWith('i|') && !k.startsWith('r|')));
}
