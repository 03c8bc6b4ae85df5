import { createRoute, z } from '@hono/zod-openapi';
import { AREAS, KINDS, LEVELS, MODEL_STATUSES } from '../../core/model.ts';
import { getPublicModel, PublicSearchSchema, searchPublicCatalogue } from '../../core/use-cases/public-catalogue.ts';
import { modelLineage, replicateModel } from '../../core/use-cases/replicate-model.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { ModelIdParams, conflict, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { ModelSchema, ReplicateInput } from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addPublicPages } from './public-page-routes.tsx';

const Recognition = z.object({
  year: z.number().int(),
  level: z.enum(LEVELS),
  number: z.string().optional().openapi({ description: 'Decision number, e.g. 12/QĐ-BDV' }),
  date: z.string().optional().openapi({ description: 'Decision date (ISO)' }),
  issuingBody: z.string().optional(),
  awaitingDecision: z
    .boolean()
    .optional()
    .openapi({ description: 'Recognized; the board’s decision listing it is not issued yet (no number)' }),
});
const Ref = z.object({ id: z.string(), name: z.string(), unitName: z.string().optional() });

const PublicEntry = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(KINDS),
    area: z.enum(AREAS),
    tags: z.array(z.string()),
    unitId: z.string(),
    unitName: z.string().optional(),
    level: z.enum(LEVELS).openapi({ description: 'Level of the latest recognition' }),
    year: z.number().int().openapi({ description: 'Year of the latest recognition' }),
    recognitions: z.array(Recognition),
    replicationCount: z.number().int(),
  })
  .openapi('CatalogueEntry');

const PublicPage = z
  .object({
    items: z.array(PublicEntry),
    nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last page' }),
  })
  .openapi('CataloguePage');

const PublicModel = PublicEntry.extend({
  situation: z.string(),
  objectives: z.string(),
  content: z.string(),
  targetGroup: z.string(),
  forces: z.string(),
  resources: z.string(),
  outputs: z.string(),
  sustainability: z.string(),
  period: z.string().optional(),
  indicators: z.array(z.object({ name: z.string(), unit: z.string(), target: z.number().nullable() })),
  lineage: z.object({
    source: Ref.optional().openapi({ description: 'The recognized model this one was replicated from' }),
    copies: z.array(Ref.extend({ at: z.string() })).openapi({ description: 'Recognized replications only' }),
    replicationCount: z.number().int(),
  }),
}).openapi('PublicModel');

const LineageRef = z.object({ id: z.string(), name: z.string(), unitId: z.string(), unitName: z.string().optional() });
const Lineage = z
  .object({
    source: LineageRef.optional(),
    copies: z.array(LineageRef.extend({ status: z.enum(MODEL_STATUSES), recognized: z.boolean(), at: z.string() })),
    replicationCount: z.number().int(),
  })
  .openapi('Lineage');

const SearchQuery = PublicSearchSchema.extend({
  q: z.string().max(200).optional().openapi({
    description: 'Words of the name or tags, or of the unit’s name and places, with or without diacritics ("dan van kheo", "ha long")',
  }),
  limit: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional()
    .openapi({ description: '1-50, default 20' }),
});

/**
 * The catalogue and replication API. `/api/public/*` needs no session (recognized models
 * only, public fields only); replicating and reading a lineage act within the actor's scope.
 */
function catalogueApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/models/:id/replicate', requireActor(deps));
  app.use('/api/models/:id/lineage', requireActor(deps));
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/public/models',
        operationId: 'searchCatalogue',
        tags: ['catalogue'],
        summary: 'Search recognized models (public, no sign-in), newest recognition first',
        security: [],
        request: { query: SearchQuery },
        responses: { 200: json(PublicPage, 'One page of matches'), 400: readErrors[400] },
      }),
      async (c) => c.json(await searchPublicCatalogue(deps, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/public/models/{id}',
        operationId: 'getCatalogueModel',
        tags: ['catalogue'],
        summary: 'A recognized model: its published registration and recognized relatives (public)',
        security: [],
        request: { params: ModelIdParams },
        responses: { 200: json(PublicModel, 'The model'), 400: readErrors[400], 404: readErrors[404] },
      }),
      async (c) => c.json(await getPublicModel(deps, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/replicate',
        operationId: 'replicateModel',
        tags: ['catalogue'],
        summary:
          'Replicate a recognized model of another unit (a unit): creates a prefilled DRAFT linked to its source; submit it with /api/models/{id}/submit',
        description: [
          'The copy’s cycle year is `year` when given (this cycle year or the next, Vietnam time; else 422, field `year`); by default the year after the source’s last recognition, kept within those two years.',
          'The draft is private to the unit until submitted. The source’s `replicationCount` (lineage, catalogue) counts it at once, drafts included; the statistics count it (`funnel.REPLICATED`, with REGISTERED) only once it is submitted.',
          'Once per unit and source; not its own unit’s model (409). A model not in the catalogue (never recognized, or stopped) is 404.',
        ].join(' '),
        request: { params: ModelIdParams, body: { content: { 'application/json': { schema: ReplicateInput } }, required: false } },
        responses: {
          201: json(ModelSchema, 'The new draft, with sourceModelId'),
          ...writeErrors,
          409: conflict('your unit’s own model, or your unit replicated it already'),
        },
      }),
      async (c) => {
        const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
        return c.json(await replicateModel(deps, c.get('actor'), c.req.valid('param').id, body), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/models/{id}/lineage',
        operationId: 'getLineage',
        tags: ['catalogue'],
        summary: 'Where a model was replicated from, its copies and their count (drafts of other units are counted, never listed)',
        request: { params: ModelIdParams },
        responses: { 200: json(Lineage, 'The lineage'), ...readErrors },
      }),
      async (c) => c.json(await modelLineage(deps, c.get('actor'), c.req.valid('param').id), 200),
    );
}

/**
 * Replication and the public catalogue: the JSON API (documented in /openapi.json) and the
 * public pages, mounted with one `app.route('/', catalogueRoutes(deps))`.
 */
export function catalogueRoutes(deps: WebDeps) {
  return catalogueApi(deps).route('/', pageRouter(deps, addPublicPages));
}
