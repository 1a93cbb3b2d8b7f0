import { z } from 'zod';
import { LOCALES } from '../../lib/i18n';

export const languageParams = z.strictObject({ locale: z.enum(LOCALES) });

// Only local paths: an absolute or protocol-relative URL here would make the switch an open redirect.
export const languageQuery = z.object({
  next: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/)
    .max(2000)
    .optional()
    .catch(undefined),
});
