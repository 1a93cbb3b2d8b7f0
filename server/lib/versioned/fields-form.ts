import { z } from 'zod';
import type { FieldTable, Leaf, LeafTable } from './field-table';

/**
 * The long form between the browser and a record's service, derived from its field table: what the person
 * typed is kept as text so a re-rendered form shows it exactly, and the service input is built from it.
 */

type LeafForm<F> = F extends { kind: 'boolean' } ? boolean : F extends { kind: 'slugs' | 'choices' } ? string[] : string;
type RowForm<G> = { -readonly [K in keyof G]: string };
export type FormValueOf<F> = F extends { kind: 'group'; fields: infer G }
  ? { -readonly [K in keyof G]: LeafForm<G[K]> }
  : F extends { kind: 'rows'; fields: infer G }
    ? RowForm<G>[]
    : LeafForm<F>;
/** The form's values for a table (custom fields have no input in the form). */
export type FormValuesOf<T extends FieldTable> = {
  -readonly [K in keyof T as T[K] extends { kind: 'custom' } ? never : K]: FormValueOf<T[K]>;
};

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
const asText = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** Rows as an array in index order, whether the parser gave an array or an index-keyed object. */
function rowList(value: unknown): Loose[] {
  if (Array.isArray(value)) return value.map(asObject);
  const entries = Object.entries(asObject(value)).filter(([key]) => /^\d{1,3}$/.test(key));
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, row]) => asObject(row));
}

/** Leaves a form sends as repeated values (checkboxes). */
const isList = (leaf: { kind: string }) => leaf.kind === 'slugs' || leaf.kind === 'choices';

const formFields = (table: FieldTable) => Object.entries(table).filter(([, f]) => f.kind !== 'custom');

function leafFromBody(leaf: Leaf, value: unknown): unknown {
  if (leaf.kind === 'boolean') return str(value) !== '';
  if (leaf.kind === 'slugs' || leaf.kind === 'choices') return strings(value);
  return str(value);
}

function leavesFrom(fields: LeafTable, value: unknown, read: (leaf: Leaf, v: unknown) => unknown): Loose {
  const source = asObject(value);
  return Object.fromEntries(Object.entries(fields).map(([key, leaf]) => [key, read(leaf, source[key])]));
}

const filled = (row: Loose) => Object.values(row).some((v) => typeof v === 'string' && v.trim() !== '');

/**
 * What the person typed, from any body: text is kept as typed, anything that is not text is dropped,
 * and fully empty rows are left out (the service numbers the remaining rows).
 */
export function formValuesFromBody<T extends FieldTable>(table: T, body: unknown): FormValuesOf<T> {
  const b = asObject(body);
  const out: Loose = {};
  for (const [key, field] of formFields(table)) {
    if (field.kind === 'group') out[key] = leavesFrom(field.fields, b[key], leafFromBody);
    else if (field.kind === 'rows') out[key] = rowList(b[key]).map((row) => leavesFrom(field.fields, row, (_l, v) => str(v))).filter(filled);
    else if (field.kind !== 'custom') out[key] = leafFromBody(field, b[key]);
  }
  return out as FormValuesOf<T>;
}

function leafFromStored(leaf: Leaf, value: unknown): unknown {
  if (leaf.kind === 'boolean') return Boolean(value);
  if (leaf.kind === 'slugs' || leaf.kind === 'choices') return Array.isArray(value) ? value.map(String) : [];
  return asText(value);
}

/** The stored content as form values. */
export function formValuesFromContent<T extends FieldTable>(table: T, content: object): FormValuesOf<T> {
  const c = content as Loose;
  const out: Loose = {};
  for (const [key, field] of formFields(table)) {
    if (field.kind === 'group') out[key] = leavesFrom(field.fields, c[key], leafFromStored);
    else if (field.kind === 'rows') {
      out[key] = (Array.isArray(c[key]) ? (c[key] as unknown[]) : []).map((row) => leavesFrom(field.fields, row, (_l, v) => asText(v)));
    } else if (field.kind !== 'custom') out[key] = leafFromStored(field, c[key]);
  }
  return out as FormValuesOf<T>;
}

