import { z } from 'zod';
import { emailField, formSchema } from '../../lib/forms';

export const safeNext = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .max(2000)
  .optional()
  .catch(undefined);

export const signInForm = formSchema({
  email: emailField(),
  password: z.string({ error: 'form.error.required' }).min(1, 'form.error.required').max(1000),
  next: safeNext,
});

export const signInQuery = z.object({ next: safeNext });
