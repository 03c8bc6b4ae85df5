/**
 * The Lambda tasks the lifecycle ASL calls: definitionSubstitutions key -> handler file
 * (functions/<name>-handler.ts). The CDK stack builds one function per entry and the
 * local Step Functions service maps the same keys to the same modules in-process.
 */
export const LIFECYCLE_FUNCTIONS = {
  SubmitModelFunctionArn: 'submit-model',
  OpenTaskFunctionArn: 'open-task',
  MarkOverdueFunctionArn: 'mark-overdue',
  BeginCycleFunctionArn: 'begin-cycle',
  JoinOpenReviewFunctionArn: 'join-open-review',
  BeginNextCycleFunctionArn: 'begin-next-cycle',
  RecordAttentionFunctionArn: 'record-attention',
} as const;

export type LifecycleFunctionKey = keyof typeof LIFECYCLE_FUNCTIONS;
export type LifecycleFunctionName = (typeof LIFECYCLE_FUNCTIONS)[LifecycleFunctionKey];

export const LIFECYCLE_STATE_MACHINE_NAME = 'model-lifecycle';
export const LIFECYCLE_ASL_PATH = new URL('./model-lifecycle.asl.json', import.meta.url);
