import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/lifecycle.ts';
import { AREAS, KINDS, LEVELS, MODEL_STATUSES, STOP_REASONS } from '../../core/model.ts';
import { dictionaryEntries, hasKey, label, localize, t } from '../../web/i18n/dictionary.ts';

describe('dictionary', () => {
  const { vi, en } = dictionaryEntries();

  it('has the same keys in vi and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('has no empty strings', () => {
    for (const [lang, dict] of Object.entries({ vi, en })) {
      for (const [key, text] of Object.entries(dict)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi)) expect(names(en[key] ?? ''), key).toEqual(names(vi[key] ?? ''));
  });

  it('labels every code the domain uses', () => {
    const families: [string, readonly string[]][] = [
      ['status', MODEL_STATUSES],
      ['area', AREAS],
      ['kind', KINDS],
      ['level', LEVELS],
      ['stopReason', STOP_REASONS],
      ['stage', STAGES],
    ];
    for (const [family, codes] of families) for (const code of codes) expect(hasKey(`${family}.${code}`), `${family}.${code}`).toBe(true);
  });

  it('has the agreed Vietnamese labels', () => {
    expect(label('vi', 'status', 'RETURNED')).toBe('Trả lại để bổ sung');
    expect(label('vi', 'area', 'POLITICAL_SYSTEM')).toBe('Xây dựng hệ thống chính trị');
    expect(label('vi', 'kind', 'EXEMPLAR')).toBe('Điển hình (cá nhân)');
    expect(label('vi', 'status', 'UNKNOWN_CODE')).toBe('UNKNOWN_CODE');
  });

  it('fills placeholders', () => {
    expect(t('en', 'admin.reviewResult', { year: 2026, released: 3, skipped: 0 })).toBe(
      'Yearly review 2026 opened: 3 models moved to their report, 0 skipped.',
    );
  });

  it('keeps the reader’s side of a bilingual core message', () => {
    expect(localize('vi', 'bắt buộc / required')).toBe('bắt buộc');
    expect(localize('en', 'bắt buộc / required')).toBe('required');
    expect(localize('en', 'plain')).toBe('plain');
  });
});
