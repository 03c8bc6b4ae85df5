import type { FieldIssue } from '../../core/errors.ts';
import type { MessageKey, MessageParams } from '../../core/messages.ts';
import { en } from './en.ts';
import { fillPlaceholders } from './placeholders.ts';
import { vi } from './vi.ts';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type DictKey = keyof typeof vi;

const dictionaries: Record<Lang, Record<DictKey, string>> = { vi, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: DictKey, params?: Record<string, string | number>): string {
  return fillPlaceholders(dictionaries[lang][key], params);
}

export function hasKey(key: string): key is DictKey {
  return Object.hasOwn(vi, key);
}

/** Label of a code from a family (`status`, `stage`, ...); unknown codes are shown as they are. */
export function label(lang: Lang, family: string, code: string | undefined): string {
  if (!code) return '';
  const key = `${family}.${code}`;
  return hasKey(key) ? t(lang, key) : code;
}

/** Params that are codes, shown as their labels: `{status}` "RETURNED" -> "Trả lại để bổ sung". */
const CODE_PARAMS: Record<string, string> = {
  status: 'status',
  stage: 'stage',
  level: 'level',
  boardLevel: 'level',
  role: 'boardRole',
  expected: 'valueType',
};
/** Families a list of allowed values (`{values}` of a closed field) is looked up in, for their labels. */
const VALUE_FAMILIES = ['level', 'area', 'kind', 'status', 'stopReason', 'outcome', 'boardRole', 'unitType', 'stage'];

const valueLabel = (lang: Lang, code: string) => {
  const family = VALUE_FAMILIES.find((f) => hasKey(`${f}.${code}`));
  return family ? label(lang, family, code) : code;
};

/**
 * A message of core (core/messages.ts: a domain error's key, a field issue's key) in `lang`,
 * placeholders filled from `params`. `codes: 'raw'` keeps codes as they are (logs, execution history).
 */
export function message(lang: Lang, key: MessageKey, params?: MessageParams, options: { codes?: 'label' | 'raw' } = {}): string {
  if (!params) return t(lang, key);
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const family = options.codes === 'raw' ? undefined : CODE_PARAMS[name];
    if (name === 'values' && typeof value === 'string' && options.codes !== 'raw') {
      shown[name] = value
        .split(', ')
        .map((code) => valueLabel(lang, code))
        .join(', ');
    } else shown[name] = family && typeof value === 'string' ? label(lang, family, value) : value;
  }
  return t(lang, key, shown);
}

/** A domain error as one line of text, its field reasons after the message: for logs and execution history. */
export function describeError(lang: Lang, error: { key: MessageKey; params?: MessageParams; issues?: readonly FieldIssue[] }): string {
  const text = message(lang, error.key, error.params, { codes: 'raw' });
  if (!error.issues?.length) return text;
  return `${text}: ${error.issues.map((i) => `${i.field}: ${message(lang, i.key, i.params, { codes: 'raw' })}`).join('; ')}`;
}

/** For tests: the keys and raw strings of both languages. */
export function dictionaryEntries(): Record<Lang, Record<string, string>> {
  return { vi: { ...vi }, en: { ...en } };
}
