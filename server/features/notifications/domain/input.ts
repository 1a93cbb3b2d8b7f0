import { z } from 'zod';
import { LOCALES } from '../../../lib/i18n';
import { KIND_NAMES } from './kinds';

export const PER_PAGE_MAX = 100;
const E = (name: string) => `notifications.error.${name}`;

const number = (max: number, fallback: number) =>
  z
    .string({ error: E('page') })
    .regex(/^\d{1,6}$/, E('page'))
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, E('page'))
    .optional()
    .transform((n) => n ?? fallback);

/** The list's query: a page, its size, and whether only unread ones. Anything else is refused. */
export const listInput = z.strictObject(
  {
    page: number(100000, 1),
    perPage: number(PER_PAGE_MAX, 20),
    unread: z.enum(['true', 'false'], { error: E('unread') }).optional(),
  },
  { error: E('unknown_field') },
);

/** The preferences form: the kinds to e-mail (ticked boxes) and the language of the e-mails. */
export const preferencesInput = z.strictObject(
  {
    _csrf: z.string().optional(),
    language: z.enum(LOCALES, { error: E('language') }),
    email: z
      .union([z.enum(KIND_NAMES, { error: E('kind') }), z.array(z.enum(KIND_NAMES, { error: E('kind') })).max(KIND_NAMES.length, E('kind'))], {
        error: E('kind'),
      })
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  },
  { error: E('unknown_field') },
);
