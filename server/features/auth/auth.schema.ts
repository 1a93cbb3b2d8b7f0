import { z } from 'zod';
import { emailField, formSchema, localRedirectPath } from '../../lib/forms';

export const signInForm = formSchema({
  email: emailField(),
  password: z.string({ error: 'form.error.required' }).min(1, 'form.error.required').max(1000),
  next: localRedirectPath,
});

export const signInQuery = z.object({ next: localRedirectPath });
