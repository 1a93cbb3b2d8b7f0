import { z } from 'zod';
import { emailField, formSchema, requiredText } from '../../lib/forms';
import { ROLES } from '../../lib/policy';
import { MIN_PASSWORD_LENGTH } from '../users';

const MAX_PASSWORD_LENGTH = 1000;

/** The secret of a link: 32 random bytes in base64url. Anything else is not worth a database lookup. */
export const linkSecret = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const optionalChoice = z
  .string()
  .trim()
  .max(60)
  .optional()
  .transform((v) => (v ? v : undefined));

export const inviteForm = formSchema({
  email: emailField(),
  name: requiredText(120),
  role: z.enum(ROLES, { error: 'invitations.error.role' }),
  // Whether a city is needed (partners) and which cities exist is the service's decision.
  city: optionalChoice,
});
export type InviteInput = z.infer<typeof inviteForm>;

const newPassword = z
  .string({ error: 'form.error.required' })
  .min(MIN_PASSWORD_LENGTH, 'password.error.too_short')
  .max(MAX_PASSWORD_LENGTH, 'form.error.too_long');

const confirmation = z.string({ error: 'form.error.required' }).max(MAX_PASSWORD_LENGTH, 'form.error.too_long');

const passwordsMatch = (form: { password: string; password_confirm: string }) =>
  form.password === form.password_confirm;
const mismatch = { path: ['password_confirm'], message: 'password.error.mismatch' };

export const acceptForm = formSchema({
  name: requiredText(120),
  password: newPassword,
  password_confirm: confirmation,
}).refine(passwordsMatch, mismatch);

export const forgotForm = formSchema({ email: emailField() });

export const resetForm = formSchema({
  password: newPassword,
  password_confirm: confirmation,
}).refine(passwordsMatch, mismatch);
