import { z } from 'zod';
import { formSchema, requiredText } from '../../lib/forms';
import { MIN_PASSWORD_LENGTH } from '../users';

const PASSWORD_MAX = 1000;

export const passwordForm = formSchema({
  currentPassword: z
    .string({ error: 'form.error.required' })
    .min(1, 'form.error.required')
    .max(PASSWORD_MAX, 'form.error.too_long'),
  newPassword: z
    .string({ error: 'form.error.required' })
    .min(1, 'form.error.required')
    .min(MIN_PASSWORD_LENGTH, 'account.error.password_too_short')
    .max(PASSWORD_MAX, 'form.error.too_long'),
  confirmPassword: z
    .string({ error: 'form.error.required' })
    .min(1, 'form.error.required')
    .max(PASSWORD_MAX, 'form.error.too_long'),
}).refine((form) => form.newPassword === form.confirmPassword, {
  path: ['confirmPassword'],
  message: 'account.error.password_mismatch',
});

export const tokenForm = formSchema({ name: requiredText(80) });

export const ACCOUNT_NOTICES = ['password-changed', 'token-revoked'] as const;

// The notice only picks a fixed message; anything else in the address is ignored rather than refused.
export const accountQuery = z.object({ notice: z.enum(ACCOUNT_NOTICES).optional().catch(undefined) });
