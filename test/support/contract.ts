import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Contract checks: every response an integration test receives is held against the runtime's
 * own OpenAPI document (`/openapi.json`), so the document cannot drift from the code.
 *
 * - The operation is found by method and path against the document's path templates
 *   (`/api/models/{id}`); a request under `/api` that matches none fails the check.
 * - The status must be documented for that operation (exactly, as a range like `4XX`, or `default`).
 * - The content type must be one the response documents; a JSON body is validated against
 *   its schema (JSON Schema 2020-12, `#/components/schemas/...` refs resolved in the document).
 *   Other bodies (xlsx, csv, pdf, html) are checked for status and content type only.
 *
 * `API_CONTRACT` chooses what a violation does: `strict` (the default under vitest) throws, so
 * the test fails with the operation, the status, the validator's errors and a trimmed body;
 * `report` appends it as a JSON line to `API_CONTRACT_LOG` (default
 * test-artifacts/contract-violations.jsonl) and lets the test go on; `off` checks nothing
 * (the default outside vitest, e.g. `npm run bench`).
 */

export type ContractMode = 'strict' | 'report' | 'off';
export const contractMode = (): ContractMode => {
  const mode = process.env.API_CONTRACT;
  if (mode === 'strict' || mode === 'report' || mode === 'off') return mode;
  return process.env.VITEST ? 'strict' : 'off';
};

/** What the checker needs of one exchange. `text` is the body as received. */
export type Exchange = { method: string; url: string; status: number; contentType: string | null; text: string };
export type Violation = {
  operation: string;
  method: string;
  path: string;
  status: number;
  problem: string;
  errors?: string[];
  body?: string;
};

type Schema = Record<string, unknown>;
type MediaType = { schema?: Schema };
type ResponseObject = { description?: string; content?: Record<string, MediaType> };
type Operation = { operationId?: string; responses?: Record<string, ResponseObject> };
type Document = { paths?: Record<string, Record<string, Operation>> };
type Route = { template: string; method: string; operation: Operation; pattern: RegExp; params: number };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const DOCUMENT_ID = 'openapi.json';
// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;

