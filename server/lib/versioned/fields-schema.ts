import { Schema, type SchemaDefinition } from 'mongoose';
import { z } from 'zod';
import type { Field, FieldTable, Leaf, LeafTable } from './field-table';

/** Translation keys of validation messages, by short name (`text`, `max_200`, `object`…). */
export type MessageKey = (name: string) => string;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Control characters other than tab and line breaks are invisible garbage from pasted text; browsers
// send textarea line breaks as CRLF, stored text uses LF, so an unchanged form compares equal.
export const stripControls = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');

/** Absent, null or blank all mean "not given" for optional values, as an emptied form field does. */
export const blankToUndefined = (value: unknown) => (value === null || value === '' ? undefined : value);
export const optionalInput = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

/** Text of at most `max` characters; objects, numbers and `$` operators are refused as "not text". */
export function textInput(E: MessageKey, max: number, min = 0, minKey = E('required')) {
  return z
    .string({ error: (issue) => (issue.input === undefined && min > 0 ? minKey : E('text')) })
    .overwrite(stripControls)
    .trim()
    .min(min, minKey)
    .max(max, E(`max_${max}`));
}

export const slugInput = (E: MessageKey) => z.string({ error: E('slug') }).max(80, E('slug')).regex(SLUG_PATTERN, E('slug'));

function leafSchema(E: MessageKey, leaf: Leaf): z.ZodType {
  switch (leaf.kind) {
    case 'text':
      return textInput(E, leaf.max, leaf.min ?? 0, leaf.minMessage ? E(leaf.minMessage) : E('required'));
    case 'number': {
      const message = E(leaf.message ?? 'number');
      let schema = z.number({ error: message });
      if (leaf.int) schema = schema.int(message);
      return schema.min(leaf.min, E(leaf.minMessage ?? leaf.message ?? 'number')).max(leaf.max, message);
    }
    case 'boolean':
      return z.boolean({ error: E('boolean') }).default(false);
    case 'enum':
      return z.enum(leaf.values, { error: E(leaf.message) });
    case 'slug':
      return slugInput(E);
    case 'slugs':
      return z
        .array(slugInput(E), { error: E('list') })
        .max(leaf.max, E('too_many'))
        .transform((slugs) => [...new Set(slugs)]);
    case 'choices': {
      const values = leaf.values;
      return z
        .array(z.enum(values, { error: E(leaf.message) }), { error: E('list') })
        .max(values.length, E('too_many'))
        .transform((chosen) => values.filter((value) => chosen.includes(value)));
    }
    case 'email':
      return z
        .string({ error: E('email') })
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: E('email') }).max(leaf.max ?? 254, E('email')));
    case 'url':
      return z
        .string({ error: E('url') })
        .trim()
        .max(leaf.max, E(`max_${leaf.max}`))
        .pipe(z.url({ protocol: /^https?$/, error: E('url') }));
  }
}

const maybeOptional = (leaf: Leaf, schema: z.ZodType) => (leaf.optional ? optionalInput(schema) : schema);

/** The message of a strict object: an unknown key is `unknown_field`, anything else (not an object) `object`. */
export const objectError = (E: MessageKey) => (issue: { code: string }) =>
  issue.code === 'unrecognized_keys' ? E('unknown_field') : E('object');

/** One leaf table as a strict object (unknown keys refused one by one). */
function objectSchema(E: MessageKey, fields: LeafTable) {
  const shape = Object.fromEntries(Object.entries(fields).map(([key, leaf]) => [key, maybeOptional(leaf, leafSchema(E, leaf))]));
  return z.strictObject(shape, { error: objectError(E) });
}

/** The input schema of one field (what a client may send for it). */
export function fieldSchema(E: MessageKey, field: Field): z.ZodType {
  switch (field.kind) {
    case 'group': {
      const object = objectSchema(E, field.fields);
      const refine = field.refine;
      return refine ? object.superRefine((value, ctx) => refine(value, ctx)) : object;
    }
    case 'rows':
      return z.array(objectSchema(E, field.fields), { error: E('list') }).max(field.max, E('too_many'));
    case 'custom':
      throw new Error('custom fields are not written through the table input');
    default:
      return maybeOptional(field, leafSchema(E, field));
  }
}

/** Every field a client may write, by key (custom fields are written through their own use cases). */
export function inputShape(E: MessageKey, table: FieldTable): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(table)
      .filter(([, field]) => field.kind !== 'custom')
      .map(([key, field]) => [key, fieldSchema(E, field)]),
  );
}

// ---------------------------------------------------------------------------------------------------
// Mongoose: the same limits as the last line of defence if a bug slips past the zod schemas.

function leafPath(leaf: Leaf, inRows: boolean): SchemaDefinition[string] {
  const required = inRows && !leaf.optional && leaf.kind !== 'boolean';
  switch (leaf.kind) {
    case 'text':
      return {
        type: String,
        maxlength: leaf.max,
        ...(leaf.min ? { minlength: leaf.min, required: true } : {}),
        ...(required ? { required: true } : {}),
        ...(!leaf.optional && !inRows && !leaf.min ? { default: '' } : {}),
      };
    case 'number':
      return { type: Number, min: leaf.min, max: leaf.max, ...(required ? { required: true } : {}) };
    case 'boolean':
      return { type: Boolean, default: false };
    case 'enum':
      return { type: String, enum: leaf.values };
    case 'slug':
      return { type: String };
    case 'slugs':
      return { type: [String], default: [] };
    case 'choices':
      return { type: [{ type: String, enum: leaf.values }], default: [] };
    case 'email':
      return { type: String, maxlength: leaf.max ?? 254 };
    case 'url':
      return { type: String, maxlength: leaf.max, match: /^https?:\/\//i, ...(required ? { required: true } : {}) };
  }
}

function leavesDefinition(fields: LeafTable, inRows: boolean): SchemaDefinition {
  return Object.fromEntries(Object.entries(fields).map(([key, leaf]) => [key, leafPath(leaf, inRows)]));
}

/** The Mongoose definition of a content table (embed it with `new Schema(def, { _id: false })`). */
export function mongooseDefinition(table: FieldTable): SchemaDefinition {
  const def: SchemaDefinition = {};
  for (const [key, field] of Object.entries(table)) {
    if (field.kind === 'group') def[key] = leavesDefinition(field.fields, false);
    else if (field.kind === 'rows') {
      def[key] = { type: [new Schema(leavesDefinition(field.fields, true), { _id: false })], default: [] };
    } else if (field.kind === 'custom') def[key] = field.mongoose;
    else def[key] = leafPath(field, false);
  }
  return def;
}
