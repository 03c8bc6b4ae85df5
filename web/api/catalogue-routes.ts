import { createRoute, z } from '@hono/zod-openapi';
import { AREAS, KINDS, LEVELS } from '../../core/model.ts';
import { getPublicModel, PublicSearchSchema, searchPublicCatalogue } from '../../core/use-cases/public-catalogue.ts';
import { modelLineage, replicateModel, ReplicateSchema } from '../../core/use-cases/replicate-model.ts';
import { requireActor } from '../session.ts';
import type { WebDeps } from '../web-deps.ts';
import { Anything, ModelIdParams, errors, json, openApiRouter } from './openapi-app.ts';

const Recognition = z.object({
  year: z.number().int(), level: z.enum(LEVELS),
  number: z.string().optional().openapi({ description: 'Decision number, e.g. 12/QĐ-BDV' }), date: z.string().optional().openapi({ description: 'Decision date (ISO)' }), issuingBody: z.string().optional(),
});
const Ref = z.object({ id: z.string(), name: z.string(), unitName: z.string().optional() });

const PublicEntry = z.object({
  id: z.string(), name: z.string(), kind: z.enum(KINDS), area: z.enum(AREAS), tags: z.array(z.string()),
  unitId: z.string(), unitName: z.string().optional(),
  level: z.enum(LEVELS).openapi({ description: 'Level of the latest recognition' }), year: z.number().int().openapi({ description: 'Year of the latest recognition' }),
  recognitions: z.array(Recognition), replicationCount: z.number().int(),
}).openapi('CatalogueEntry');

const PublicPage = z.object({
  items: z.array(PublicEntry),
  nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last page' }),
}).openapi('CataloguePage');

const PublicModel = PublicEntry.extend({
  situation: z.string(), objectives: z.string(), content: z.string(), targetGroup: z.string(), forces: z.string(),
  resources: z.string(), outputs: z.string(), sustainability: z.string(), period: z.string().optional(),
  indicators: z.array(z.object({ name: z.string(), unit: z.string(), target: z.number().nullable() })),
  lineage: z.object({
    source: Ref.optional().openapi({ description: 'The recognized model this one was replicated from' }),
    copies: z.array(Ref.extend({ at: z.string() })).openapi({ description: 'Recognized replications only' }),
    replicationCount: z.number().int(),
  }),
}).openapi('PublicModel');

const LineageRef = z.object({ id: z.string(), name: z.string(), unitId: z.string(), unitName: z.string().optional() });
const Lineage = z.object({
  source: LineageRef.optional(),
  copies: z.array(LineageRef.extend({ status: z.string(), recognized: z.boolean(), at: z.string() })),
  replicationCount: z.number().int(),
}).openapi('Lineage');

const SearchQuery = PublicSearchSchema.extend({
  q: z.string().max(200).optional().openapi({ description: 'Words of the name or tags, with or without diacritics ("dan van kheo")' }),
  limit: z.string().regex(/^\d{1,2}$/).optional().openapi({ description: '1-50, default 20' }),
});

/**
 * The catalogue and replication API. `/api/public/*` needs no session (recognized models
 * only, public fields only); replicating and reading a lineage act within the actor's scope.
 */
export function catalogueApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/models/:id/replicate', requireActor(deps));
  app.use('/api/models/:id/lineage', requireActor(deps));
  return app
    .openapi(
      createRoute({
        method: 'get', path: '/api/public/models', tags: ['catalogue'], summary: 'Search recognized models (public, no sign-in), newest recognition first',
        request: { query: SearchQuery }, responses: { 200: json(PublicPage, 'One page of matches'), 400: errors[400] },
      }),
      async (c) => c.json(await searchPublicCatalogue(deps, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/api/public/models/{id}', tags: ['catalogue'], summary: 'A recognized model: its published registration and recognized relatives (public)',
        request: { params: ModelIdParams }, responses: { 200: json(PublicModel, 'The model'), 404: errors[404] },
      }),
      async (c) => c.json(await getPublicModel(deps, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post', path: '/api/models/{id}/replicate', tags: ['catalogue'],
        summary: 'Replicate a recognized model of another unit (a unit): creates a prefilled DRAFT linked to its source; submit it with /api/models/{id}/submit',
        request: { params: ModelIdParams, body: { content: { 'application/json': { schema: ReplicateSchema } }, required: false } },
        responses: { 201: json(Anything, 'The new draft, with sourceModelId'), ...errors },
      }),
      async (c) => {
        const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
        return c.json(await replicateModel(deps, c.get('actor'), c.req.valid('param').id, body), 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/api/models/{id}/lineage', tags: ['catalogue'], summary: 'Where a model was replicated from, its copies and their count',
        request: { params: ModelIdParams }, responses: { 200: json(Lineage, 'The lineage'), ...errors },
      }),
      async (c) => c.json(await modelLineage(deps, c.get('actor'), c.req.valid('param').id), 200),
    );
}
