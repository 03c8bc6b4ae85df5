import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_TIMEOUTS } from '../../core/deps.ts';
import { createApp } from '../app.ts';
import type { WebDeps } from '../web-deps.ts';

/** Web dependencies whose clients point nowhere: for what runs without a table (the document, static assets). */
export function offlineDeps(): WebDeps {
  const nowhere = {
    region: 'ap-southeast-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'none', secretAccessKey: 'none' },
  };
  return {
    db: DynamoDBDocumentClient.from(new DynamoDBClient(nowhere)),
    tableName: 'openapi',
    sfn: new SFNClient(nowhere),
    stateMachineArn: 'arn:none',
    importStateMachineArn: 'arn:none',
    timeouts: DEFAULT_TIMEOUTS,
    now: () => new Date(),
    sessionSecret: 'openapi-document-only',
    secureCookies: false,
    evidence: { put: async () => {}, get: () => Promise.resolve(undefined), delete: async () => {} },
    reviewStateMachineArn: 'arn:none',
  };
}

/**
 * The OpenAPI document of the web app, built without starting anything: the app is created
 * with clients that point nowhere (nothing is called while the document is generated).
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const deps = offlineDeps();
  const response = await createApp(deps).request('/openapi.json');
  if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

// `tsx web/api/write-openapi.ts [file]`: writes the document (to stdout without a file).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  const out = process.argv[2];
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  } else process.stdout.write(text);
}
