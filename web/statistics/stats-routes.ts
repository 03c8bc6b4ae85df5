import { createRoute, z } from '@hono/zod-openapi';
import { XLSX_TYPE } from './exports/xlsx-type.ts';
import { getStatistics } from '../../core/use-cases/statistics.ts';
import { modelsDownload, statisticsDownload, type Download, type ExportFormat } from './exports/export-service.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { json, openApiRouter, readErrors } from '../api/openapi-app.ts';
import { StatisticsSchema } from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addStatsPages } from './stats-page-routes.tsx';

// The query strings are parsed by the use cases (comma lists, enums); here they are documented.
const codes = (description: string) => z.string().max(300).optional().openapi({ description });
const StatsQuery = z.object({
  scope: z.string().max(100).optional().openapi({ description: 'A board id, or ALL (administrators); boards always get their own' }),
  period: z
    .string()
    .max(9)
    .optional()
    .openapi({ description: 'Five-year period, e.g. 2026-2030 (default: the current one)', example: '2026-2030' }),
  areas: codes('Comma-separated areas: ECONOMY, CULTURE_SOCIETY, DEFENSE_SECURITY, POLITICAL_SYSTEM'),
  kinds: codes('Comma-separated kinds: MODEL, EXEMPLAR'),
  levels: codes('Comma-separated registered levels: COMMUNE, DISTRICT, PROVINCE, CENTRAL'),
  structure: z.enum(['recorded', 'today']).optional().openapi({
    description:
      'recorded (default): each board as its counters were written, the units as they were each year; today: a board adds the boards merged into it (unit changes). ALL is the same either way',
  }),
});
const ModelsQuery = z.object({
  unitId: z.string().max(100).optional().openapi({ description: 'Administrators: a unit (with neither unitId nor boardId: every board)' }),
  boardId: z.string().max(100).optional().openapi({ description: 'Administrators: a board' }),
  area: codes('Comma-separated areas: ECONOMY, CULTURE_SOCIETY, DEFENSE_SECURITY, POLITICAL_SYSTEM'),
  kind: codes('Comma-separated kinds: MODEL, EXEMPLAR'),
  status: codes(
    'Comma-separated current statuses: DRAFT (a unit’s own), SUBMITTED, RETURNED, REJECTED, IMPLEMENTING, REPORTING, REPORTED, RECOGNIZED, CONTINUING, STOPPED',
  ),
  level: codes('Comma-separated registered (target) levels: COMMUNE, DISTRICT, PROVINCE, CENTRAL'),
  year: z.string().max(4).optional().openapi({
    description:
      'A year the model had a cycle in: registered for it, ran through it, or was recognized in it (a model recognized in 2026 stays in year=2026 after its 2027 cycle began). The recognized level and decision number columns are then that year’s.',
    example: '2026',
  }),
});

const file = (format: ExportFormat, description: string) => ({
  200: {
    description,
    content: {
      [format === 'xlsx' ? XLSX_TYPE : 'text/csv']: { schema: z.string().openapi({ format: format === 'xlsx' ? 'binary' : undefined }) },
    },
  },
  ...readErrors,
});

/** Statistics for boards and administrators, and the Excel / CSV downloads. */
function statsApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/statistics', requireActor(deps));
  app.use('/api/exports/*', requireActor(deps));
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/statistics',
      operationId: 'getStatistics',
      tags: ['statistics'],
      summary:
        'Counts by year, status, area, kind and level; the registration → recognition funnel; indicator totals; the five-year roll-up (boards: their own; administrators: any scope or ALL)',
      request: { query: StatsQuery },
      responses: { 200: json(StatisticsSchema, 'The figures'), ...readErrors },
    }),
    async (c) => c.json(await getStatistics(deps, c.get('actor'), c.req.query()), 200),
  );
  for (const format of ['xlsx', 'csv'] as const) {
    const what = format === 'xlsx' ? 'Excel workbook, one sheet per table' : 'CSV (UTF-8 with BOM), the tables one under the other';
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/exports/statistics.${format}`,
        operationId: `exportStatistics${format === 'xlsx' ? 'Xlsx' : 'Csv'}`,
        tags: ['exports'],
        summary: `The statistics as ${what}; same filters as /api/statistics`,
        request: { query: StatsQuery },
        responses: file(format, 'The file'),
      }),
      async (c) => send(c, await statisticsDownload(deps, c.get('actor'), c.req.query(), format)),
    );
    app.openapi(
      createRoute({
        method: 'get',
        path: `/api/exports/models.${format}`,
        operationId: `exportModels${format === 'xlsx' ? 'Xlsx' : 'Csv'}`,
        tags: ['exports'],
        summary: `The models in my scope (as /api/models, at most 20,000) as ${format === 'xlsx' ? 'an Excel workbook' : 'CSV (UTF-8 with BOM)'}, filtered; with the recognized level and decision number`,
        request: { query: ModelsQuery },
        responses: file(format, 'The file'),
      }),
      async (c) => send(c, await modelsDownload(deps, c.get('actor'), c.req.query(), format)),
    );
  }
  return app;
}

function send(
  c: { body: (data: Uint8Array<ArrayBuffer> | string, status: 200, headers: Record<string, string>) => Response },
  download: Download,
) {
  return c.body(download.body, 200, download.headers);
}

/** Statistics: the JSON API and downloads, and the statistics page with its charts. */
export function statsRoutes(deps: WebDeps) {
  return statsApi(deps).route('/', pageRouter(deps, addStatsPages));
}
