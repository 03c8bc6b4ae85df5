import { createRoute, z } from '@hono/zod-openapi';
import type { Actor } from '../../../core/actor.ts';
import { periodSummary } from '../../../core/use-cases/period-summary.ts';
import { json, openApiRouter, readErrors } from '../../api/openapi-app.ts';
import { t } from '../../i18n/dictionary.ts';
import { requireActor } from '../../platform/session.ts';
import type { WebDeps } from '../../web-deps.ts';
import { contentDisposition } from '../exports/download.ts';
import { scopeName } from '../exports/export-service.ts';
import { XLSX_TYPE } from '../exports/xlsx-type.ts';
import { DOCX_TYPE } from '../../decisions/decision-routes.ts';
import { summaryTables } from './summary-tables.ts';

const SummaryQuery = z.object({
  scope: z.string().max(100).optional().openapi({ description: 'A board id, or ALL (administrators); boards always get their own' }),
  period: z
    .string()
    .max(9)
    .optional()
    .openapi({ description: 'The five-year period, e.g. 2021-2025 (default: the current one)', example: '2021-2025' }),
  structure: z.enum(['recorded', 'today']).optional().openapi({ description: 'As /api/statistics: today adds the boards merged into it' }),
});
const Breakdown = z.object({
  total: z.number().int(),
  byArea: z.record(z.string(), z.number()),
  byKind: z.record(z.string(), z.number()),
  byLevel: z.record(z.string(), z.number()),
});
const Events = z.object({ REGISTERED: Breakdown, RECOGNIZED: Breakdown, REPLICATED: Breakdown, STOPPED: Breakdown });
const SummarySchema = z
  .object({
    scope: z.string(),
    period: z.string(),
    structure: z.enum(['recorded', 'today']),
    years: z.array(
      z.object({
        year: z.number().int(),
        events: Events,
        stopReasons: z
          .record(z.string(), z.number())
          .openapi({ description: 'By stop reason; UNRECORDED: stops counted before reasons were' }),
      }),
    ),
    total: z.object({ events: Events, stopReasons: z.record(z.string(), z.number()) }),
    indicators: z.array(
      z.object({
        key: z.string(),
        unit: z.string(),
        name: z.string(),
        total: z.number(),
        reports: z.number().nullable(),
        value: z.number().nullable(),
      }),
    ),
    mostReplicated: z.array(
      z.object({
        modelId: z.string(),
        name: z.string(),
        unitName: z.string(),
        kind: z.string(),
        area: z.string(),
        replicationCount: z.number().int(),
      }),
    ),
  })
  .openapi('PeriodSummary');
const binary = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } },
  ...readErrors,
});

/** The five-year summary (tổng kết giai đoạn): JSON, the workbook, and the docx draft of the report. */
export function summaryApi(deps: WebDeps) {
  const fileName = async (actor: Actor, query: Record<string, string>) => {
    const summary = await periodSummary(deps, actor, query);
    const name = t('vi', 'summary.fileName', { scope: await scopeName(deps, summary.scope, 'vi'), period: summary.period });
    return { summary, name };
  };
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/statistics/summary',
        operationId: 'getPeriodSummary',
        tags: ['statistics'],
        summary:
          'The five-year summary: per year registered, recognized, replicated, stopped (with reasons) by area, kind and level; indicator totals; the most replicated models',
        middleware: [requireActor(deps)],
        request: { query: SummaryQuery },
        responses: { 200: json(SummarySchema, 'The summary'), ...readErrors },
      }),
      async (c) => c.json(await periodSummary(deps, c.get('actor'), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/exports/summary.xlsx',
        operationId: 'exportSummaryXlsx',
        tags: ['exports'],
        summary: 'The five-year summary as an Excel workbook, one sheet per table',
        middleware: [requireActor(deps)],
        request: { query: SummaryQuery },
        responses: binary(XLSX_TYPE, 'The workbook'),
      }),
      async (c) => {
        const { summary, name } = await fileName(c.get('actor'), c.req.valid('query'));
        const bytes = await (
          await import('../exports/workbook.ts')
        ).buildWorkbook(summaryTables('vi', summary), { title: name, created: deps.now() });
        return c.body(new Uint8Array(bytes), 200, {
          'Content-Type': XLSX_TYPE,
          'Content-Disposition': contentDisposition(`${name}.xlsx`),
          'Cache-Control': 'private, no-store',
        });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/exports/summary.docx',
        operationId: 'exportSummaryDocx',
        tags: ['exports'],
        summary: 'A draft of the five-year summary report (.docx) with its figures and tables, for the office to finish',
        middleware: [requireActor(deps)],
        request: { query: SummaryQuery },
        responses: binary(DOCX_TYPE, 'The draft'),
      }),
      async (c) => {
        const { summary, name } = await fileName(c.get('actor'), c.req.valid('query'));
        const scope = await scopeName(deps, summary.scope, 'vi');
        const bytes = await (
          await import('./summary-docx.ts')
        ).buildSummaryDocx(summary, { scopeName: scope, tables: summaryTables('vi', summary), today: deps.now() });
        return c.body(new Uint8Array(bytes), 200, {
          'Content-Type': DOCX_TYPE,
          'Content-Disposition': contentDisposition(`${name}.docx`),
          'Cache-Control': 'private, no-store',
        });
      },
    );
}
