import { en } from './en.ts';
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
  const text = dictionaries[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : text;
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

/** Core messages are "vi / en": keep the side of the reader's language. */
export function localize(lang: Lang, message: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return lang === 'vi' ? message.slice(0, at) : message.slice(at + 3);
}

/** For tests: the keys and raw strings of both languages. */
export function dictionaryEntries(): Record<Lang, Record<string, string>> {
  return { vi: { ...vi }, en: { ...en } };
}
