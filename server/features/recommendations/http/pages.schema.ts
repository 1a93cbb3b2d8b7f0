import { z } from 'zod';
import { formBodyShape, objectError } from '../../../lib/versioned';
import { listQuery } from '../domain/input';
import { E, RECOMMENDATION_FIELDS } from '../domain/recommendation-fields';

/**
 * Query strings and form bodies of the recommendation pages. Content is validated by the service's own
 * schemas; these only make sure the page receives text where it expects text, so a crafted body
 * (objects, `$` keys, unknown fields) is refused before anything reads it.
 */

function maybeTextEarly() {
  return z.string({ error: 'recommendations.error.text' }).optional();
}

const unknownField = objectError(E);

export const PAGE_NOTICES = [
  'created', 'saved', 'open-consultation', 'back-to-draft', 'finalise', 'withdraw', 'reopen', 'deleted', 'undeleted',
  'commented', 'answered', 'marked', 'unmarked', 'restored', 'cited', 'citation-saved', 'citation-removed',
] as const; // prettier-ignore
export type PageNotice = (typeof PAGE_NOTICES)[number];

export const pageQuery = z.strictObject({ notice: z.enum(PAGE_NOTICES, { error: 'recommendations.error.object' }).optional() }, { error: unknownField });

/** The edit page: the evidence picker's search (words and page) and a notice. */
export const editPageQuery = z.strictObject(
  {
    q: z.string({ error: 'recommendations.error.text' }).max(200, 'recommendations.error.max_200').optional(),
    page: z.string({ error: 'recommendations.error.page' }).regex(/^\d{1,4}$/, 'recommendations.error.page').transform(Number).refine((n) => n >= 1, 'recommendations.error.page').optional(),
    notice: z.enum(PAGE_NOTICES, { error: 'recommendations.error.object' }).optional(),
  },
  { error: unknownField },
);

/** Citing from a practice page or a search result: the practice to cite. */
export const citePageQuery = z.strictObject(
  { practice: z.string({ error: 'recommendations.error.practice' }).regex(/^[0-9a-f]{24}$/, 'recommendations.error.practice') },
  { error: unknownField },
);

/** A citation as the forms send it (on the edit page and the cite page). */
export const citationForm = z.strictObject(
  {
    _csrf: maybeTextEarly(),
    revision: maybeTextEarly(),
    practiceId: maybeTextEarly(),
    recommendation: maybeTextEarly(),
    reason: maybeTextEarly(),
    indicators: z.union([z.string(), z.array(z.string())], { error: 'recommendations.error.list' }).optional(),
    q: maybeTextEarly(),
  },
  { error: unknownField },
);

/** The list page: the API's filters and page number (the page size is fixed). */
export const browseQuery = listQuery.omit({ perPage: true, cites: true }).extend({ notice: z.enum(PAGE_NOTICES).optional() });
export type BrowseQuery = z.infer<typeof browseQuery>;

const revisionNumber = z
  .string({ error: 'recommendations.error.revision' })
  .regex(/^\d{1,9}$/, 'recommendations.error.revision')
  .transform(Number)
  .refine((n) => n >= 1, 'recommendations.error.revision');

/** Two revisions to compare, or neither (the page then compares the latest two). */
export const historyQuery = z
  .strictObject({ from: revisionNumber.optional(), to: revisionNumber.optional(), notice: z.enum(PAGE_NOTICES).optional() }, { error: unknownField })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'recommendations.page.error.pick_two', path: ['to'] });

const text = z.string({ error: 'recommendations.error.text' });
const maybeText = text.optional();

/** The long form as the browser sends it: all text, every part optional (a draft may be incomplete). */
export const recommendationFormBody = z.strictObject(
  {
    _csrf: maybeText,
    revision: maybeText,
    ...formBodyShape(RECOMMENDATION_FIELDS, { unknownField, text: 'recommendations.error.text', list: 'recommendations.error.list' }),
  },
  { error: unknownField },
);

/** Workflow buttons: the revision the page showed, and a reason where the step needs one. */
export const stepForm = z.strictObject({ _csrf: maybeText, revision: maybeText }, { error: unknownField });
export const reasonForm = z.strictObject({ _csrf: maybeText, revision: maybeText, reason: maybeText }, { error: unknownField });
export const commentForm = z.strictObject({ _csrf: maybeText, body: maybeText }, { error: unknownField });
export const markForm = z.strictObject({ _csrf: maybeText, taken: z.enum(['true', 'false'], { error: 'recommendations.error.object' }) }, { error: unknownField });
