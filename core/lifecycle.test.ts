import { describe, expect, it } from 'vitest';
import { STAGE_RULES, STAGES, assigneeOf, nextStatus } from './lifecycle.ts';
import { BoardDecisionSchema } from './step-inputs.ts';

describe('lifecycle rules', () => {
  it('moves a model through review, return and appraisal outcomes', () => {
    expect(nextStatus('REGISTRATION_REVIEW', 'ACCEPT')).toBe('IMPLEMENTING');
    expect(nextStatus('REGISTRATION_REVIEW', 'RETURN')).toBe('RETURNED');
    expect(nextStatus('REVISION', 'REVISE')).toBe('SUBMITTED');
    expect(nextStatus('APPRAISAL', 'STOP')).toBe('STOPPED');
    expect(nextStatus('APPRAISAL', 'ACCEPT')).toBeUndefined();
  });

  it('each step waits in the status the previous step leads to', () => {
    expect(STAGE_RULES.REVISION.waitsIn).toBe(nextStatus('REGISTRATION_REVIEW', 'RETURN'));
    expect(STAGE_RULES.YEARLY_REVIEW.waitsIn).toBe(nextStatus('REGISTRATION_REVIEW', 'ACCEPT'));
    expect(STAGE_RULES.YEARLY_REPORT.waitsIn).toBe(nextStatus('YEARLY_REVIEW', 'OPEN'));
    expect(STAGE_RULES.APPRAISAL.waitsIn).toBe(nextStatus('YEARLY_REPORT', 'REPORT'));
  });

  it('assigns board steps to the board, unit steps to the unit and the wait to the yearly review', () => {
    const model = { unitId: 'u1', boardId: 'b1' };
    expect(STAGES.map((stage) => assigneeOf(stage, model, 2026))).toEqual(['BOARD#b1', 'UNIT#u1', 'REVIEW#2026', 'UNIT#u1', 'BOARD#b1']);
  });

  it('requires a reason to return, reject or stop', () => {
    expect(BoardDecisionSchema.safeParse({ stage: 'REGISTRATION_REVIEW', outcome: 'RETURN' }).success).toBe(false);
    expect(BoardDecisionSchema.safeParse({ stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: '  ' }).success).toBe(false);
    expect(BoardDecisionSchema.safeParse({ stage: 'APPRAISAL', outcome: 'STOP', stopReason: 'FORMALISTIC' }).success).toBe(false);
    expect(
      BoardDecisionSchema.safeParse({ stage: 'APPRAISAL', outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'hình thức' }).success,
    ).toBe(true);
    expect(BoardDecisionSchema.safeParse({ stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' }).success).toBe(true);
  });
});
