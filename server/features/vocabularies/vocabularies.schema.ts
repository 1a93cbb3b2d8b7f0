import { z } from 'zod';
import { formSchema, requiredText } from '../../lib/forms';
import { LOCALES, type Locale } from '../../lib/i18n';
import { REQUIRED_LABELS, VOCABULARY_KINDS } from './vocabularies.data';

/** The kind in a URL; anything else names no vocabulary (404). */
export const kindParam = z.enum(VOCABULARY_KINDS);

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const optionalLabel = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string({ error: 'form.error.too_long' }).trim().max(120, 'form.error.too_long').optional(),
);

/** English and Latvian are required; every other interface language may be left empty (English shows). */
const labelFields = Object.fromEntries(
  LOCALES.map((locale) => [locale, (REQUIRED_LABELS as readonly string[]).includes(locale) ? requiredText(120) : optionalLabel]),
) as { en: ReturnType<typeof requiredText>; lv: ReturnType<typeof requiredText> } & Record<Exclude<Locale, 'en' | 'lv'>, typeof optionalLabel>;

/** A term's labels, as the rename form sends them. */
export const labelsForm = formSchema(labelFields);

/** A new term: its labels, and a slug only if the one made from the English label will not do. */
export const newTermForm = formSchema({
  ...labelFields,
  slug: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string({ error: 'vocabularies.error.slug' })
      .trim()
      .max(80, 'vocabularies.error.slug')
      .regex(SLUG, 'vocabularies.error.slug')
      .optional(),
  ),
});

/** Retire and reinstate carry nothing but the CSRF token. */
export const termActionForm = formSchema({});

export const vocabulariesPageQuery = z.strictObject({
  notice: z.enum(['added', 'renamed', 'retired', 'reinstated']).optional(),
});
