import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../errors';
import { renderMarkdown, renderPlainText } from '../markdown';
import type { ContentOf, Field, FieldTable, Leaf, LeafTable, PresentContext } from './field-table';

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {});

/** Keys a client writes through the table's input (custom fields arrive through their own use cases). */
export const writableKeys = (table: FieldTable): string[] => Object.keys(table).filter((key) => table[key]?.kind !== 'custom');

/** The content after a partial update: a given field replaces the old value whole, a missing one stays. */
export function applyChanges<C extends object>(table: FieldTable, current: C, changes: object): C {
  const next: Loose = { ...(current as Loose) };
  for (const key of writableKeys(table)) {
    if (Object.hasOwn(changes, key)) next[key] = (changes as Loose)[key];
  }
  return next as C;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const required = (field: Field | Leaf, content: Loose) =>
  typeof field.requiredToSubmit === 'function' ? field.requiredToSubmit(content) : Boolean(field.requiredToSubmit);

/** What submission needs and this content lacks, by field path (`period.startYear`), each with `message`. */
export function missingFields(table: FieldTable, content: object, message: string): FieldErrors {
  const c = content as Loose;
  const missing = fieldErrorMap();
  for (const [key, field] of Object.entries(table)) {
    if (required(field, c) && isBlank(c[key])) addFieldErrors(missing, key, message);
    if (field.kind === 'group') {
      const group = asObject(c[key]);
      for (const [leafKey, leaf] of Object.entries(field.fields)) {
        if (required(leaf, c) && isBlank(group[leafKey])) addFieldErrors(missing, `${key}.${leafKey}`, message);
      }
    }
  }
  return missing;
}

/** Every path that can ever be required to submit (the form marks their labels). */
export function requiredPaths(table: FieldTable): string[] {
  const paths: string[] = [];
  for (const [key, field] of Object.entries(table)) {
    if (field.requiredToSubmit) paths.push(key);
    if (field.kind === 'group') {
      for (const [leafKey, leaf] of Object.entries(field.fields)) if (leaf.requiredToSubmit) paths.push(`${key}.${leafKey}`);
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// Presenting: only what the table lists leaves the server, field by field and leaf by leaf.

function presentLeaves(fields: LeafTable, value: unknown, ctx: PresentContext): Loose {
  const source = asObject(value);
  const out: Loose = {};
  for (const [key, leaf] of Object.entries(fields)) {
    if (leaf.kind === 'email' && leaf.private && !ctx.showPrivate) continue;
    const v = presentLeaf(leaf, source[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function presentLeaf(leaf: Leaf, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (leaf.kind === 'slugs' || leaf.kind === 'choices') return Array.isArray(value) ? value.map(String) : [];
  if (leaf.kind === 'number') return typeof value === 'number' ? value : undefined;
  if (leaf.kind === 'boolean') return Boolean(value);
  return typeof value === 'string' ? value : undefined;
}

/** A client's copy of the content: the table's fields only, private leaves only for those allowed. */
export function presentContent<T extends FieldTable>(table: T, content: object, ctx: PresentContext): Loose {
  const c = content as Loose;
  const out: Loose = {};
  for (const [key, field] of Object.entries(table)) {
    let value: unknown;
    if (field.kind === 'group') value = presentLeaves(field.fields, c[key], ctx);
    else if (field.kind === 'rows') value = (Array.isArray(c[key]) ? (c[key] as unknown[]) : []).map((row) => presentLeaves(field.fields, row, ctx));
    else if (field.kind === 'custom') value = (field.present as (v: unknown, x: PresentContext) => unknown)(c[key] ?? field.empty(), ctx);
    else if (field.kind === 'email' && field.private && !ctx.showPrivate) value = undefined;
    else value = presentLeaf(field, c[key]) ?? (field.optional ? undefined : presentLeaf(field, emptyLeaf(field)));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

const emptyLeaf = (leaf: Leaf): unknown =>
  leaf.kind === 'text' ? '' : leaf.kind === 'slugs' || leaf.kind === 'choices' ? [] : leaf.kind === 'boolean' ? false : undefined;

/** The table's Markdown and plain texts as sanitised HTML, safe to print unescaped (`<%- %>`). */
export function renderTexts(table: FieldTable, content: object): Record<string, string> {
  const c = content as Loose;
  const html: Record<string, string> = {};
  for (const [key, field] of Object.entries(table)) {
    if (field.kind !== 'text' || !field.format || field.format === 'line') continue;
    const text = typeof c[key] === 'string' ? c[key] : '';
    html[key] = field.format === 'markdown' ? renderMarkdown(text) : renderPlainText(text);
  }
  return html;
}

/** Keys of the texts `renderTexts` renders. */
export const renderedKeys = (table: FieldTable): string[] =>
  Object.entries(table)
    .filter(([, f]) => f.kind === 'text' && (f.format === 'markdown' || f.format === 'plain'))
    .map(([key]) => key);

/** Keys of the Markdown texts (the form offers a preview for them). */
export const markdownKeys = (table: FieldTable): string[] =>
  Object.entries(table)
    .filter(([, f]) => f.kind === 'text' && f.format === 'markdown')
    .map(([key]) => key);

/** The content as a revision snapshot keeps it: custom fields may leave derived data out. */
export function snapshotContent<T extends FieldTable>(table: T, content: ContentOf<T>): Loose {
  const out: Loose = { ...(content as Loose) };
  for (const [key, field] of Object.entries(table)) {
    if (field.kind === 'custom' && field.snapshot) out[key] = (field.snapshot as (v: unknown) => unknown)(out[key] ?? field.empty());
  }
  return out;
}
