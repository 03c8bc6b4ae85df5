import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { checkImport, getImport, importReport, listImports, startImport } from '../../core/use-cases/import-models.ts';
import { errorBody, requestLang } from '../platform/http-errors.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { uploadedFile } from '../registration/evidence-routes.ts';
import { contentDisposition } from '../statistics/exports/download.ts';
import { XLSX_TYPE } from '../statistics/exports/xlsx-type.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addImportPages } from './import-page-routes.tsx';
import { ImportJobSchema, ImportReportSchema, importReportBody, renderedIssues } from './import-schemas.ts';

/** Loaded at first use: the spreadsheet library (exceljs) stays out of the web function's cold start. */
const sheets = () => import('../../core/imports/sheets.ts');

/**
 * A file of at most 4 MiB: sent base64 to a Lambda Function URL it stays under Lambda's 6 MB
 * synchronous payload ("Lambda quotas": 6 MB request and response); a larger file is split.
 */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
const TOO_LARGE = { key: 'reason.importFileTooLarge', params: { megabytes: MAX_IMPORT_BYTES / (1024 * 1024) } } as const;
export const importBodyLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + 64 * 1024,
  onError: (c) => c.json(errorBody(requestLang(c), 'PayloadTooLarge', TOO_LARGE, [{ field: 'file', ...TOO_LARGE }]), 413),
});

const xlsxFile = (description: string) => ({
  200: { description, content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
  ...readErrors,
});
const JobParams = z.object({
  jobId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'jobId', in: 'path' }, description: 'The import’s `jobId`' }),
});
const DryRunQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().openapi({
    description: '`true`: check every row and report, import nothing (the check is kept: confirm it with POST /api/imports/{jobId}/start)',
  }),
});
const upload = {
  content: {
    'multipart/form-data': {
      schema: z
        .object({
          file: z.any().openapi({
            type: 'string',
            format: 'binary',
            description:
              'An .xlsx (the template’s columns) or a CSV with the same headers (UTF-8, `,` or `;`), at most 4 MiB and 10,000 rows',
          }),
        })
        .openapi('ImportUpload'),
    },
  },
  required: true,
};

/** The import of models from an office's spreadsheet (boards within their jurisdiction, administrators). */
function importApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/imports/models', importBodyLimit);
  return app
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/imports/models/template.xlsx',
        operationId: 'importTemplate',
        tags: ['imports'],
        summary:
          'The import template: the registration’s nine fields, kind, area, unit, year, status reached, indicators; drop-down lists and a sheet that explains each column',
        middleware: [requireActor(deps)],
        responses: xlsxFile('The template'),
      }),
      async (c) =>
        c.body(new Uint8Array(await (await sheets()).buildTemplate()), 200, {
          'Content-Type': XLSX_TYPE,
          'Content-Disposition': contentDisposition('mau-nhap-mo-hinh.xlsx'),
        }),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/imports/models',
        operationId: 'importModels',
        tags: ['imports'],
        summary: 'Import models and exemplars from an .xlsx or CSV (boards: units of their jurisdiction; administrators: any)',
        description:
          'Checks every row first: the answer lists each refused row with its row number, column and reason (Vietnamese and English). Without `dryRun` the rows that pass are imported in the background (202; follow GET /api/imports/{jobId}). The same row (unit, kind, name, year) is never imported twice, whichever file brings it; a crash or restart resumes the import.',
        middleware: [requireActor(deps)],
        request: { query: DryRunQuery, body: upload },
        responses: {
          200: json(ImportReportSchema, 'Checked (dryRun): nothing imported'),
          202: json(ImportReportSchema, 'Checked and started'),
          ...writeErrors,
        },
      }),
      async (c) => {
        const dryRun = c.req.valid('query').dryRun === 'true';
        const check = await checkImport(deps, c.get('actor'), await uploadedFile(c.req), { start: !dryRun });
        const body = importReportBody(check.job, check.refused);
        return dryRun ? c.json(body, 200) : c.json(body, 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/imports',
        operationId: 'listImports',
        tags: ['imports'],
        summary: 'The latest imports of my scope, newest first',
        middleware: [requireActor(deps)],
        responses: { 200: json(z.object({ imports: z.array(ImportJobSchema) }), 'The imports'), ...readErrors },
      }),
      async (c) => c.json({ imports: await listImports(deps, c.get('actor')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/imports/{jobId}',
        operationId: 'getImport',
        tags: ['imports'],
        summary: 'An import’s progress: rows read, to import, refused, done, imported, already in',
        middleware: [requireActor(deps)],
        request: { params: JobParams },
        responses: { 200: json(ImportJobSchema, 'The import'), ...readErrors },
      }),
      async (c) => c.json(await getImport(deps, c.get('actor'), c.req.valid('param').jobId), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/imports/{jobId}/start',
        operationId: 'startImport',
        tags: ['imports'],
        summary: 'Import a checked file (or resume one that failed); one running or done is 409',
        middleware: [requireActor(deps)],
        request: { params: JobParams },
        responses: { 202: json(ImportJobSchema, 'Started'), ...writeErrors },
      }),
      async (c) => c.json(await startImport(deps, c.get('actor'), c.req.valid('param').jobId), 202),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/imports/{jobId}/report.xlsx',
        operationId: 'importReportXlsx',
        tags: ['imports'],
        summary: 'The refused rows as the template’s sheet, each with its original row number and reason: fix and send it again',
        middleware: [requireActor(deps)],
        request: { params: JobParams },
        responses: xlsxFile('The report'),
      }),
      async (c) => {
        const { job, refused } = await importReport(deps, c.get('actor'), c.req.valid('param').jobId);
        const bytes = await (
          await sheets()
        ).buildReport({
          refused: refused.map((r) => ({
            row: r.row,
            cells: r.cells,
            reasons: renderedIssues(r).map((i) => `${i.header}: ${i.reason[requestLang(c)]}`),
          })),
          summary: {
            read: job.read,
            imported: job.imported,
            alreadyIn: job.status === 'CHECKED' ? job.alreadyIn : job.skipped,
            refused: job.refused,
          },
          lang: requestLang(c),
        });
        return c.body(new Uint8Array(bytes), 200, {
          'Content-Type': XLSX_TYPE,
          'Content-Disposition': contentDisposition(`bao-cao-nhap-${job.jobId.slice(0, 8)}.xlsx`),
        });
      },
    );
}

/** Imports: the JSON API and the import page. */
export function importRoutes(deps: WebDeps) {
  return importApi(deps).route('/', pageRouter(deps, addImportPages));
}