/** RFC 6901: a JSON pointer token. */
const token = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const essence = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();
const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');
const trimmed = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** One loaded document: routes by template, validators compiled on first use. */
export class Contract {
  private readonly routes: Route[];
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  readonly document: Document;
  constructor(document: Document) {
    this.document = document;
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.routes = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => {
          const parts = template.split(/(\{[^}]+\})/);
          const source = parts.map((part) => (/^\{[^}]+\}$/.test(part) ? '([^/]+)' : escapeRegExp(part))).join('');
          return {
            template,
            method: method.toUpperCase(),
            operation,
            pattern: new RegExp(`^${source}$`),
            params: parts.filter((p) => /^\{[^}]+\}$/.test(p)).length,
          };
        }),
    );
    // Concrete paths before templated ones (OpenAPI's matching rule), then the longer literal.
    this.routes.sort((a, b) => a.params - b.params || b.template.length - a.template.length);
  }

  /** The documented operation of a request, or undefined. */
  route(method: string, path: string): Route | undefined {
    return this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
  }

  /** Whether some operation (of any method) has a template matching the path. */
  pathDocumented(path: string): boolean {
    return this.routes.some((r) => r.pattern.test(path));
  }

  /** The violations of one exchange (none: it keeps to the document). */
  check(exchange: Exchange): Violation[] {
    const { pathname } = new URL(exchange.url);
    const method = exchange.method.toUpperCase();
    const route = this.route(method, pathname);
    const base = { method, path: pathname, status: exchange.status };
    if (!route) {
      const apiPath = pathname === '/api' || pathname.startsWith('/api/');
      if (!apiPath) return []; // pages, /static, /openapi.json: not part of the API's document
      const problem = this.pathDocumented(pathname) ? `${method} is not documented for this path` : 'no documented path matches';
      return [{ ...base, operation: `${method} ${pathname}`, problem, body: trimmed(exchange.text) }];
    }
    const operation = route.operation.operationId
      ? `${route.operation.operationId} (${method} ${route.template})`
      : `${method} ${route.template}`;
    const responses = route.operation.responses ?? {};
    const statusKey = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((key) => key in responses);
    if (!statusKey) {
      return [
        {
          ...base,
          operation,
          problem: `status ${exchange.status} is not documented (documented: ${Object.keys(responses).join(', ') || 'none'})`,
          body: trimmed(exchange.text),
        },
      ];
    }
    const documented = responses[statusKey]!;
    const content = documented.content ?? {};
    const type = essence(exchange.contentType);
    const hasBody = exchange.text.length > 0;
    if (Object.keys(content).length === 0) {
      if (!hasBody || exchange.method.toUpperCase() === 'HEAD') return [];
      return [
        {
          ...base,
          operation,
          problem: `response ${statusKey} documents no body, but one came (${type || 'no content type'})`,
          body: trimmed(exchange.text),
        },
      ];
    }
    if (!hasBody)
      return [
        { ...base, operation, problem: `response ${statusKey} documents a body (${Object.keys(content).join(', ')}), but none came` },
      ];
    const mediaKey =
      [type, `${type.split('/')[0]}/*`, '*/*'].find((key) => key in content) ?? Object.keys(content).find((key) => essence(key) === type);
    if (!mediaKey) {
      return [
        {
          ...base,
          operation,
          problem: `content type ${type || '(none)'} is not documented for ${statusKey} (documented: ${Object.keys(content).join(', ')})`,
          body: trimmed(exchange.text, 200),
        },
      ];
    }
    if (!isJson(type) || !content[mediaKey]!.schema) return [];
    let value: unknown;
    try {
      value = JSON.parse(exchange.text);
    } catch {
      return [{ ...base, operation, problem: `the ${type} body is not JSON`, body: trimmed(exchange.text) }];
    }
    const pointer = `#/paths/${token(route.template)}/${route.method.toLowerCase()}/responses/${token(statusKey)}/content/${token(mediaKey)}/schema`;
    const validate = this.validator(pointer);
    if (validate(value)) return [];
    return [
      {
        ...base,
        operation,
        problem: `the body does not match ${statusKey} ${mediaKey} (${schemaName(content[mediaKey]!.schema) ?? pointer})`,
        errors: describeErrors(validate.errors ?? []),
        body: trimmed(exchange.text),
      },
    ];
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

const schemaName = (schema: Schema | undefined) => (typeof schema?.$ref === 'string' ? schema.$ref : undefined);

function describeErrors(errors: ErrorObject[]): string[] {
  const lines = errors.map((e) => {
    const where = e.instancePath || '(root)';
    const extra =
      e.keyword === 'additionalProperties'
        ? `: ${String((e.params as { additionalProperty?: string }).additionalProperty)}`
        : e.keyword === 'enum'
          ? `: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`
          : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
  const unique = [...new Set(lines)];
  return unique.length > 12 ? [...unique.slice(0, 12), `… and ${unique.length - 12} more`] : unique;
}

export function formatViolation(v: Violation): string {
  return [
    `API contract: ${v.operation} answered ${v.status}: ${v.problem}`,
    ...(v.errors ?? []).map((e) => `  - ${e}`),
    ...(v.body !== undefined ? [`  body: ${v.body}`] : []),
  ].join('\n');
}

export class ContractViolation extends Error {
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    super(violations.map(formatViolation).join('\n'));
    this.violations = violations;
    this.name = 'ContractViolation';
  }
}

// One document per runtime (its origin: every test runtime listens on its own port).
const contracts = new Map<string, Promise<Contract>>();

/** The contract of the runtime at `origin`, loaded from its `/openapi.json` once. */
export function contractOf(origin: string): Promise<Contract> {
  let contract = contracts.get(origin);
  if (!contract) {
    contract = (async () => {
      const response = await fetch(`${origin}/openapi.json`);
      if (response.status !== 200) throw new Error(`API contract: ${origin}/openapi.json answered ${response.status}`);
      return new Contract((await response.json()) as Document);
    })();
    contract.catch(() => contracts.delete(origin)); // a runtime still starting is asked again next time
    contracts.set(origin, contract);
  }
  return contract;
}

/** Violations seen since the last `takeViolations()` (the per-test guard in contract-setup.ts reads them). */
const seen: Violation[] = [];
export const takeViolations = () => seen.splice(0, seen.length);

/**
 * Checks one exchange against its runtime's document. `strict`: throws a ContractViolation;
 * `report`: appends each violation to the log (with the test's name) and returns.
 */
export async function checkExchange(exchange: Exchange): Promise<void> {
  const mode = contractMode();
  if (mode === 'off') return;
  const contract = await contractOf(new URL(exchange.url).origin);
  const violations = contract.check(exchange);
  if (violations.length === 0) return;
  if (mode === 'report') {
    const file = process.env.API_CONTRACT_LOG ?? 'test-artifacts/contract-violations.jsonl';
    mkdirSync(dirname(file), { recursive: true });
    const test = await currentTest();
    for (const v of violations) appendFileSync(file, `${JSON.stringify({ ...test, ...v })}\n`);
    return;
  }
  seen.push(...violations);
  throw new ContractViolation(violations);
}

async function currentTest(): Promise<{ testPath?: string; test?: string }> {
  try {
    const { expect } = await import('vitest');
    const state = expect.getState();
    return { testPath: state.testPath?.replace(`${process.cwd()}/`, ''), test: state.currentTestName };
  } catch {
    return {};
  }
}

/**
 * `fetch`, with the response checked against the document like ApiClient's (for tests that
 * need the raw Response: headers, bytes, redirects). The body is read from a clone.
 * `{ check: false }` is the opt-out for a deliberately undocumented request (as `client.unchecked()`).
 */
export async function checkedFetch(input: string | URL, init: RequestInit = {}, { check = true } = {}): Promise<Response> {
  const response = await fetch(input, init);
  if (!check || contractMode() === 'off') return response;
  const text = await response.clone().text();
  await checkExchange({
    method: init.method ?? 'GET',
    url: String(input),
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
  });
  return response;
}
