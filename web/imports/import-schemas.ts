import { z } from '@hono/zod-openapi';
import { IMPORT_COLUMNS } from '../../core/imports/import-columns.ts';
import type { ImportJob, RefusedRow } from '../../core/use-cases/import-models.ts';
import { message } from '../i18n/dictionary.ts';

const HEADERS = new Map<string, string>(IMPORT_COLUMNS.map((c) => [c.key, c.header]));

export const ImportJobSchema = z
  .object({
    jobId: z.string(),
    scope: z.string().openapi({ description: 'The board whose units the file may name, or ALL' }),
    actor: z.string(),
    fileName: z.string(),
    createdAt: z.string(),
    status: z.enum(['CHECKED', 'RUNNING', 'COMPLETED', 'FAILED']).openapi({
      description: 'CHECKED: checked, nothing imported yet; RUNNING; COMPLETED; FAILED (start it again to resume)',
    }),
    read: z.number().int().openapi({ description: 'Data rows read' }),
    planned: z.number().int().openapi({ description: 'Rows that passed the check' }),
    alreadyIn: z.number().int().openapi({ description: 'Of those, already imported before (found at the check)' }),
    refused: z.number().int(),
    chunks: z.number().int(),
    refusedChunks: z.number().int(),
    done: z.number().int().openapi({ description: 'Rows of the planned ones handled so far (the progress bar)' }),
    imported: z.number().int().openapi({ description: 'Models created by this import' }),
    skipped: z.number().int().openapi({ description: 'Rows found already in while importing' }),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
    attempt: z.number().int(),
  })
  .openapi('ImportJob');

const RowIssueSchema = z.object({
  column: z.string().openapi({ description: 'The column key (`name`, `unit`, ...) or `(row)` for the whole row' }),
  header: z.string().openapi({ description: 'The column’s Vietnamese header, as in the template' }),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  reason: z.object({ vi: z.string(), en: z.string() }),
});
export const ImportReportSchema = z
  .object({
    job: ImportJobSchema,
    refused: z.array(
      z.object({
        row: z.number().int().openapi({ description: 'The row in the sheet (the header is row 1)' }),
        issues: z.array(RowIssueSchema),
      }),
    ),
  })
  .openapi('ImportReport');

/** A refused row's issues in both languages (the report is read by the office and by integrators). */
export function renderedIssues(row: RefusedRow) {
  return row.issues.map((issue) => ({
    column: issue.column,
    header: HEADERS.get(issue.column) ?? (issue.column === '(row)' ? 'Dòng' : issue.column),
    key: issue.key,
    ...(issue.params ? { params: { ...issue.params } } : {}),
    reason: { vi: message('vi', issue.key, issue.params), en: message('en', issue.key, issue.params) },
  }));
}

export function importReportBody(job: ImportJob, refused: RefusedRow[]) {
  return {
    job,
    refused: refused.map((row) => ({ row: row.row, issues: renderedIssues(row) })),
  };
}