/** Empty form values for a new record. */
export const emptyFormValues = <T extends FieldTable>(table: T): FormValuesOf<T> => formValuesFromContent(table, {});

/**
 * A typed number: spaces as thousands separators and a decimal comma (as Latvian writes it) are
 * accepted. Anything else is passed on as typed so the service names the field.
 */
export function typedNumber(value: string): number | string | undefined {
  const compact = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return undefined;
  const normal = /^[-+]?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
  const number = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : NaN;
  return Number.isFinite(number) ? number : value;
}

const leafToInput = (leaf: Leaf, value: unknown): unknown => (leaf.kind === 'number' ? typedNumber(str(value)) : value);

/** The service input for the typed values. Every field is present, so an emptied field clears the stored value. */
export function formToInput<T extends FieldTable>(table: T, values: FormValuesOf<T>): Loose {
  const v = values as Loose;
  const out: Loose = {};
  for (const [key, field] of formFields(table)) {
    if (field.kind === 'group') out[key] = leavesFrom(field.fields, v[key], leafToInput);
    else if (field.kind === 'rows') {
      out[key] = (Array.isArray(v[key]) ? (v[key] as unknown[]) : []).map((row) => leavesFrom(field.fields, row, leafToInput));
    } else if (field.kind !== 'custom') out[key] = leafToInput(field, v[key]);
  }
  return out;
}

/** Form keys that have an input: top-level fields, group leaves, and `rows.N.leaf`. */
export function formKeyMatcher(table: FieldTable, extra: readonly string[] = []): (key: string) => boolean {
  const fixed = new Set<string>(extra);
  const rows: string[] = [];
  for (const [key, field] of formFields(table)) {
    fixed.add(key);
    if (field.kind === 'group') for (const leaf of Object.keys(field.fields)) fixed.add(`${key}.${leaf}`);
    if (field.kind === 'rows') rows.push(`${key}\\.\\d+\\.(${Object.keys(field.fields).join('|')})`);
  }
  const row = rows.length > 0 ? new RegExp(`^(${rows.join('|')})$`) : undefined;
  return (key) => fixed.has(key) || Boolean(row?.test(key));
}

/** The first leaf of each rows field: where a message about a whole row is shown. */
export function firstRowLeaf(table: FieldTable): Record<string, string> {
  return Object.fromEntries(
    Object.entries(table).flatMap(([key, field]) => (field.kind === 'rows' ? [[key, Object.keys(field.fields)[0] ?? '']] : [])),
  );
}

// ---------------------------------------------------------------------------------------------------
// The form body as the browser sends it: all text, every part optional (a draft may be incomplete), so a
// crafted body (objects, `$` keys, unknown fields) is refused before anything reads it.

export function formBodyShape(
  table: FieldTable,
  messages: { unknownField: (issue: { code: string }) => string; text: string; list: string },
) {
  const text = z.string({ error: messages.text });
  const maybeText = text.optional();
  const unknownField = messages.unknownField;
  const listMessage = messages.list;
  const oneOrMany = z.union([text, z.array(text)], { error: listMessage }).optional();
  const texts = (fields: LeafTable) =>
    z.strictObject(
      Object.fromEntries(Object.entries(fields).map(([k, leaf]) => [k, isList(leaf) ? oneOrMany : maybeText])),
      { error: unknownField },
    );
  const rows = (row: z.ZodType) =>
    z.union([z.array(row), z.record(z.string().regex(/^\d{1,3}$/), row)], { error: listMessage }).optional();
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of formFields(table)) {
    if (field.kind === 'group') shape[key] = texts(field.fields).optional();
    else if (field.kind === 'rows') shape[key] = rows(texts(field.fields));
    else shape[key] = isList(field) ? oneOrMany : maybeText;
  }
  return shape;
}
