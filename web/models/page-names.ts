import { t, type Lang } from '../i18n/dictionary.ts';

/** Names a model page shows where the records hold ids: its unit, its board, the people who acted. */
export type PageNames = {
  unit?: string;
  board?: string;
  people: Map<string, string>;
  /** The unit that registered the model, when it is now under another (a merged unit). */
  registeredBy?: string;
};

/** The workflow's own steps are recorded as "system". */
export const SYSTEM_ACTOR = 'system';

/** A person by their display name (their username beside it); the workflow as "the system". */
export function personName(lang: Lang, names: PageNames | undefined, username: string): string {
  if (username === SYSTEM_ACTOR) return t(lang, 'names.system');
  const name = names?.people.get(username);
  return name ? `${name} (${username})` : username;
}
