import type { SchemaDefinition } from 'mongoose';
import { z } from 'zod';

/**
 * A record's content described once, as a table of fields. Everything that needs to know the content's
 * shape is derived from it (see fields-derive.ts, fields-form.ts, fields-diff.ts): the Mongoose schema,
 * the zod input schemas, the long form's mapping, what submission requires, the diff, the JSON presenter
 * and the limits templates print.
 *
 * Leaves hold one value; `group` holds named leaves (one object), `rows` a list of such objects, and
 * `custom` is the way out for a value the table cannot describe (it brings its own schema pieces).
 */

type Common = {
  /** Translation key of the label; defaults to `<labelPrefix>.<path>`. */
  label?: string;
  /**
   * Must be filled in before the record may be submitted; a function decides from the whole content
   * (e.g. "an English title, when the original language is not English").
   */
  requiredToSubmit?: boolean | ((content: Record<string, unknown>) => boolean);
  /** Blank input (absent, null, '') means "not given" and is stored as nothing. */
  optional?: true;
};

export type TextField = Common & {
  kind: 'text';
  max: number;
  min?: number;
  /** The message when the text is shorter than `min` (a translation key suffix). */
  minMessage?: string;
  /** How it is shown: `markdown` and `plain` texts are also presented as sanitised HTML. */
  format?: 'line' | 'plain' | 'markdown';
};
export type NumberField = Common & { kind: 'number'; min: number; max: number; int?: true; message?: string; minMessage?: string; inputMax?: number };
export type BooleanField = Common & { kind: 'boolean' };
export type EnumField = Common & { kind: 'enum'; values: readonly [string, ...string[]]; message: string };
export type SlugField = Common & { kind: 'slug' };
export type SlugsField = Common & { kind: 'slugs'; max: number };
/** Any number of values from a fixed list (checkboxes): a set, stored in the list's order. */
export type ChoicesField = Common & { kind: 'choices'; values: readonly [string, ...string[]]; message: string };
export type EmailField = Common & { kind: 'email'; max?: number; private?: true };
export type UrlField = Common & { kind: 'url'; max: number };
export type Leaf = TextField | NumberField | BooleanField | EnumField | SlugField | SlugsField | ChoicesField | EmailField | UrlField;
export type LeafTable = Readonly<Record<string, Leaf>>;
export type GroupField = Common & {
  kind: 'group';
  fields: LeafTable;
  /** Checks across the group's leaves: add issues with `path` set to the leaf. */
  refine?: (value: Record<string, unknown>, ctx: z.RefinementCtx) => void;
};
export type RowsField = Common & { kind: 'rows'; fields: LeafTable; max: number; inputLabel?: string };
/** Its stored type is what `empty` returns; `present` and `snapshot` take that type. */
export type CustomField = Common & {
  kind: 'custom';
  /** Written by clients through this table's input (false: through its own use case, e.g. uploads). */
  writable: false;
  mongoose: SchemaDefinition[string];
  empty: () => unknown;
  /** How revisions compare it; `face` is what a reader recognises an item by. */
  diff: 'list' | 'value';
  face?: (item: unknown) => unknown;
  /** Its JSON for clients (an allow-list of its own). */
  present: (value: never, ctx: PresentContext) => unknown;
  /** Its part of a revision snapshot (e.g. without large derived data). */
  snapshot?: (value: never) => unknown;
};
export type Field = Leaf | GroupField | RowsField | CustomField;
export type FieldTable = Readonly<Record<string, Field>>;

/** What a presenter may be told about the reader and the record. */
export type PresentContext = { recordId: string; showPrivate: boolean };

// ---------------------------------------------------------------------------------------------------
// The stored value's TypeScript type, inferred from the table.

type Opt<F> = F extends { optional: true } ? true : false;
type LeafValue<F> = F extends { kind: 'text' | 'slug' | 'email' | 'url' }
  ? string
  : F extends { kind: 'number' }
    ? number
    : F extends { kind: 'boolean' }
      ? boolean
      : F extends { kind: 'enum'; values: readonly (infer V)[] }
        ? V
        : F extends { kind: 'slugs' }
          ? string[]
          : F extends { kind: 'choices'; values: readonly (infer V)[] }
            ? V[]
            : never;
