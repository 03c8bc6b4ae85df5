import type { TaskRecord } from './sfn-store.ts';

/** Splits `arn:aws:states:::lambda:invoke.waitForTaskToken` into the history's resourceType/resource. */
export function resourceParts(resource: string): { resourceType: string; resource: string } {
  const match = /^arn:aws:states:::([^:]+):(.+)$/.exec(resource);
  if (match) return { resourceType: match[1]!, resource: match[2]! };
  return { resourceType: 'lambda', resource };
}

export type PendingEvent = { type: string; timestamp: string; details: Record<string, unknown> };

/** TaskStateEntered -> stateEnteredEventDetails (shared by all state types), TaskScheduled -> taskScheduledEventDetails. */
function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** A history event in the shape GetExecutionHistory returns (details under `<type>EventDetails`). */
export function historyEvent(type: string, details: Record<string, unknown>): { type: string; details: Record<string, unknown> } {
  return { type, details: { [detailsKey(type)]: details } };
}

/**
 * The task events of a task, as a pure function of its record: the first run emits them as
 * they happen, a replay emits them all at once, and both produce the same sequence.
 */
export function taskEvents(resourceArn: string, task: TaskRecord, callback: boolean, parameters: string): PendingEvent[] {
  const parts = resourceParts(resourceArn);
  const at = (t?: string) => t ?? task.scheduledAt;
  const events: PendingEvent[] = [
    {
      type: 'TaskScheduled',
      timestamp: task.scheduledAt,
      details: { ...parts, region: process.env.AWS_REGION ?? 'ap-southeast-1', parameters },
    },
    { type: 'TaskStarted', timestamp: task.scheduledAt, details: parts },
  ];
  if (callback && task.submittedAt)
    events.push({ type: 'TaskSubmitted', timestamp: task.submittedAt, details: { ...parts, output: '{}' } });
  if (task.status === 'SUCCEEDED')
    events.push({ type: 'TaskSucceeded', timestamp: at(task.completedAt), details: { ...parts, output: task.output ?? 'null' } });
  if (task.status === 'FAILED')
    events.push({ type: 'TaskFailed', timestamp: at(task.completedAt), details: { ...parts, error: task.error, cause: task.cause } });
  if (task.status === 'TIMED_OUT')
    events.push({ type: 'TaskTimedOut', timestamp: at(task.completedAt), details: { ...parts, error: 'States.Timeout' } });
  return events; // their details are wrapped under `<type>EventDetails` once, when recorded (ExecutionRun.emit)
}
