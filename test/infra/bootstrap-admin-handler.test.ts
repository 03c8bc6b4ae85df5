import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '../../core/passwords.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { getAccount } from '../../core/store/org-store.ts';
import { createTableInput } from '../../core/table.ts';
import { stringContaining, stringMatching } from '../support/matchers.ts';

/** The Custom::FirstAdmin handler against DynamoDB Local, answering a local stand-in for CloudFormation. */
const tableName = `admin-${randomUUID().slice(0, 8)}`;
const PASSWORD = 'Khoi-tao#2026-abc';
const responses: Array<Record<string, unknown>> = [];
let server: Server;
let responseUrl: string;
let handler: (event: CloudFormationCustomResourceEvent, context: Context) => Promise<void>;
const secrets = mockClient(SecretsManagerClient);
const db = () =>
  createDocumentClient(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  await new DynamoDBClient({}).send(new CreateTableCommand(createTableInput(tableName)));
  secrets.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      responses.push({ method: req.method, ...(JSON.parse(body) as Record<string, unknown>) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`;
  ({ handler } = await import('../../functions/bootstrap-admin-handler.ts'));
});

afterAll(async () => {
  secrets.restore();
  await new Promise((resolve) => server.close(resolve));
});

const context = {
  functionName: 'bootstrap-admin',
  awsRequestId: 'r',
  invokedFunctionArn: 'arn:aws:lambda:x',
  memoryLimitInMB: '512',
  functionVersion: '$LATEST',
} as unknown as Context;
const event = (RequestType: 'Create' | 'Update' | 'Delete', props: Record<string, string> = {}) =>
  ({
    RequestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:stack',
    RequestId: randomUUID(),
    LogicalResourceId: 'FirstAdminAccount',
    ResourceType: 'Custom::FirstAdmin',
    ServiceToken: 'arn:aws:lambda:fn',
    PhysicalResourceId: 'first-admin-FirstAdminAccount',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:fn',
      Username: 'quantri.tinh',
      DisplayName: 'Quản trị tỉnh',
      PasswordSecretArn: 'arn:aws:secretsmanager:s',
      ...props,
    },
    OldResourceProperties: {},
  }) as unknown as CloudFormationCustomResourceEvent;
const lastResponse = () => responses.at(-1)!;

describe('bootstrap-admin handler (Custom::FirstAdmin)', () => {
  it('creates the administrator with the hashed secret password and answers SUCCESS', async () => {
    await handler(event('Create'), context);
    expect(lastResponse()).toMatchObject({
      method: 'PUT',
      Status: 'SUCCESS',
      PhysicalResourceId: 'first-admin-FirstAdminAccount',
      LogicalResourceId: 'FirstAdminAccount',
      Data: { Created: 'true' },
    });
    const account = await getAccount({ db: db(), tableName }, 'quantri.tinh');
    expect(account).toMatchObject({ username: 'quantri.tinh', displayName: 'Quản trị tỉnh', role: 'admin' });
    expect(await verifyPassword(PASSWORD, account!.passwordHash)).toBe(true);
  });

  it('leaves an existing account alone on a later run (conditional put)', async () => {
    const before = await getAccount({ db: db(), tableName }, 'quantri.tinh');
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'another-password-123' });
    await handler(event('Update', { DisplayName: 'Đổi tên' }), context);
    expect(lastResponse()).toMatchObject({ Status: 'SUCCESS', Data: { Created: 'false' } });
    expect(await getAccount({ db: db(), tableName }, 'quantri.tinh')).toEqual(before);
  });

  it('keeps the account when the resource is deleted', async () => {
    await handler(event('Delete'), context);
    expect(lastResponse()).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'first-admin-FirstAdminAccount' });
    expect(await getAccount({ db: db(), tableName }, 'quantri.tinh')).toBeDefined();
  });

  it('answers FAILED with the reason instead of leaving CloudFormation waiting', async () => {
    await handler(event('Create', { Username: 'X' }), context);
    expect(lastResponse()).toMatchObject({ Status: 'FAILED', Reason: stringMatching(/^Invalid properties: Username: /) });
    secrets.on(GetSecretValueCommand).rejects(new Error('AccessDenied'));
    await handler(event('Create', { Username: 'khac.tinh' }), context);
    expect(lastResponse()).toMatchObject({ Status: 'FAILED', Reason: stringContaining('AccessDenied') });
  });
});
