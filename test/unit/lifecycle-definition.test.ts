import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertCanAct, type Actor } from '../../core/actor.ts';
import { PHASE_START, STAGES, STAGE_RULES, WORKFLOW_TRANSITIONS } from '../../core/lifecycle.ts';
import { MODEL_STATUSES } from '../../core/model.ts';
import { HANDLER_ENV } from '../../functions/shared/env.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/shared/timeouts.ts';
import { hasKey } from '../../web/i18n/dictionary.ts';
import { LIFECYCLE_ASL_PATH, LIFECYCLE_FUNCTIONS } from '../../workflows/lifecycle-functions.ts';
import { awaitState, lifecycleAslText } from '../../workflows/lifecycle-asl.ts';

type State = {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
  Parameters?: { FunctionName?: string; Payload?: { stage?: string } };
};
const committed = readFileSync(LIFECYCLE_ASL_PATH, 'utf8');
const asl = JSON.parse(committed) as { StartAt: string; States: Record<string, State> };

/**
 * The lifecycle lives in one table (core/lifecycle.ts); everything else is generated from it or
 * must agree with it. Each check here fails when a part drifts.
 */
describe('the lifecycle definition', () => {
  it('is the source of the committed ASL (run `npm run gen:asl` after changing core/lifecycle.ts)', () => {
    expect(committed).toBe(lifecycleAslText());
  });

  it('has a waiting state for every step an execution runs, opening that step', () => {
    for (const stage of STAGES) {
      const state = asl.States[awaitState(stage)];
      if (!STAGE_RULES[stage].execution) {
        expect(state, `${stage} rests in DynamoDB: no execution waits for it`).toBeUndefined();
        continue;
      }
      expect(state?.Type, stage).toBe('Task');
      expect(state?.Parameters?.Payload?.stage).toBe(stage);
    }
    expect(Object.values(PHASE_START).every((stage) => STAGE_RULES[stage].execution)).toBe(true);
  });

  it('reaches every state from the start and leaves no Next dangling', () => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      const state = asl.States[name];
      expect(state, `state ${name}`).toBeDefined();
      seen.add(name);
      for (const next of [
        state!.Next,
        state!.Default,
        ...(state!.Choices ?? []).map((c) => c.Next),
        ...(state!.Catch ?? []).map((c) => c.Next),
      ])
        if (next) visit(next);
    };
    visit(asl.StartAt);
    expect([...seen].sort()).toEqual(Object.keys(asl.States).sort());
  });

  it('moves models only between known statuses, and every status is reachable', () => {
    const reachable = new Set<string>(['DRAFT']);
    for (const rule of Object.values(STAGE_RULES)) {
      reachable.add(rule.waitsIn);
      for (const { to } of Object.values(rule.outcomes)) reachable.add(to);
    }
    for (const t of Object.values(WORKFLOW_TRANSITIONS)) reachable.add(t.to);
    expect([...reachable].sort()).toEqual([...MODEL_STATUSES].sort());
  });

  it('labels every step, outcome and status in both languages', () => {
    for (const stage of STAGES) {
      expect(hasKey(`stage.${stage}`), stage).toBe(true);
      for (const outcome of Object.keys(STAGE_RULES[stage].outcomes)) expect(hasKey(`outcome.${outcome}`), outcome).toBe(true);
    }
    for (const status of MODEL_STATUSES) expect(hasKey(`status.${status}`), status).toBe(true);
  });

  it('lets exactly the assignee of each step act on it', () => {
    const people: Record<string, Actor> = {
      board: { kind: 'user', username: 'b', role: 'board', boardId: 'b1' },
      unit: { kind: 'user', username: 'u', role: 'unit', unitId: 'u1' },
      admin: { kind: 'user', username: 'a', role: 'admin' },
    };
    const assignee = { BOARD: 'BOARD#b1', UNIT: 'UNIT#u1', REVIEW: 'REVIEW#2026' } as const;
    const mayAct = { BOARD: ['board', 'admin'], UNIT: ['unit'], REVIEW: ['admin'] } as const;
    for (const stage of STAGES) {
      const kind = STAGE_RULES[stage].assignee;
      for (const [who, actor] of Object.entries(people)) {
        const acts = (() => {
          try {
            assertCanAct(actor, assignee[kind]);
            return true;
          } catch {
            return false;
          }
        })();
        expect(acts, `${who} on ${stage}`).toBe((mayAct[kind] as readonly string[]).includes(who));
      }
    }
  });

  it('names only functions that exist, each with a handler, an environment and a timeout', () => {
    const placeholders = [...committed.matchAll(/\$\{(\w+FunctionArn)\}/g)].map((m) => m[1]!);
    expect([...new Set(placeholders)].sort()).toEqual(Object.keys(LIFECYCLE_FUNCTIONS).sort());
    for (const name of Object.values(LIFECYCLE_FUNCTIONS)) {
      expect(existsSync(new URL(`../../functions/${name}-handler.ts`, import.meta.url)), name).toBe(true);
      expect(name in HANDLER_ENV, name).toBe(true);
      expect(FUNCTION_TIMEOUT_SECONDS[name], name).toBeGreaterThan(0);
    }
  });
});
