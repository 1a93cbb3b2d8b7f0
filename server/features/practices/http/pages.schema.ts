import { z } from 'zod';
import { formBodyShape } from '../../../lib/versioned';
import { listQuery } from '../domain/input';
import { PRACTICE_FIELDS } from '../domain/practice-fields';

/**
 * Query strings and form bodies of the practice pages. Record content is validated by the service's
 * own schemas (practices.schema.ts); these only make sure the page receives text where it expects text,
 * so a crafted body (objects, `$` keys, unknown fields) is refused before anything reads it.
 */

const unknownField = (issue: { code: string }) =>
  issue.code === 'unrecognized_keys' ? 'practices.error.unknown_field' : 'practices.error.object';

export const PAGE_NOTICES = [
  'created', 'saved', 'submitted', 'published', 'changes-requested', 'rejected', 'archived', 'deleted', 'undeleted',
  'attached', 'attachment-removed', 'attachment-restored', 'commented', 'restored',
] as const; // prettier-ignore
export type PageNotice = (typeof PAGE_NOTICES)[number];

export const practicePageQuery = z.strictObject(
  {
    version: z.enum(['working', 'published'], { error: 'practices.error.object' }).optional(),
    notice: z.enum(PAGE_NOTICES, { error: 'practices.error.object' }).optional(),
  },
  { error: unknownField },
);

const revisionNumber = z
  .string({ error: 'practices.error.revision' })
  .regex(/^\d{1,9}$/, 'practices.error.revision')
  .transform(Number)
  .refine((n) => n >= 1, 'practices.error.revision');

/** Two revisions to compare, or neither (the page then compares the latest two). */
export const historyQuery = z
  .strictObject(
    { from: revisionNumber.optional(), to: revisionNumber.optional(), notice: z.enum(PAGE_NOTICES).optional() },
    { error: unknownField },
  )
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'practices.page.error.pick_two',
    path: ['to'],
  });

export const pageNumberQuery = z.strictObject({ page: listQuery.shape.page }, { error: unknownField });

const text = z.string({ error: 'practices.error.text' });
const maybeText = text.optional();

export const FORM_INTENTS = ['draft', 'submit'] as const;

/** The long form as the browser sends it: all text, every part optional (a draft may be incomplete). */
export const practiceFormBody = z.strictObject(
  {
    _csrf: maybeText,
    intent: z.enum(FORM_INTENTS, { error: 'practices.error.object' }).optional(),
    revision: maybeText,
    city: maybeText,
    cityName: maybeText,
    country: maybeText,
    ...formBodyShape(PRACTICE_FIELDS, { unknownField, text: 'practices.error.text', list: 'practices.error.list' }),
  },
  { error: unknownField },
);

/** Workflow buttons: the revision the page showed, and a reason or comment where the step needs one. */
export const stepForm = z.strictObject({ _csrf: maybeText, revision: maybeText }, { error: unknownField });
export const reasonForm = z.strictObject(
  { _csrf: maybeText, revision: maybeText, reason: maybeText },
  { error: unknownField },
);
export const commentForm = z.strictObject({ _csrf: maybeText, body: maybeText }, { error: unknownField });
export const purgeForm = z.strictObject(
  { _csrf: maybeText, confirm: z.literal('yes', { error: 'practices.page.error.purge_confirm' }) },
  { error: unknownField },
);
