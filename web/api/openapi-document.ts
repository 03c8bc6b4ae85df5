import type { OpenAPIHono } from '@hono/zod-openapi';
import { IDEMPOTENCY_HEADER } from '../platform/idempotency.ts';
import { SESSION_COOKIE } from '../platform/session.ts';

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type Operation = { responses?: Record<string, { headers?: Record<string, unknown> } | { $ref: string }>; parameters?: unknown[] };

/** The document's own part: who, where, how to sign in; the tags of the operations. */
export const DOCUMENT_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Dân vận khéo API',
    version: '0.1.0',
    summary: 'Models and exemplars of the Skilled Mass Mobilization movement',
    description: [
      'Registration, review, the yearly report, appraisal along a board’s approval chain, recognition, replication, statistics.',
      `Sign in with POST /api/session: the answer sets the \`${SESSION_COOKIE}\` cookie, which every other call sends. Every route acts within the caller’s scope: anything outside it is 404.`,
      `Every POST and PUT accepts an \`${IDEMPOTENCY_HEADER}\` header: a retry with the same key and request is answered from the first (\`Idempotent-Replayed: true\`).`,
      'A state-changing request a browser marks as coming from another site is 403; a POST must be `application/json` (an evidence upload: multipart), else 415; bodies over 1 MiB (an upload: 10 MB) are 413.',
    ].join('\n\n'),
    // The project is private (package.json: "private": true) and publishes no licence.
    license: { name: 'Proprietary: all rights reserved (a private project, no licence granted)', identifier: 'LicenseRef-Proprietary' },
    contact: { name: 'The administrator of this deployment (role admin)' },
  },
  // Relative: the document describes the server that serves it (http://127.0.0.1:3000 locally, the Function URL on AWS).
  servers: [{ url: '/', description: 'The server that serves this document' }],
  security: [{ session: [] }],
  tags: [
    { name: 'session', description: 'Sign in and out' },
    { name: 'models', description: 'Registration, drafts, a model’s page, formalism signals' },
    {
      name: 'decisions',
      description: 'The steps of the lifecycle: the board’s review and direct appraisal, the unit’s revision and yearly report',
    },
    { name: 'evidence', description: 'Evidence files of a model' },
    { name: 'appraisal', description: 'Appraisal along a board’s approval chain: score, approve, return; the last role publishes' },
    { name: 'recognition', description: 'Proposals to the next level or for commendation' },
    { name: 'tasks', description: 'My queue and reminders' },
    { name: 'reviews', description: 'The yearly review (sơ kết)' },
    { name: 'statistics', description: 'Counters by year, status, area, kind and level' },
    { name: 'exports', description: 'Excel and CSV downloads' },
    { name: 'catalogue', description: 'The public catalogue of recognized models, replication and lineage' },
    { name: 'organisation', description: 'Units, boards, accounts and the security log' },
    { name: 'criteria', description: 'Criteria sets and approval chains' },
    { name: 'administration', description: 'Models needing attention, and their recovery' },
  ],
};

/** Components every route shares: the session, the retry header, Retry-After. */
export function registerSharedComponents(app: OpenAPIHono<never> | { openAPIRegistry: OpenAPIHono['openAPIRegistry'] }): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The signed, HttpOnly session cookie set by POST /api/session; it names a server-side session (30 idle minutes, 8 hours at most)',
  });
  registry.registerComponent('parameters', 'IdempotencyKey', {
    name: IDEMPOTENCY_HEADER,
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the first request with a key runs; a retry by the same account with the same key and request gets the stored answer (`Idempotent-Replayed: true`); the same key with another request is 422; a retry while the first runs is 409 with `Retry-After`. Kept 24 hours; a 5xx is not kept. Ignored without a session.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' },
  });
  registry.registerComponent('headers', 'RetryAfter', {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1 },
  });
  registry.registerComponent('headers', 'IdempotentReplayed', {
    description: '`true` on an answer replayed for a retry with the same `Idempotency-Key`',
    schema: { type: 'string', enum: ['true'] },
  });
}

/**
 * What the app's middleware adds to every POST and PUT under /api (web/platform/idempotency.ts): the
 * `Idempotency-Key` parameter, and `Idempotent-Replayed` on the answers a retry can replay.
 */
export function withIdempotency(document: Document): Document {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/api/')) continue;
    for (const method of ['post', 'put'] as const) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) >= 500 || '$ref' in response) continue;
        response.headers = { ...response.headers, 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } };
      }
    }
  }
  return document;
}
