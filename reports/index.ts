// The public surface of reports/.
export { bulletinHtml } from './bulletin-html.js';
export { bulletinWorkbook } from './bulletin-workbook.js';
export { buildBulletin } from './bulletin.js';
export type { Evaluated } from './evaluated.js';
export { escapeHtml, htmlPage, htmlTable, numberCell } from './html-page.js';
export { individualsOf } from './individual-shares.js';
export type { IndividualPart } from './individual-shares.js';
export { columnsOf } from './results-columns.js';
export type { KindColumns, UnitRow } from './results-columns.js';
export { CSV_BOM, csvLayout, csvLines, resultsFile } from './results-file.js';
export type { CsvOptions } from './results-file.js';
export { indentJsonBytes, sortKeys, stableJson } from './stable-json.js';
export { styledWorkbook } from './workbook.js';
export type { Cell, ColumnFormat, SheetColumn, SheetSpec } from './workbook.js';
