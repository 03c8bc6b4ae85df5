import { beforeAll, describe, expect, it } from 'vitest';
import { BoardDecisionSchema } from '../../core/step-inputs.ts';
import { UNIT_TYPES } from '../../core/use-cases/organisation.ts';
import { openApiDocument } from '../../web/api/write-openapi.ts';
import { t } from '../../web/i18n/dictionary.ts';

/**
 * The document an integrator scripts against (/openapi.json): every request and response has
 * a real schema, every operation an id and its security, and what used to live only in the
 * source (unit types, id patterns, the password rule, the note on ACCEPT, the 409 of a direct
 * appraisal, the replica's year) is in it.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  deprecated?: boolean;
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: unknown;
  description?: string;
};
type Response = { description: string; content?: Record<string, { schema?: Schema }>; headers?: Record<string, unknown> };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { $ref?: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};
type Document = {
  security?: unknown[];
  servers?: unknown[];
  info: { license?: unknown };
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; in: string; name: string }> };
  paths: Record<string, Record<string, Operation>>;
};

let doc: Document;
let operations: { method: string; path: string; op: Operation }[];
beforeAll(async () => {
  doc = (await openApiDocument()) as unknown as Document;
  operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));
});
const op = (method: string, path: string) => doc.paths[path]![method]!;
const resolve = (schema: Schema): Schema => (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!]! : schema);
/** An object with its properties, a union of them, or an extension of a named one: not a bare record. */
const described = (schema: Schema): boolean => {
  const resolved = resolve(schema);
  return Boolean(resolved.properties || resolved.oneOf?.every(described) || resolved.allOf?.every(described));
};
const bodyOf = (method: string, path: string) => resolve(op(method, path).requestBody!.content['application/json']!.schema);

describe('the OpenAPI document', () => {
  it('gives every operation a unique id, its security, and the session cookie as the scheme', () => {
    expect(operations.length).toBeGreaterThan(40);
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.components.securitySchemes.session).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'dvk_session' }));
    expect(doc.security).toEqual([{ session: [] }]);
    expect(op('post', '/api/session').security).toEqual([]);
    expect(op('get', '/api/public/models').security).toEqual([]);
    expect(doc.servers).toHaveLength(1);
    expect(doc.info.license).toBeDefined();
  });

  it('describes every JSON success with a schema of its own (no free-form record)', () => {
    const loose: string[] = [];
    for (const { method, path, op: o } of operations) {
      for (const [status, response] of Object.entries(o.responses)) {
        const schema = response.content?.['application/json']?.schema;
        if (!status.startsWith('2') || !schema) continue;
        if (!described(schema)) loose.push(`${method} ${path} ${status}`);
      }
      const body = o.requestBody?.content['application/json']?.schema;
      if (body && !described(body)) loose.push(`${method} ${path} request`);
    }
    expect(loose).toEqual([]);
  });

  it('lists what the request guards and retries answer on every write, and the Idempotency-Key it takes', () => {
    const missing: string[] = [];
    for (const { method, path, op: o } of operations) {
      if (!['post', 'put', 'delete'].includes(method) || !path.startsWith('/api/')) continue;
      const expected = method === 'delete' ? ['403'] : ['403', '409', '413', '415', '422'];
      for (const status of expected) if (!o.responses[status]) missing.push(`${method} ${path} ${status}`);
      if (method !== 'delete' && !o.parameters?.some((p) => p.$ref === '#/components/parameters/IdempotencyKey'))
        missing.push(`${method} ${path} Idempotency-Key`);
    }
    expect(missing).toEqual([]);
    expect(op('post', '/api/session').responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it('holds the unit types, id patterns and the password rule', () => {
    const unit = bodyOf('put', '/api/units');
    expect(unit.properties!.type!.enum).toEqual([...UNIT_TYPES]);
    expect(unit.properties!.id!.pattern).toBe('^[a-z0-9-]{2,60}$');
    expect(unit.properties!.boardId!.pattern).toBe('^[a-z0-9-]{2,60}$');
    expect(unit.additionalProperties).toBe(false);
    const account = bodyOf('put', '/api/accounts');
    expect(account.properties!.password!.minLength).toBe(10);
    expect(account.properties!.username!.pattern).toBe('^[a-z0-9._-]{3,60}$');
    expect(account.properties!.role!.enum).toEqual(['unit', 'board', 'admin']);
  });

  it('says that a note on ACCEPT is `comment`, and a direct appraisal decision on a board with a chain is 409', () => {
    const variants = bodyOf('post', '/api/models/{id}/decisions').oneOf!;
    const accept = variants.find((v) => v.properties?.outcome?.enum?.[0] === 'ACCEPT')!;
    expect(Object.keys(accept.properties!)).toEqual(['stage', 'outcome', 'comment']);
    expect(accept.additionalProperties).toBe(false);
    const decide = op('post', '/api/models/{id}/decisions');
    expect(decide.description).toMatch(/approval chain/);
    expect(decide.responses['409']!.description).toMatch(/approval chain/);
    // The schema itself: `reason` on ACCEPT is refused, with a message naming `comment`.
    const parsed = BoardDecisionSchema.safeParse({ stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT', reason: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe('reason.reasonIsForReturnRejectStop');
    expect(t('en', 'reason.reasonIsForReturnRejectStop')).toContain('`comment`');
    expect(BoardDecisionSchema.safeParse({ stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT', comment: 'x' }).success).toBe(true);
  });

  it('answers an upload with `id`, `fileId` deprecated; documents the replica’s year and when it counts; pages /api/models', () => {
    const evidence = resolve(op('post', '/api/models/{id}/evidence').responses['201']!.content!['application/json']!.schema!);
    expect(evidence.required).toEqual(expect.arrayContaining(['id', 'fileId']));
    expect(evidence.properties!.fileId!.deprecated).toBe(true);
    const replicate = op('post', '/api/models/{id}/replicate');
    expect(replicate.description).toMatch(/year after the source’s last recognition/);
    expect(replicate.description).toMatch(/only once it is submitted/);
    expect(resolve(replicate.requestBody!.content['application/json']!.schema).properties!.year!.description).toMatch(/Default/);
    const list = resolve(op('get', '/api/models').responses['200']!.content!['application/json']!.schema!);
    expect(Object.keys(list.properties!)).toEqual(['models', 'nextCursor']);
    expect(JSON.stringify(op('get', '/api/models'))).toContain('"name":"cursor"');
  });
});
