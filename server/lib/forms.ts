import { z } from 'zod';

/** A form's fields plus the CSRF token every state-changing form carries; anything else is refused. */
export function formSchema<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ ...shape, _csrf: z.string().optional() });
}

export const requiredText = (max: number, key = 'form.error.required') =>
  z.string({ error: key }).trim().min(1, key).max(max, 'form.error.too_long');

export const emailField = () =>
  z
    .string({ error: 'form.error.email' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'form.error.email' }).max(254));

/**
 * Where to go after an action: a path on this site only. An absolute or protocol-relative URL would
 * make every `next` parameter an open redirect; anything else is dropped rather than refused.
 */
export const localRedirectPath = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .max(2000)
  .optional()
  .catch(undefined);
