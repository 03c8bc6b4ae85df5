/** The media type of an .xlsx workbook (its own module: routes name it without loading the spreadsheet library). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
