import type { z } from 'zod';
import { addFieldErrors, fieldErrorMap, ValidationError, type FieldErrors } from './errors';

/**
 * The one validation path: every boundary (JSON bodies, query strings, route parameters, forms, service
 * input) parses with a zod schema through these functions and gets typed data, or messages by field.
 * Messages are translation keys chosen by the schema. An unknown key is named on its own
 * (`contact.nickname`), so a client sees which key was refused rather than a form-level complaint.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields = fieldErrorMap();
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...base, key].join('.')) : [base.join('.') || '_form'];
    for (const key of keys) addFieldErrors(fields, key, issue.message);
  }
  return fields;
}

/** Typed input, or a ValidationError (400 for JSON, the error page for HTML) with messages by field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError('error.message.validation', fieldErrors(parsed.error));
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/**
 * Parses a submitted form for re-rendering: on failure the caller gets every message by field
 * and the values as typed, so nothing the person wrote is lost.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { ok: false, errors: fieldErrors(parsed.error), values };
}
