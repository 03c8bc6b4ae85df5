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

/**
 * Not called by the ASL: an EventBridge rule invokes it with each lifecycle execution that ends
 * ("Step Functions Execution Status Change"), and the local service does the same. It lists the
 * models orphaned by an execution that ended behind the app's back.
 */
export const EXECUTION_ENDED_FUNCTION = 'execution-ended' as const;

export type LifecycleFunctionKey = keyof typeof LIFECYCLE_FUNCTIONS;
export type LifecycleFunctionName = (typeof LIFECYCLE_FUNCTIONS)[LifecycleFunctionKey];

export const LIFECYCLE_STATE_MACHINE_NAME = 'model-lifecycle';
export const LIFECYCLE_ASL_PATH = new URL('./model-lifecycle.asl.json', import.meta.url);
