import { describe, expect, it } from 'vitest';
import { registrationBody } from '../test/support/use-case-world.ts';
import { DraftSchema, RegistrationSchema } from './registration.ts';
import { fieldIssues } from './validation.ts';

const issuesOf = (schema: typeof RegistrationSchema | typeof DraftSchema, body: unknown) => {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : fieldIssues(parsed.error.issues);
};

describe('the period a registration names', () => {
  it('must be the one its year falls in, for a registration and for a draft', () => {
    const wrong = { field: 'period', key: 'reason.yearInPeriod', params: { year: 2024, period: '2021-2025' } };
    expect(issuesOf(RegistrationSchema, { ...registrationBody(), year: 2024, period: '2026-2030' })).toEqual([wrong]);
    expect(issuesOf(DraftSchema, { name: 'Nháp', year: 2024, period: '2026-2030' })).toEqual([wrong]);
    expect(issuesOf(RegistrationSchema, { ...registrationBody(), year: 2024, period: '2021-2025' })).toEqual([]);
  });

  it('is not checked on a draft that has no year yet', () => {
    expect(issuesOf(DraftSchema, { name: 'Nháp', period: '2026-2030' })).toEqual([]);
  });
});
