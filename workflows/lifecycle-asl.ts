import { PHASE_START, STAGES, STAGE_RULES, type Phase, type Stage, type Then } from '../core/lifecycle.ts';

/**
 * Generates workflows/model-lifecycle.asl.json from the step table in core/lifecycle.ts, so
 * the ASL, the rules and the pages cannot disagree (`npm run gen:asl` writes it; a test
 * checks the committed file equals this). Every Task retries the transient Lambda and
 * throttling errors with backoff and jitter (AWS: "Handle transient Lambda service
 * exceptions"); what is not transient (States.TaskFailed: every error but States.Timeout)
 * records the model as needing attention and fails the execution, so it is never silent.
 */
type State = Record<string, unknown>;

/** Errors AWS documents as transient for a Lambda task, plus our own TransientError (throttling, contention). */
export const TRANSIENT_LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
  'TransientError',
];
const TRANSIENT_SFN_ERRORS = [
  'StepFunctions.SdkClientException',
  'StepFunctions.ThrottlingException',
  'StepFunctions.ExecutionLimitExceededException',
];
const backoff = { IntervalSeconds: 1, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 30, JitterStrategy: 'FULL' };
const toAttention = { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'NeedsAttention' };

const pascal = (stage: string) => stage.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
export const awaitState = (stage: Stage) => `Await${pascal(stage)}`;
const overdueState = (stage: Stage) => `Mark${pascal(stage)}Overdue`;
const handOverState = (stage: Stage) => `HandOver${pascal(stage)}`;
const continueState = (phase: Phase) => `Continue${pascal(phase)}`;

