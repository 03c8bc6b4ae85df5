/** Key builders for the single table (see core/table.ts for the access patterns). */
export const modelKey = (id: string) => ({ pk: `MODEL#${id}`, sk: 'META' });
export const taskKey = (modelId: string, year: number, stage: string) => ({ pk: `MODEL#${modelId}`, sk: `TASK#${year}#${stage}` });
export const decisionKey = (modelId: string, year: number, stage: string, round: number) => ({
  pk: `MODEL#${modelId}`,
  sk: `DECISION#${year}#${stage}#${String(round).padStart(3, '0')}`,
});
export const eventSortKey = (at: string, suffix: string) => `EVENT#${at}#${suffix}`;
export const userKey = (username: string) => ({ pk: `USER#${username.toLowerCase()}`, sk: 'META' });
export const unitKey = (id: string) => ({ pk: `UNIT#${id}`, sk: 'META' });
export const boardKey = (id: string) => ({ pk: `BOARD#${id}`, sk: 'META' });

/** Strips the storage keys from an item before it leaves the store. */
export function withoutKeys<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'> {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest;
}
