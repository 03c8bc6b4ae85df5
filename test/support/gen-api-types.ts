import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { DEFAULT_TIMEOUTS } from '../../core/deps.ts';
import { createApp } from '../../web/app.ts';
import type { WebDeps } from '../../web/web-deps.ts';

/** The committed types of the API, for openapi-fetch (test/integration/typed-client.test.ts). */
export const API_TYPES_FILE = fileURLToPath(new URL('./openapi-types.ts', import.meta.url));
/** Where the script leaves the document it generated from (not committed). */
export const DOCUMENT_FILE = fileURLToPath(new URL('../../test-artifacts/openapi.json', import.meta.url));

/**
 * The app's `/openapi.json`, built without starting anything: the app is created with clients
 * that point nowhere (nothing is called while the document is generated).
 */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const nowhere = { region: 'ap-southeast-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'none', secretAccessKey: 'none' } };
  const deps: WebDeps = {
    db: DynamoDBDocumentClient.from(new DynamoDBClient(nowhere)), tableName: 'openapi', sfn: new SFNClient(nowhere), stateMachineArn: 'arn:none',
    reviewStateMachineArn: 'arn:none', timeouts: DEFAULT_TIMEOUTS, now: () => new Date(), sessionSecret: 'openapi-document-only', secureCookies: false,
    evidence: { put: async () => {}, get: async () => undefined, delete: async () => {} },
  };
  const response = await createApp(deps).request('/openapi.json');
  if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenAPI3;
}

/** The TypeScript types of a document, as openapi-typescript writes them (offline: the document is passed in). */
export async function generateApiTypes(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(structuredClone(document), { silent: true });
  return `${COMMENT_HEADER}// From the app's /openapi.json by \`npm run gen:api-types\`; test/unit/api-types.test.ts fails when this file is stale.\n/* eslint-disable */\n\n${astToString(ast)}`;
}

// `tsx test/support/gen-api-types.ts`: writes the document and the types; `--check` only compares.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const document = await buildOpenApiDocument();
  const types = await generateApiTypes(document);
  const shown = relative(process.cwd(), API_TYPES_FILE);
  if (process.argv.includes('--check')) {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    if (committed !== types) {
      console.error(`${shown} is stale: run \`npm run gen:api-types\``);
      process.exit(1);
    }
    console.log(`${shown} is up to date`);
  } else {
    mkdirSync(dirname(DOCUMENT_FILE), { recursive: true });
    writeFileSync(DOCUMENT_FILE, `${JSON.stringify(document, null, 2)}\n`);
    writeFileSync(API_TYPES_FILE, types);
    console.log(`wrote ${relative(process.cwd(), DOCUMENT_FILE)} and ${shown}`);
  }
}
