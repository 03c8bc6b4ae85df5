import type { FieldErrors, FormValues } from '../ui/forms.tsx';

/** The scoring sheet's address and form fields, shared by its routes and its page (loaded on first use). */
export const SHEET_PATH = '/board/scoring';

/** The form fields of a sheet row, named by its model (the rows a post scored leave the sheet). */
export const rowField = (modelId: string, field: string) => `m.${modelId}.${field}`;

/** What a post left on the sheet: the values typed, reasons by rowField, how many rows were scored or refused. */
export type SheetState = { values: FormValues; errors: FieldErrors; scored: number; failedRows: number };
