import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export type CfnOutcome = {
  status: 'SUCCESS' | 'FAILED';
  physicalResourceId: string;
  reason?: string;
  data?: Record<string, string>;
};

/**
 * Answers CloudFormation for a custom resource whose service token is the function itself
 * (no provider framework): a PUT of the result to the pre-signed ResponseURL. Without an
 * answer the stack would wait for the resource's ServiceTimeout.
 */
export async function sendCfnResponse(event: CloudFormationCustomResourceEvent, outcome: CfnOutcome): Promise<void> {
  const body = JSON.stringify({
    Status: outcome.status,
    Reason: (outcome.reason ?? outcome.status).slice(0, 1000),
    PhysicalResourceId: outcome.physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: outcome.data ?? {},
  });
  // The URL is signed without a content type, so none is sent.
  const response = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!response.ok) throw new Error(`CloudFormation response was refused: HTTP ${response.status}`);
}
