import { describe, expect, it } from 'vitest';
import { Contract, ContractViolation, formatViolation, type Exchange } from '../support/contract.ts';

/** A small document in the app's shape: a component schema by $ref, a templated path, a file download. */
const contract = new Contract({
  paths: {
    '/api/models': { get: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } } } } },
    '/api/models/{id}': {
      get: {
        operationId: 'getModel',
        responses: {
          200: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
                  required: ['id'],
                },
              },
            },
          },
          '4XX': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
      delete: { responses: { 204: { description: 'Removed' } } },
    },
    '/api/models/mine': {
      get: { operationId: 'mine', responses: { 200: { content: { 'application/json': { schema: { type: 'array' } } } } } },
    },
    '/api/exports/models.xlsx': {
      get: {
        responses: {
          200: { content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } },
          default: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Page: { type: 'object', properties: { models: { type: 'array', items: { type: 'object' } } }, required: ['models'] },
      Error: {
        type: 'object',
        properties: {
          error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] },
        },
        required: ['error'],
      },
    },
  },
} as ConstructorParameters<typeof Contract>[0]);

const json = (method: string, path: string, status: number, body: unknown): Exchange => ({
  method,
  url: `http://127.0.0.1:1${path}`,
  status,
  contentType: 'application/json; charset=UTF-8',
  text: JSON.stringify(body),
});

describe('the contract checker', () => {
  it('accepts documented responses: refs, templates, status ranges, default, non-JSON by content type', () => {
    expect(contract.check(json('GET', '/api/models?unitId=x', 200, { models: [{}] }))).toEqual([]);
    expect(contract.check(json('GET', '/api/models/m-1', 200, { id: 'm-1', at: '2026-01-02T03:04:05.000Z' }))).toEqual([]);
    expect(contract.check(json('GET', '/api/models/m-1', 404, { error: { code: 'NotFoundError', message: 'no' } }))).toEqual([]);
    expect(contract.check({ method: 'DELETE', url: 'http://h/api/models/m-1', status: 204, contentType: null, text: '' })).toEqual([]);
    expect(
      contract.check({
        method: 'GET',
        url: 'http://h/api/exports/models.xlsx',
        status: 200,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        text: 'PK\u0003\u0004',
      }),
    ).toEqual([]);
    expect(
      contract.check(json('GET', '/api/exports/models.xlsx', 401, { error: { code: 'UnauthorizedError', message: 'sign in' } })),
    ).toEqual([]);
    // Pages and the document itself are not the API's.
    expect(contract.check({ method: 'GET', url: 'http://h/unit', status: 200, contentType: 'text/html', text: '<html>' })).toEqual([]);
  });

  it('matches concrete paths before templated ones', () => {
    expect(contract.route('GET', '/api/models/mine')?.operation.operationId).toBe('mine');
    expect(contract.route('GET', '/api/models/other')?.operation.operationId).toBe('getModel');
    expect(contract.route('GET', '/api/models/a/b')).toBeUndefined();
  });

  it('refuses a body off its schema, with the validator’s errors and the operation', () => {
    const [violation, ...more] = contract.check(json('GET', '/api/models/m-1', 200, { id: 7, at: 'yesterday' }));
    expect(more).toEqual([]);
    expect(violation).toMatchObject({ operation: 'getModel (GET /api/models/{id})', status: 200 });
    expect(violation!.errors).toEqual(expect.arrayContaining(['/id must be string', '/at must match format "date-time"']));
    expect(formatViolation(violation!)).toContain('body: {"id":7,"at":"yesterday"}');
    expect(contract.check(json('GET', '/api/models', 200, {}))[0]!.problem).toMatch(
      /does not match 200 application\/json \(#\/components\/schemas\/Page\)/,
    );
  });

  it('refuses undocumented statuses, content types, bodies, methods and paths under /api', () => {
    const problem = (e: Exchange) => contract.check(e).map((v) => v.problem);
    expect(problem(json('GET', '/api/models', 500, { error: { code: 'InternalError', message: 'x' } }))).toEqual([
      'status 500 is not documented (documented: 200)',
    ]);
    expect(
      problem({ method: 'GET', url: 'http://h/api/exports/models.xlsx', status: 200, contentType: 'text/csv', text: 'a,b' })[0],
    ).toMatch(/content type text\/csv is not documented/);
    expect(problem(json('DELETE', '/api/models/m-1', 204, { ok: true }))[0]).toMatch(/documents no body, but one came/);
    expect(problem({ method: 'GET', url: 'http://h/api/models', status: 200, contentType: null, text: '' })[0]).toMatch(
      /documents a body .* but none came/,
    );
    expect(problem(json('PATCH', '/api/models/m-1', 404, {}))).toEqual(['PATCH is not documented for this path']);
    expect(problem(json('GET', '/api/nothing-here', 404, {}))).toEqual(['no documented path matches']);
    expect(problem({ method: 'GET', url: 'http://h/api/models', status: 200, contentType: 'application/json', text: '{oops' })).toEqual([
      'the application/json body is not JSON',
    ]);
  });

  it('says everything in the error a failing test shows', () => {
    const error = new ContractViolation(contract.check(json('GET', '/api/models/m-1', 200, { at: 1 })));
    expect(error.message).toMatch(/^API contract: getModel \(GET \/api\/models\/\{id\}\) answered 200: the body does not match/);
    expect(error.message).toContain("  - (root) must have required property 'id'");
  });
});
