import { stringify } from 'csv-stringify/sync';
import type { Translate } from '../../lib/i18n';

export type Cell = string | number | boolean | null | readonly string[];

/** One column of an export: its key (JSON property), its heading's translation key, and its value. */
export type Column<R> = { key: string; header: string; value: (row: R) => Cell };

export type ExportTable = { columns: { key: string; header: string }[]; rows: Record<string, Cell>[] };

export function table<R>(columns: readonly Column<R>[], items: readonly R[]): ExportTable {
  return {
    columns: columns.map(({ key, header }) => ({ key, header })),
    rows: items.map((item) => Object.fromEntries(columns.map((c) => [c.key, c.value(item)]))),
  };
}

// A spreadsheet runs a cell that starts like a formula (=, +, -, @, tab, CR): such text is quoted with
// a leading apostrophe, which Excel and LibreOffice show as plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: Cell): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value;
  const text = Array.isArray(value) ? value.join('; ') : (value as string);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads ł and ā), headings in the reader's language. */
export function toCsv(data: ExportTable, t: Translate): string {
  return stringify(
    data.rows.map((row) => data.columns.map((c) => csvCell(row[c.key] ?? null))),
    { bom: true, header: true, columns: data.columns.map((c) => t(c.header)), record_delimiter: 'windows' },
  );
}

/** JSON: the same rows, values typed (lists stay lists), with what was asked and when. */
export function toJson(data: ExportTable, meta: Record<string, unknown>): string {
  return JSON.stringify({ ...meta, count: data.rows.length, items: data.rows }, null, 2);
}