type ObjectOf<T> = {
  -readonly [K in keyof T as Opt<T[K]> extends true ? never : K]: ValueOf<T[K]>;
} & {
  -readonly [K in keyof T as Opt<T[K]> extends true ? K : never]?: ValueOf<T[K]> | undefined;
};
type Flat<T> = { [K in keyof T]: T[K] };
export type ValueOf<F> = F extends { kind: 'group'; fields: infer G }
  ? Flat<ObjectOf<G>>
  : F extends { kind: 'rows'; fields: infer G }
    ? Flat<ObjectOf<G>>[]
    : F extends { kind: 'custom'; empty: () => infer T }
      ? T
      : LeafValue<F>;
/** The stored content of a table. */
export type ContentOf<T extends FieldTable> = Flat<ObjectOf<T>>;

/** Checks a table's shape at compile time while keeping its literal types for inference. */
export const defineFields = <const T extends FieldTable>(table: T): T => table;

// ---------------------------------------------------------------------------------------------------
// Paths

export type FieldEntry = { path: string; field: Field | Leaf; parent?: 'group' | 'rows' };

/** Every field and leaf with its dotted path (rows' leaves as `rows.*.leaf`), in table order. */
export function fieldEntries(table: FieldTable): FieldEntry[] {
  const entries: FieldEntry[] = [];
  for (const [key, field] of Object.entries(table)) {
    entries.push({ path: key, field });
    if (field.kind === 'group' || field.kind === 'rows') {
      for (const [leafKey, leaf] of Object.entries(field.fields)) {
        entries.push({ path: field.kind === 'rows' ? `${key}.*.${leafKey}` : `${key}.${leafKey}`, field: leaf, parent: field.kind });
      }
    }
  }
  return entries;
}

/** The field a concrete path names (`indicators.2.name` → the `name` leaf of `indicators`). */
export function fieldAt(table: FieldTable, path: string): Field | Leaf | undefined {
  const [head = '', second, third] = path.split('.');
  const field = Object.hasOwn(table, head) ? table[head] : undefined;
  if (!field || second === undefined) return field;
  if (field.kind === 'group' && third === undefined) return Object.hasOwn(field.fields, second) ? field.fields[second] : undefined;
  if (field.kind === 'rows' && third !== undefined && /^\d+$/.test(second)) {
    return Object.hasOwn(field.fields, third) ? field.fields[third] : undefined;
  }
  return undefined;
}

/** Longest text (or typed number) each input accepts, by path without row numbers: what templates print as `maxlength`. */
export function inputLimits(table: FieldTable): Record<string, number> {
  const limits: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const { path, field } of fieldEntries(table)) {
    const key = path.replace('.*.', '.');
    if (field.kind === 'text' || field.kind === 'url') limits[key] = field.max;
    else if (field.kind === 'email') limits[key] = field.max ?? 254;
    else if (field.kind === 'number' && field.inputMax) limits[key] = field.inputMax;
  }
  return limits;
}

/** The translation key of a field's label (row leaves as `<prefix>.<rows>.<leaf>`). */
export function labelKeyOf(table: FieldTable, prefix: string, path: string): string {
  const field = fieldAt(table, path);
  if (field?.label) return field.label;
  const row = /^(\w+)\.\d+\.(\w+)$/.exec(path);
  return row ? `${prefix}.${row[1]}.${row[2]}` : `${prefix}.${path}`;
}

/** A fresh, empty content value for a table. */
export function emptyOf<T extends FieldTable>(table: T): ContentOf<T> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(table)) {
    const value = emptyValue(field);
    if (value !== undefined) out[key] = value;
  }
  return out as ContentOf<T>;
}

function emptyValue(field: Field | Leaf): unknown {
  if (field.optional) return undefined;
  switch (field.kind) {
    case 'text':
      return '';
    case 'boolean':
      return false;
    case 'slugs':
    case 'choices':
    case 'rows':
      return [];
    case 'group': {
      const group: Record<string, unknown> = {};
      for (const [key, leaf] of Object.entries(field.fields)) {
        const value = leaf.kind === 'boolean' || leaf.kind === 'slugs' || leaf.kind === 'choices' ? emptyValue(leaf) : undefined;
        if (value !== undefined) group[key] = value;
      }
      return group;
    }
    case 'custom':
      return field.empty();
    default:
      return undefined;
  }
}
