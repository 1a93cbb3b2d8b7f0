import { z } from 'zod';
import type { CustomField, Field, FieldTable } from './field-table';
import { renderedKeys } from './fields-content';
import { fieldSchema, type MessageKey } from './fields-schema';

/**
 * What the API answers for a content table, as zod (for the OpenAPI document only): the same table the
 * presenter walks, so the document and the answers cannot drift. Custom fields describe themselves.
 */
export function contentOutputShape(
  table: FieldTable,
  E: MessageKey,
  custom: (key: string, field: CustomField) => z.ZodType,
  describe: Partial<Record<string, string>> = {},
): Record<string, z.ZodType> {
  const outputOf = (key: string, field: Field): z.ZodType => {
    switch (field.kind) {
      case 'text':
        return field.format === 'markdown' ? z.string().describe('Markdown') : z.string();
      case 'slugs':
      case 'choices':
        return z.array(z.string());
      case 'enum':
        return field.optional ? z.enum(field.values).optional() : z.enum(field.values);
      case 'slug':
        return field.optional ? z.string().optional() : z.string();
      case 'custom':
        return custom(key, field);
      default:
        return fieldSchema(E, field);
    }
  };
  return Object.fromEntries(
    Object.entries(table).map(([key, field]) => {
      const schema = outputOf(key, field);
      const description = describe[key];
      return [key, description ? schema.describe(description) : schema];
    }),
  );
}

/** The rendered texts' object (`html`) of a table's presenter, for the OpenAPI document. */
export const renderedOutput = (table: FieldTable, extra: Record<string, z.ZodType> = {}) =>
  z
    .object({ ...Object.fromEntries(renderedKeys(table).map((key) => [key, z.string()])), ...extra })
    .describe('The texts rendered and sanitised, safe to insert as HTML.');
