/**
 * The spreadsheet side of the model import: the template an office fills in, the reader of what
 * it sends back (.xlsx or CSV), and the report of refused rows, which re-imports once fixed.
 * Pure functions over bytes; the columns and values are in import-columns.ts.
 */
export { buildTemplate, listFormula } from './template.ts';
export { readImportFile, cellText, type ImportIssue, type ReadResult } from './read-sheet.ts';
export { buildReport, REPORT_EXTRA_HEADERS, type ReportInput } from './report-sheet.ts';
