import { SendTaskHeartbeatCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS, type Deps } from '../../core/deps.ts';
import { EXECUTION_NAME, executionInputs, executionNames, partOfExecution } from '../../core/lifecycle.ts';
import type { ModelStatus } from '../../core/model.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { checkEndedExecution, type EndedExecution } from '../../core/use-cases/orphan-detection.ts';
import { resumeInput, resumePlan } from '../../core/use-cases/resume-plan.ts';
import { lifecycleAsl } from '../../workflows/lifecycle-asl.ts';

/** The orphan rule on its own: which ended executions leave their model waiting, and which do not. */
const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const deps: Deps = {
  db: createDocumentClient(new DynamoDBClient({ region: 'local', credentials })),
  tableName: 't',
  sfn: new SFNClient({ region: 'local', credentials }),
  stateMachineArn: 'arn:aws:states:local:0:stateMachine:m',
  timeouts: DEFAULT_TIMEOUTS,
  now: () => new Date('2026-12-02T00:00:00Z'),
};
const id = '0b7c2f9e-3f1d-4f39-9a57-6a3c2a9d1e11';
let model: { id: string; status: ModelStatus; cycleYear: number; unitId: string; boardId: string };
let token = 'live-token';
const modelFields = {
  ...{
    name: 'm',
    situation: 's',
    objectives: 'o',
    content: 'c',
    targetGroup: 't',
    forces: 'f',
    resources: 'r',
    outputs: 'o',
    sustainability: 's',
  },
  ...{ kind: 'MODEL', area: 'ECONOMY', year: 2026, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
};
const taskFields = { assignee: 'BOARD#b', openedAt: '2026-11-01T00:00:00Z', dueAt: '2026-12-01T00:00:00Z', overdue: false };

beforeEach(() => {
  ddb.reset();
  sfn.reset();
  model = { id, status: 'SUBMITTED', cycleYear: 2026, unitId: 'u', boardId: 'b' };
  token = 'dead-token';
  ddb.on(GetCommand).callsFake((input: { Key: { sk: string } }) => ({
    // Whole items: the store parses what it reads.
    Item:
      input.Key.sk === 'META'
        ? { ...modelFields, ...model }
        : { ...taskFields, modelId: id, year: 2026, stage: 'REGISTRATION_REVIEW', status: 'PENDING', token, round: 1, version: 1 },
  }));
  ddb.on(UpdateCommand).resolves({});
  sfn.on(SendTaskHeartbeatCommand).callsFake((input: { taskToken: string }) => {
    if (input.taskToken !== 'live-token') throw Object.assign(new Error('Task Does Not Exist'), { name: 'TaskDoesNotExist' });
    return {};
  });
});

const registration = (extra: Partial<EndedExecution> = {}): EndedExecution => ({
  name: `${id}-r`,
  status: 'ABORTED',
  input: JSON.stringify(executionInputs.registration(id, 2026, DEFAULT_TIMEOUTS)),
  output: null,
  ...extra,
});
const written = () => ddb.commandCalls(UpdateCommand).length;

describe('an ended lifecycle execution', () => {
  it('orphans a model that still waits in a step of its phase and year, with no live token', async () => {
    expect(await checkEndedExecution(deps, registration({ error: 'Operator' }))).toMatchObject({
      modelId: id,
      endedAs: 'ABORTED',
      phase: 'REGISTRATION',
      executionName: `${id}-r`,
    });
    expect(written()).toBe(1);
    for (const status of ['SUCCEEDED', 'FAILED', 'TIMED_OUT'] as const)
      expect(await checkEndedExecution(deps, registration({ status }))).toMatchObject({ endedAs: status });
  });

  it('leaves alone what ended legitimately or is carried elsewhere', async () => {
    const handedOver = registration({ status: 'SUCCEEDED', output: JSON.stringify({ continuation: { part: 1 } }) });
    expect(await checkEndedExecution(deps, handedOver)).toBeUndefined();
    expect(await checkEndedExecution(deps, registration({ error: 'Upgraded' }))).toBeUndefined();
    expect(await checkEndedExecution(deps, registration({ status: 'RUNNING' }))).toBeUndefined();
    // A v1 execution's input names no phase.
    expect(await checkEndedExecution(deps, registration({ input: JSON.stringify({ modelId: id, year: 2026 }) }))).toBeUndefined();
    for (const status of ['IMPLEMENTING', 'REJECTED', 'REPORTING'] as const) {
      model.status = status; // rests, ended, or in its cycle: nothing of the registration is awaited
      expect(await checkEndedExecution(deps, registration()), status).toBeUndefined();
    }
    model = { ...model, status: 'SUBMITTED', cycleYear: 2027 };
    expect(await checkEndedExecution(deps, registration())).toBeUndefined();
    model.cycleYear = 2026;
    token = 'live-token'; // another execution (a recovery, a continuation) waits on the step
    expect(await checkEndedExecution(deps, registration())).toBeUndefined();
    expect(written()).toBe(0);
  });

  it('knows what a cycle still needs: its first step, its appraisal, or the next cycle', async () => {
    const cycle = (status: ModelStatus) => {
      model.status = status;
      return checkEndedExecution(deps, {
        name: `${id}-y2026`,
        status: 'ABORTED',
        input: JSON.stringify(executionInputs.cycle(id, 2026, DEFAULT_TIMEOUTS)),
      });
    };
    for (const status of ['IMPLEMENTING', 'REPORTING', 'REPORTED', 'RECOGNIZED', 'CONTINUING'] as const)
      expect(await cycle(status), status).toMatchObject({ phase: 'CYCLE' });
    expect(await cycle('STOPPED')).toBeUndefined();
  });
});

describe('resuming and naming', () => {
  it('plans as the v1 upgrade did, and resumes with the inputs it started', () => {
    const m = (status: ModelStatus) => ({ ...model, status }) as never;
    expect(resumePlan(m('SUBMITTED'), 2026)).toEqual({ kind: 'execution', phase: 'REGISTRATION', resume: 'REGISTRATION_REVIEW' });
    expect(resumePlan(m('DRAFT'), 2026)).toEqual({ kind: 'execution', phase: 'REGISTRATION' });
    expect(resumePlan(m('IMPLEMENTING'), 2026)).toEqual({ kind: 'rest' });
    expect(resumePlan(m('IMPLEMENTING'), 2026, true)).toEqual({ kind: 'execution', phase: 'CYCLE' });
    expect(resumePlan(m('CONTINUING'), 2026)).toEqual({ kind: 'next-cycle' });
    expect(resumePlan(m('REPORTED'), 2025)).toMatchObject({ kind: 'none' });
    expect(JSON.stringify(resumeInput(id, 2026, DEFAULT_TIMEOUTS, 'REGISTRATION', 'REVISION'))).toBe(
      JSON.stringify({ ...executionInputs.registration(id, 2026, DEFAULT_TIMEOUTS), resume: 'REVISION' }),
    );
    expect(resumeInput(id, 2026, DEFAULT_TIMEOUTS, 'CYCLE', 'APPRAISAL', 3)).toMatchObject({
      phase: 'CYCLE',
      part: 3,
      resume: 'APPRAISAL',
    });
  });

  it('names parts as the ASL hands over, within the 80 characters Step Functions allows', () => {
    const states = lifecycleAsl().States as Record<string, { Parameters?: Record<string, string> }>;
    expect(states.ContinueRegistration!.Parameters!['Name.$']).toBe("States.Format('{}-r-k{}', $.modelId, $.continuation.part)");
    expect(states.ContinueCycle!.Parameters!['Name.$']).toBe("States.Format('{}-y{}-k{}', $.modelId, $.year, $.continuation.part)");
    expect(executionNames.part('REGISTRATION', id, 2026, 2)).toBe(`${id}-r-k2`);
    expect(executionNames.part('CYCLE', id, 2026, 0)).toBe(`${id}-y2026`);
    expect(executionNames.part('CYCLE', id, 2026, 123456)).toMatch(EXECUTION_NAME);
    expect(partOfExecution(`${id}-y2026-k7`)).toBe(7);
    expect(partOfExecution(`${id}-r`)).toBe(0);
    expect(() => executionNames.part('CYCLE', 'x'.repeat(75), 2026, 1)).toThrow(RangeError);
    expect(() => executionNames.part('CYCLE', 'a b', 2026, 1)).toThrow(RangeError);
  });
});
