import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError } from '../../../lib/errors';
import { COLUMN_NAMES, rowToInput, type RowInput } from './columns';

/** The most an import may hold: a file of the network's whole history fits many times over. */
export const IMPORT_LIMITS = Object.freeze({ maxBytes: 25 * 1024 * 1024, maxRows: 20000 });

export type ImportFormat = 'csv' | 'json';
export type ParsedRow = { number: number; input: Record<string, unknown> | null; errors: RowInput['errors'] };
export type ParsedFile = { format: ImportFormat; rows: ParsedRow[]; columns: string[] };

/**
 * A file that cannot be imported at all, with what to do about it. `params` fill the message's
 * placeholders (the route translates it in the request's language).
 */
export class ImportFileError extends ValidationError {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key, { file: [key] });
  }
}

const refuse = (key: string, params?: Record<string, string | number>): never => {
  throw new ImportFileError(`imports.error.${key}`, params);
};

/** By the name's extension, then by the content's first character: a browser's MIME claim varies too much. */
function formatOf(fileName: string, text: string): ImportFormat {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'txt' || extension === 'tsv') return 'csv';
  if (extension === 'json') return 'json';
  if (extension === undefined) return /^\s*[[{]/.test(text) ? 'json' : 'csv';
  return refuse('file_type', { name: fileName });
}

/** Signatures of files people export by mistake (spreadsheets, documents, archives, images). */
const BINARY_SIGNATURES: readonly number[][] = [
  [0x50, 0x4b, 0x03, 0x04], // zip: .xlsx, .ods, .docx
  [0xd0, 0xcf, 0x11, 0xe0], // OLE: .xls, .doc
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x1f, 0x8b], // gzip
];

function decode(buffer: Buffer, fileName: string): string {
  if (BINARY_SIGNATURES.some((sig) => sig.every((byte, i) => buffer[i] === byte)) || buffer.includes(0)) {
    return refuse('file_type', { name: fileName });
  }
  try {
    // Strict: a spreadsheet saved in a legacy code page would otherwise import with mangled letters.
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return refuse('encoding');
  }
}

/** Comma by default; spreadsheets in much of Europe save with semicolons (or tabs). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => header.split(ch).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return best && count(best) > 0 ? best : ',';
}

function readCsv(text: string): ParsedFile {
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, max_record_size: 1024 * 1024 });
  } catch (err) {
    if (err instanceof CsvError) return refuse('csv_syntax', { line: (err as CsvError & { lines?: number }).lines ?? '?' });
    throw err;
  }
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell.trim() === '')) return refuse('empty');
  const columns = header.map((cell) => cell.trim());
  const unknown = columns.filter((name) => name !== '' && !COLUMN_NAMES.includes(name));
  if (unknown.length > 0) return refuse('unknown_columns', { columns: unknown.slice(0, 10).join(', ') });
  const repeated = columns.filter((name, i) => name !== '' && columns.indexOf(name) !== i);
  if (repeated.length > 0) return refuse('repeated_columns', { columns: [...new Set(repeated)].join(', ') });
  if (!columns.includes('title')) return refuse('no_title_column');
  if (data.length === 0) return refuse('no_rows');
  if (data.length > IMPORT_LIMITS.maxRows) return refuse('too_many_rows', { max: IMPORT_LIMITS.maxRows, rows: data.length });
  const rows = data.map((record, i): ParsedRow => {
    const cells: Record<string, string> = Object.create(null) as Record<string, string>;
    columns.forEach((name, c) => {
      if (name !== '') cells[name] = record[c] ?? '';
    });
    const row = rowToInput(cells);
    // Cells past the header's columns would be silently lost: the row says so instead.
    const extra = record.slice(columns.length).some((cell) => cell.trim() !== '');
    if (extra) row.errors._row = ['imports.error.extra_cells'];
    // Row 1 is the header, as a spreadsheet numbers it.
    return { number: i + 2, ...row };
  });
  return { format: 'csv', rows, columns: columns.filter(Boolean) };
}

function readJson(text: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse('json_syntax');
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { practices?: unknown }).practices) ? (data as { practices: unknown[] }).practices : undefined;
  if (!list) return refuse('json_shape');
  if (list.length === 0) return refuse('no_rows');
  if (list.length > IMPORT_LIMITS.maxRows) return refuse('too_many_rows', { max: IMPORT_LIMITS.maxRows, rows: list.length });
  const rows = list.map((item, i): ParsedRow => {
    const isObject = item !== null && typeof item === 'object' && !Array.isArray(item);
    const errors = Object.create(null) as Record<string, string[]>;
    if (!isObject) errors._row = ['imports.error.json_item'];
    // Not an object: nothing in it can be checked field by field, so the row carries only this message.
    return { number: i + 1, input: isObject ? (item as Record<string, unknown>) : null, errors };
  });
  return { format: 'json', rows, columns: [] };
}

/** Reads an uploaded file into rows of API bodies, or refuses the whole file with a reason. */
export function readImportFile(buffer: Buffer, fileName: string): ParsedFile {
  if (buffer.length === 0) return refuse('empty');
  if (buffer.length > IMPORT_LIMITS.maxBytes) return refuse('too_large', { mb: IMPORT_LIMITS.maxBytes / (1024 * 1024) });
  const text = decode(buffer, fileName);
  return formatOf(fileName, text) === 'csv' ? readCsv(text) : readJson(text);
}
