import { describe, expect, it } from 'vitest';
import { STAGES } from '../../core/lifecycle.ts';
import { AREAS, KINDS, LEVELS, MODEL_STATUSES, STOP_REASONS } from '../../core/model.ts';
import { ValidationError } from '../../core/errors.ts';
import { MESSAGE_KEYS } from '../../core/messages.ts';
import { RegistrationSchema } from '../../core/registration.ts';
import { parseOrThrow } from '../../core/validation.ts';
import { errorInEnglish } from '../../web/i18n/error-text.ts';
import { dictionaryEntries, describeError, hasKey, label, message, t } from '../../web/i18n/dictionary.ts';

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

  it('has non-empty vi and en strings with the same placeholders for every message key of core', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of MESSAGE_KEYS) {
      expect(vi[key]?.trim(), `vi ${key}`).toBeTruthy();
      expect(en[key]?.trim(), `en ${key}`).toBeTruthy();
      expect(names(en[key]!), key).toEqual(names(vi[key]!));
      // No message is bilingual any more: one language per string.
      expect(vi[key], key).not.toContain(' / ');
    }
  });

  it('renders a message key with its params, codes as their labels', () => {
    expect(message('en', 'error.adminsOnly')).toBe('administrators only');
    expect(message('vi', 'error.adminsOnly')).toBe('Chỉ quản trị viên');
    expect(message('en', 'error.modelIsInStatus', { status: 'RETURNED' })).toBe(`the model is ${label('en', 'status', 'RETURNED')}`);
    expect(message('vi', 'reason.levelAboveBoard', { board: 'Ban X', boardLevel: 'DISTRICT', level: 'PROVINCE' })).toBe(
      'Ban X (Cấp huyện) chỉ công nhận từ cấp của ban trở xuống, không công nhận Cấp tỉnh',
    );
  });

  it('renders a zod issue with its limit, in each language', () => {
    const error = (() => {
      try {
        parseOrThrow(RegistrationSchema, { name: 'x'.repeat(201) });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error).toBeInstanceOf(ValidationError);
    const name = error.issues.find((i) => i.field === 'name')!;
    expect(name).toEqual({ field: 'name', key: 'reason.tooLong', params: { maximum: 200 } });
    expect(message('vi', name.key, name.params)).toBe('tối đa 200 ký tự');
    expect(message('en', name.key, name.params)).toBe('at most 200 characters');
    const kind = error.issues.find((i) => i.field === 'kind')!;
    expect(kind.key).toBe('reason.notInList');
    expect(message('en', kind.key, kind.params)).toBe('not one of Model (collective), Exemplar (individual)');
    expect(error.issues.find((i) => i.field === 'situation')).toEqual({ field: 'situation', key: 'reason.required' });
    expect(describeError('en', error)).toMatch(/^invalid input: .*name: at most 200 characters/);
    // The workflow functions' English-only renderer (no page dictionary in their bundles) says the same.
    expect(errorInEnglish(error)).toBe(describeError('en', error));
  });
});

describe('closed values and types in a reason', () => {
  it('are named in the reader’s language, never as codes or English words in Vietnamese', () => {
    const issue = (data: unknown) => {
      try {
        parseOrThrow(RegistrationSchema, data);
      } catch (error) {
        return (error as ValidationError).issues;
      }
      return [];
    };
    const [level] = issue({ targetLevel: 'VILLAGE' }).filter((i) => i.field === 'targetLevel');
    expect(message('vi', level!.key, level!.params)).toContain('Cấp xã');
    expect(message('vi', level!.key, level!.params)).not.toMatch(/COMMUNE|PROVINCE/);
    expect(message('en', 'reason.wrongType', { expected: 'number' })).toBe('expected a number');
    expect(message('vi', 'reason.wrongType', { expected: 'number' })).not.toContain('number');
    // Logs keep the codes.
    expect(describeError('en', { key: 'error.invalidInput', issues: [level!] })).toContain('COMMUNE');
    expect(errorInEnglish({ key: 'error.invalidInput', issues: [level!] })).toBe(
      describeError('en', { key: 'error.invalidInput', issues: [level!] }),
    );
  });
});
