import { request } from 'node:http';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionInputs, executionNames } from '../../core/lifecycle.ts';
import { getTask } from '../../core/store/task-store.ts';
import { LIFECYCLE_ARN, LOCAL_REGION } from '../../local/local-lifecycle.ts';
import type { Runtime } from '../../local/runtime.ts';
import { localSfnCredentials, type LocalCredentials } from '../../local/sfn/sfn-auth.ts';
import { registration } from '../support/api-client.ts';
import { demoUsers, executionArn, register, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { stringMatching } from '../support/matchers.ts';

/**
 * Finding 7 (first half): the local Step Functions port answered anyone on the machine, so
 * StartExecution submitted another unit's draft, and StopExecution or SendTaskSuccess (with a
 * token read from the database) orphaned models. Every request must now carry a SigV4
 * signature made with the runtime's local key.
 */
let runtime: Runtime;
let tried = 0;
let denied = 0;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
  recordCounts('sfn-signature', { attacksTried: tried, attacksDenied: denied });
});

type Reply = { status: number; type: string; body: string };

/** A raw POST to the local service, with exactly these headers. */
function post(headers: Record<string, string>, body: string): Promise<Reply> {
  const url = new URL(runtime.sfnEndpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const parsed = text ? (JSON.parse(text) as { __type?: string }) : {};
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['x-amzn-errortype'] ?? parsed.__type ?? ''), body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const baseHeaders = (operation: string): Record<string, string> => ({
  host: new URL(runtime.sfnEndpoint).host,
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `AWSStepFunctions.${operation}`,
});

/** Signs `signedBody` as the SDK would (optionally at another time, with the body hash header), then sends `sentBody`. */
async function signedPost(
  operation: string,
  credentials: LocalCredentials,
  signedBody: string,
  options: { sentBody?: string; signingDate?: Date; checksumHeader?: boolean } = {},
): Promise<Reply> {
  const signer = new SignatureV4({
    credentials,
    region: LOCAL_REGION,
    service: 'states',
    sha256: Sha256,
    applyChecksum: options.checksumHeader ?? false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/',
      headers: baseHeaders(operation),
      body: signedBody,
    }),
    { signingDate: options.signingDate },
  );
  return post(signed.headers, options.sentBody ?? signedBody);
}

/** Replays one attack: it must be refused with an AWS authentication error. */
async function attack(reply: Promise<Reply>, expectedType: string | RegExp): Promise<void> {
  tried++;
  const { status, type, body } = await reply;
  expect(status, body).toBe(400);
  expect(type).toMatch(expectedType);
  denied++;
}

/** The same attack through the AWS SDK, with a credential that is not the runtime's. */
async function sdkAttack(send: (client: SFNClient) => Promise<unknown>): Promise<void> {
  for (const credentials of [
    { accessKeyId: 'local', secretAccessKey: 'local' },
    { accessKeyId: 'local', secretAccessKey: 'a-guessed-key' },
    { accessKeyId: 'AKIAOTHERUSER', secretAccessKey: 'local' },
  ]) {
    const client = new SFNClient({ endpoint: runtime.sfnEndpoint, region: LOCAL_REGION, credentials, maxAttempts: 1 });
    tried++;
    await expect(send(client)).rejects.toMatchObject({
      name: stringMatching(/^(InvalidSignatureException|UnrecognizedClientException)$/),
      $metadata: { httpStatusCode: 400 },
    });
    denied++;
    client.destroy();
  }
}

/** Every way of sending `body` to `operation` without the runtime's key. */
async function allAttacks(operation: string, body: string, send: (client: SFNClient) => Promise<unknown>): Promise<void> {
  const key = localSfnCredentials();
  await attack(post(baseHeaders(operation), body), 'MissingAuthenticationTokenException');
  await attack(
    post(
      {
        ...baseHeaders(operation),
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20261202/ap-southeast-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
          '0'.repeat(64),
        'x-amz-date': '20261202T000000Z',
      },
      body,
    ),
    'InvalidSignatureException',
  );
  await attack(signedPost(operation, { ...key, secretAccessKey: 'wrong' }, body), 'InvalidSignatureException');
  await attack(signedPost(operation, { ...key, accessKeyId: 'someone-else' }, body), 'UnrecognizedClientException');
  // A request the app really signed, replayed after 10 minutes or with another body, is refused too.
  await attack(signedPost(operation, key, body, { signingDate: new Date(Date.now() - 10 * 60_000) }), 'InvalidSignatureException');
  await attack(signedPost(operation, key, '{}', { sentBody: body }), 'InvalidSignatureException');
  await attack(signedPost(operation, key, '{}', { sentBody: body, checksumHeader: true }), 'InvalidSignatureException');
  await sdkAttack(send);
}

describe('the local Step Functions service only answers requests signed with the local key', () => {
  it('refuses StartExecution of another unit’s draft; the draft is not submitted', async () => {
    const users = await demoUsers(runtime);
    const draft = await users.unit.post('/api/models?submit=false', registration({ name: 'Bản nháp của đơn vị Hạ Long' }));
    expect(draft.status).toBe(201);
    const id = draft.body.id;
    const start = {
      stateMachineArn: LIFECYCLE_ARN,
      name: executionNames.registration(id),
      input: JSON.stringify(executionInputs.registration(id, THIS_YEAR, runtime.webDeps.timeouts)),
    };

    await allAttacks('StartExecution', JSON.stringify(start), (client) => client.send(new StartExecutionCommand(start)));

    await expect(runtime.webDeps.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(id, 'r') }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    expect((await users.unit.get(`/api/models/${id}`)).body.model.status).toBe('DRAFT');
    // The owner still submits it, through the app's own (signed) client.
    expect((await users.unit.post(`/api/models/${id}/submit`)).status).toBe(202);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
  });

  it('refuses StopExecution and SendTaskSuccess with a token read from the database; the model keeps its workflow', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    const arn = executionArn(id, 'r');
    const token = await eventually(async () => (await getTask(runtime.webDeps, id, THIS_YEAR, 'REGISTRATION_REVIEW'))?.token, 'task token');

    const stop = { executionArn: arn, error: 'Attack', cause: 'orphan the model' };
    await allAttacks('StopExecution', JSON.stringify(stop), (client) => client.send(new StopExecutionCommand(stop)));
    const success = { taskToken: token, output: JSON.stringify({ outcome: 'ACCEPT' }) };
    await allAttacks('SendTaskSuccess', JSON.stringify(success), (client) => client.send(new SendTaskSuccessCommand(success)));

    expect((await runtime.webDeps.sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');
    const { body } = await users.board.get(`/api/models/${id}`);
    expect(body.model.status).toBe('SUBMITTED');
    expect(body.tasks).toContainEqual(expect.objectContaining({ stage: 'REGISTRATION_REVIEW', status: 'PENDING' }));
    // The board's real decision still goes through (the app's client sends the token).
    expect(
      (await users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status,
    ).toBeLessThan(300);
    await waitForExecution(runtime, id, 'r', 'SUCCEEDED');
  });

  it('answers the clients the Lambda handlers build from the environment', async () => {
    // functions/shared/*: new SFNClient({}) reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and AWS_ENDPOINT_URL_SFN.
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe(localSfnCredentials().secretAccessKey);
    const handlerClient = new SFNClient({});
    const listed = await handlerClient.send(new ListExecutionsCommand({ stateMachineArn: LIFECYCLE_ARN, maxResults: 1 }));
    expect(listed.executions).toBeDefined();
    handlerClient.destroy();
  });
});
