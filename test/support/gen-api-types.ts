import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { openApiDocument } from '../../web/api/write-openapi.ts';

/** The committed types of the API, for openapi-fetch (test/integration/typed-client.test.ts). */
export const API_TYPES_FILE = fileURLToPath(new URL('./openapi-types.ts', import.meta.url));
/** Where the script leaves the document it generated from (not committed). */
export const DOCUMENT_FILE = fileURLToPath(new URL('../../test-artifacts/openapi.json', import.meta.url));

/** The app's `/openapi.json`, built without starting anything (web/api/write-openapi.ts). */
export const buildOpenApiDocument = async (): Promise<OpenAPI3> => (await openApiDocument()) as unknown as OpenAPI3;

/** The TypeScript types of a document, as openapi-typescript writes them (offline: the document is passed in). */
export async function generateApiTypes(document: OpenAPI3): Promise<string> {
  // A property with a `default` stays optional: the request bodies' schemas (Registration…) have them, and a caller may leave them out.
  const ast = await openapiTS(structuredClone(document), { silent: true, defaultNonNullable: false });
  return `${COMMENT_HEADER}// From the app's /openapi.json by \`npm run gen:api-types\`; test/unit/api-types.test.ts fails when this file is stale.\n\n${astToString(ast)}`;
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