function lambdaTask(functionKey: string, payload: Record<string, unknown>, rest: State): State {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${${functionKey}}`, Payload: payload },
    Retry: [{ ErrorEquals: TRANSIENT_LAMBDA_ERRORS, ...backoff }],
    ...rest,
  };
}

function startExecutionTask(name: Record<string, string>, input: string, next: string, comment: string): State {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution',
    Comment: comment,
    Parameters: { StateMachineArn: '${LifecycleStateMachineArn}', ...name, 'Input.$': input },
    ResultPath: null,
    Retry: [{ ErrorEquals: TRANSIENT_SFN_ERRORS, ...backoff }],
    // Started already (a retried start): the name makes it one execution.
    Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], ResultPath: null, Next: next }, toAttention],
    Next: next,
  };
}

const ids = { 'modelId.$': '$.modelId', 'year.$': '$.year' };

function target(then: Then, to: string): string {
  if (then === 'REST') return 'JoinOpenReview';
  if (then === 'NEXT_CYCLE') return 'BeginNextCycle';
  if (then === 'END') return pascal(to);
  return awaitState(then.step);
}

function stepStates(stage: Stage): Record<string, State> {
  const rule = STAGE_RULES[stage];
  const execution = rule.execution!;
  const outcomes = Object.entries(rule.outcomes);
  const [, only] = outcomes[0]!;
  const states: Record<string, State> = {
    [awaitState(stage)]: {
      Type: 'Task',
      Comment: `Waits for the ${stage} step (${rule.assignee.toLowerCase()}); open-task writes the pending task with this token.`,
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: '${OpenTaskFunctionArn}',
        Payload: {
          ...ids,
          stage,
          'taskToken.$': '$$.Task.Token',
          'timeoutSeconds.$': `$.timeouts.${execution.timeout}`,
          'handOverAfterSeconds.$': '$.timeouts.handOverAfter',
          'executionStartedAt.$': '$$.Execution.StartTime',
        },
      },
      TimeoutSecondsPath: `$.timeouts.${execution.timeout}`,
      ResultPath: '$.decision',
      Retry: [{ ErrorEquals: TRANSIENT_LAMBDA_ERRORS, ...backoff }],
      Catch: [
        // open-task refuses to wait past handOverAfter: a continuation execution waits instead.
        { ErrorEquals: ['HandOverDue'], ResultPath: '$.handOver', Next: handOverState(stage) },
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: overdueState(stage) },
        toAttention,
      ],
      Next: outcomes.length > 1 ? `Route${pascal(stage)}` : target(only.then, only.to),
    },
    [overdueState(stage)]: lambdaTask(
      'MarkOverdueFunctionArn',
      { ...ids, stage },
      {
        Comment: 'The step passed its due date: flag it overdue and wait again, never drop the model.',
        ResultPath: null,
        Catch: [toAttention],
        Next: awaitState(stage),
      },
    ),
    [handOverState(stage)]: {
      Type: 'Pass',
      Comment: 'The input of the continuation execution: the same model and year, resuming at this step.',
      Parameters: { ...ids, phase: execution.phase, 'timeouts.$': '$.timeouts', 'part.$': 'States.MathAdd($.part, 1)', resume: stage },
      ResultPath: '$.continuation',
      Next: continueState(execution.phase),
    },
  };
  if (outcomes.length > 1) {
    states[`Route${pascal(stage)}`] = {
      Type: 'Choice',
      Choices: outcomes.map(([outcome, { to, then }]) => ({
        Variable: '$.decision.outcome',
        StringEquals: outcome,
        Next: target(then, to),
      })),
      Default: 'UnknownOutcome',
    };
  }
  for (const [, { to, then }] of outcomes) if (then === 'END') states[pascal(to)] = { Type: 'Succeed' };
  return states;
}

const executionStages = STAGES.filter((stage) => STAGE_RULES[stage].execution);

export function lifecycleAsl() {
  const resumeChoices = executionStages.map((stage) => ({
    And: [
      { Variable: '$.resume', IsPresent: true },
      { Variable: '$.resume', StringEquals: stage },
    ],
    Next: awaitState(stage),
  }));
  const afterResting = {
    Type: 'Choice',
    Choices: [{ Variable: '$.next.join', BooleanEquals: true, Next: 'StartCycle' }],
    Default: 'Resting',
  };
  const resting = { 'join.$': '$.Payload.join', 'name.$': '$.Payload.name', 'input.$': '$.Payload.input' };
  return {
    Comment:
      'One execution of a model or exemplar: its registration ({modelId}-r) or one cycle year ({modelId}-y{year}, started by the yearly review). ' +
      'Generated from core/lifecycle.ts by workflows/lifecycle-asl.ts: do not edit by hand.',
    StartAt: 'Start',
    States: {
      Start: {
        Type: 'Choice',
        Comment: 'A continuation resumes at its step; a cycle opens its yearly report; a registration submits.',
        Choices: [
          ...resumeChoices,
          {
            And: [
              { Variable: '$.phase', IsPresent: true },
              { Variable: '$.phase', StringEquals: 'CYCLE' },
            ],
            Next: 'BeginCycle',
          },
        ],
        Default: 'Submit',
      },
      Submit: lambdaTask('SubmitModelFunctionArn', ids, {
        ResultPath: null,
        Catch: [toAttention],
        Next: awaitState(PHASE_START.REGISTRATION),
      }),
      BeginCycle: lambdaTask('BeginCycleFunctionArn', ids, {
        Comment: 'Opened by the yearly review: the model leaves its rest and reports on the year.',
        ResultPath: null,
        Catch: [toAttention],
        Next: awaitState(PHASE_START.CYCLE),
      }),
      ...Object.fromEntries(executionStages.flatMap((stage) => Object.entries(stepStates(stage)))),
      JoinOpenReview: lambdaTask(
        'JoinOpenReviewFunctionArn',
        { ...ids, 'timeouts.$': '$.timeouts' },
        {
          Comment: 'Accepted: the model rests until its year is reviewed, or joins a review that is open already.',
          ResultSelector: resting,
          ResultPath: '$.next',
          Catch: [toAttention],
          Next: 'JoinReviewNow',
        },
      ),
      BeginNextCycle: lambdaTask(
        'BeginNextCycleFunctionArn',
        { ...ids, 'timeouts.$': '$.timeouts' },
        {
          Comment: 'Recognized or continuing: the model rests until next year is reviewed, or joins it if it is open already.',
          ResultSelector: resting,
          ResultPath: '$.next',
          Catch: [toAttention],
          Next: 'JoinReviewNow',
        },
      ),
      JoinReviewNow: afterResting,
      StartCycle: startExecutionTask(
        { 'Name.$': '$.next.name' },
        '$.next.input',
        'Resting',
        'The review of its year is open: start its cycle now.',
      ),
      Resting: {
        Type: 'Succeed',
        Comment: 'The model rests in DynamoDB, with no open execution, until the yearly review starts its cycle.',
      },
      ContinueRegistration: startExecutionTask(
        { 'Name.$': "States.Format('{}-r-k{}', $.modelId, $.continuation.part)" },
        '$.continuation',
        'HandedOver',
        'Hands the waiting step to a new execution.',
      ),
      ContinueCycle: startExecutionTask(
        { 'Name.$': "States.Format('{}-y{}-k{}', $.modelId, $.year, $.continuation.part)" },
        '$.continuation',
        'HandedOver',
        'Hands the waiting step to a new execution.',
      ),
      HandedOver: { Type: 'Succeed' },
      UnknownOutcome: {
        Type: 'Pass',
        Result: { Error: 'UnknownOutcome', Cause: 'A decision arrived with an outcome this step does not know.' },
        ResultPath: '$.failure',
        Next: 'NeedsAttention',
      },
      NeedsAttention: lambdaTask(
        'RecordAttentionFunctionArn',
        { ...ids, 'executionName.$': '$$.Execution.Name', 'error.$': '$.failure.Error', 'cause.$': '$.failure.Cause' },
        {
          Comment: 'Not transient: the model is listed for the administrator (and alarmed on AWS) before the execution fails.',
          ResultPath: null,
          Next: 'Failed',
        },
      ),
      Failed: {
        Type: 'Fail',
        Error: 'ModelNeedsAttention',
        Cause: 'A step failed for a reason that is not transient; the model is listed for the administrator.',
      },
    },
  };
}

/** The file's text, as committed. */
export const lifecycleAslText = () => `${JSON.stringify(lifecycleAsl(), null, 2)}\n`;
