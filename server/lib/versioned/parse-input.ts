import type { z } from 'zod';
import { addFieldErrors, fieldErrorMap, ValidationError } from '../errors';

/**
 * Parses a record's input or throws a ValidationError with messages by field. Unknown fields are named
 * one by one (`fields.foo`) with `unknownField`, so a client sees which key was refused rather than a
 * form-level complaint.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, unknownField: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fields = fieldErrorMap();
  for (const issue of parsed.error.issues) {
    const base = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...base, key].join('.')) : [base.join('.') || '_form'];
    const message = issue.code === 'unrecognized_keys' ? unknownField : issue.message;
    for (const key of keys) addFieldErrors(fields, key, message);
  }
  throw new ValidationError('error.message.validation', fields);
}
