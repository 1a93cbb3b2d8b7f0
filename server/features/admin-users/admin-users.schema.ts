import { z } from 'zod';
import { formSchema } from '../../lib/forms';
import { ROLES } from '../../lib/policy';

// A filter form's "any" choice arrives as an empty value.
const blankAsMissing = (value: unknown) => (value === '' ? undefined : value);

export const USERS_NOTICES = ['role-changed', 'deactivated', 'reactivated'] as const;

/** The list filters come from selects: a value outside them is a malformed request (400), not a typo to explain. */
export const usersQuery = z.object({
  role: z.preprocess(blankAsMissing, z.enum(ROLES).optional()),
  active: z
    .preprocess(blankAsMissing, z.enum(['true', 'false']).optional())
    .transform((value) => (value === undefined ? undefined : value === 'true')),
  notice: z.enum(USERS_NOTICES).optional().catch(undefined),
});

/** Partners belong to one of the network's cities; every other role has none. */
export function roleForm(citySlugs: readonly string[]) {
  return formSchema({
    role: z.enum(ROLES, { error: 'admin_users.error.role' }),
    city: z.preprocess(blankAsMissing, z.string().max(80).optional()),
  }).superRefine((form, ctx) => {
    if (form.role === 'partner' && !(form.city && citySlugs.includes(form.city))) {
      ctx.addIssue({ code: 'custom', path: ['city'], message: 'admin_users.error.city_required' });
    }
  });
}
