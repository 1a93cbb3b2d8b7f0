import { z } from 'zod';
import { formSchema, requiredText } from '../../lib/forms';
import { VOCABULARY_KINDS } from './vocabularies.data';

/** The kind in a URL; anything else names no vocabulary (404). */
export const kindParam = z.enum(VOCABULARY_KINDS);

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Both labels of a term, as the rename form sends them. */
export const labelsForm = formSchema({ en: requiredText(120), lv: requiredText(120) });

/** A new term: both labels, and a slug only if the one made from the English label will not do. */
export const newTermForm = formSchema({
  en: requiredText(120),
  lv: requiredText(120),
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
