import type { Field, Leaf } from '../../../lib/versioned';
import { PLACE_FIELDS, PRACTICE_FIELDS } from '../../practices';

/**
 * The spreadsheet's columns, derived from the practices' field table: a column per field the API
 * accepts, a column per leaf of a group (`period.startYear`), and one column holding a JSON list for
 * fields with rows (`indicators`, `sources`). A row's cells become the body of `POST /api/practices`,
 * which the practices service then validates as it validates every API call.
 */

export type Column = {
  name: string;
  /** Where its value goes in the API body: a field, or a field's leaf. */
  path: readonly [string] | readonly [string, string];
  /** How the cell is read: one value of a leaf's kind, a list of slugs, or a JSON list of rows. */
  read: 'text' | 'number' | 'boolean' | 'list' | 'json';
};

function readOf(field: Field | Leaf): Column['read'] {
  switch (field.kind) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'slugs':
    case 'choices':
      return 'list';
    case 'rows':
      return 'json';
    default:
      return 'text';
  }
}

function columnsOf(): Column[] {
  const content: Column[] = [];
  for (const [key, field] of Object.entries(PRACTICE_FIELDS) as [string, Field][]) {
    if (field.kind === 'custom') continue; // written through their own use case (attachments), never as content
    if (field.kind === 'group') {
      for (const [leafKey, leaf] of Object.entries(field.fields)) content.push({ name: `${key}.${leafKey}`, path: [key, leafKey], read: readOf(leaf) });
    } else {
      content.push({ name: key, path: [key], read: readOf(field) });
    }
  }
  const place: Column[] = Object.keys(PLACE_FIELDS).map((key) => ({ name: key, path: [key], read: 'text' }));
  // The order of the form: title and summary, then where the practice comes from, then the rest.
  return [...content.slice(0, 2), ...place, ...content.slice(2)];
}

export const COLUMNS: readonly Column[] = Object.freeze(columnsOf());
export const COLUMN_NAMES: readonly string[] = COLUMNS.map((c) => c.name);
const BY_NAME = new Map(COLUMNS.map((c) => [c.name, c]));
export const columnNamed = (name: string): Column | undefined => BY_NAME.get(name);

const TRUE = new Set(['true', 'yes', '1', 'x']);
const FALSE = new Set(['false', 'no', '0']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell's value, or a message key when the cell cannot be read at all. Unreadable values of a known
 * kind are passed on as typed, so the API's own schema says what is wrong with them. */
function cellValue(column: Column, raw: string): { value?: unknown; error?: string } {
  // Spreadsheets pad cells freely; the API would refuse a padded slug or code.
  const cell = raw.trim();
  if (cell === '') return {};
  switch (column.read) {
    case 'number':
      return { value: NUMBER.test(cell) ? Number(cell) : cell };
    case 'boolean': {
      const lower = cell.toLowerCase();
      return { value: TRUE.has(lower) ? true : FALSE.has(lower) ? false : cell };
    }
    case 'list':
      return { value: cell.split(/[;,]/).map((s) => s.trim()).filter(Boolean) };
    case 'json':
      try {
        return { value: JSON.parse(cell) as unknown };
      } catch {
        return { error: 'imports.error.json_cell' };
      }
    default:
      return { value: cell };
  }
}

export type RowInput = { input: Record<string, unknown>; errors: Record<string, string[]> };

/** A CSV record (cells by column name) as an API body, with messages for cells that could not be read. */
export function rowToInput(cells: Readonly<Record<string, string>>): RowInput {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, raw] of Object.entries(cells)) {
    const column = BY_NAME.get(name);
    if (!column) continue;
    const { value, error } = cellValue(column, raw);
    if (error) errors[name] = [error];
    if (value === undefined) continue;
    const [key, leaf] = column.path;
    if (leaf === undefined) input[key] = value;
    else input[key] = { ...((input[key]) ?? {}), [leaf]: value };
  }
  return { input, errors };
}

function cellText(column: Column, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (column.read) {
    case 'list':
      return (value as unknown[]).join('; ');
    case 'json':
      return JSON.stringify(value);
    default:
      // Numbers and booleans read back as the same text; strings are written as they are.
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** An API body as a CSV record, in column order (the template's example row). */
export function inputToCells(input: Readonly<Record<string, unknown>>): string[] {
  return COLUMNS.map((column) => {
    const [key, leaf] = column.path;
    const value = leaf === undefined ? input[key] : (input[key] as Record<string, unknown> | undefined)?.[leaf];
    return cellText(column, value);
  });
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before
 * one) is written with a leading apostrophe, so opening a file we produce never executes anything.
 */
export const formulaSafe = (cell: string): string => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
