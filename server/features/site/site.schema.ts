import { z } from 'zod';
import { localRedirectPath } from '../../lib/forms';
import { LOCALES } from '../../lib/i18n';

export const languageParams = z.strictObject({ locale: z.enum(LOCALES) });

export const languageQuery = z.object({ next: localRedirectPath });
