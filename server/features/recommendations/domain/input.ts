import { z } from 'zod';
import { RECOMMENDATION_STATUSES } from '../../../lib/policy';
import { parseInput as parseAny } from '../../../lib/validate';
import { COMMENT_MAX_LENGTH, inputShape, objectError, optionalInput, slugInput, textInput } from '../../../lib/versioned';
import { E, PRIORITIES, REASON_MAX, RECOMMENDATION_FIELDS, type RecommendationContent } from './recommendation-fields';

/**
 * The recommendation's input schemas, shared by the JSON API, the pages and the OpenAPI document. The
 * content part is derived from the field table; this file adds the revision, the workflow, the
 * consultation thread and the evidence inputs.
 */

export const COMMENT_MAX = COMMENT_MAX_LENGTH;
export const INDICATOR_NAME_MAX = 120;

const { title, ...content } = inputShape(E, RECOMMENDATION_FIELDS);
const withOptional = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

const revisionNumber = z.number({ error: E('revision') }).int(E('revision')).min(1, E('revision'));
const objectId = z.string({ error: E('practice') }).regex(/^[0-9a-f]{24}$/i, E('practice')).transform((id) => id.toLowerCase());

/** Content changes as parsed: each field given replaces the stored one. */
export type RecommendationChanges = Partial<Omit<RecommendationContent, 'evidence'>>;
export type CreateRecommendationInput = RecommendationChanges & { title: string };
export type UpdateRecommendationInput = RecommendationChanges & { revision: number };

export const createRecommendationInput = z.strictObject({ title: title!, ...withOptional(content) }, { error: objectError(E) }) as unknown as z.ZodType<
  CreateRecommendationInput,
  unknown
>;

/** A partial update: fields left out stay as they are; `revision` is the one the editor started from. */
export const updateRecommendationInput = z.strictObject(
  { revision: revisionNumber, title: title!.optional(), ...withOptional(content) },
  { error: objectError(E) },
) as unknown as z.ZodType<UpdateRecommendationInput, unknown>;

export const actionInput = z.strictObject({ revision: revisionNumber.optional() }, { error: objectError(E) });

export const reasonInput = z.strictObject(
  { reason: textInput(E, COMMENT_MAX, 1, E('reason_required')), revision: revisionNumber.optional() },
  { error: objectError(E) },
);

export const commentInput = z.strictObject({ body: textInput(E, COMMENT_MAX, 1, E('comment_required')) }, { error: objectError(E) });

/** Whether a consultation comment was taken into account (false takes the mark away). */
export const markInput = z.strictObject({ taken: z.boolean({ error: E('boolean') }) }, { error: objectError(E) });

const indicatorNames = z
  .array(textInput(E, INDICATOR_NAME_MAX, 1), { error: E('list') })
  .max(30, E('too_many'))
  .transform((names) => [...new Set(names)]);

/** Citing a practice: which one, why it supports the recommendation, and which of its indicators show it. */
export const citeInput = z.strictObject(
  {
    practiceId: objectId,
    reason: textInput(E, REASON_MAX, 1, E('reason_required')),
    indicators: indicatorNames.optional(),
    revision: revisionNumber.optional(),
  },
  { error: objectError(E) },
);
export type CiteInput = z.infer<typeof citeInput>;

export const citationUpdateInput = z.strictObject(
  { reason: textInput(E, REASON_MAX, 1, E('reason_required')).optional(), indicators: indicatorNames.optional(), revision: revisionNumber.optional() },
  { error: objectError(E) },
);

const blankToUndefined = (value: unknown) => (value === null || value === '' ? undefined : value);
const queryInt = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: E('page') }).int(E('page')).min(min, E('page')).max(max, E('page')).default(fallback));

export const PER_PAGE_MAX = 100;
const slug = slugInput(E);

export const listQuery = z.strictObject(
  {
    status: optionalInput(z.enum(RECOMMENDATION_STATUSES, { error: E('status') })),
    measureGroup: optionalInput(slug),
    theme: optionalInput(slug),
    targetGroup: optionalInput(slug),
    priority: optionalInput(z.enum(PRIORITIES, { error: E('priority') })),
    /** Only those citing this practice. */
    cites: optionalInput(objectId),
    page: queryInt(1, 100000, 1),
    perPage: queryInt(1, PER_PAGE_MAX, 20),
  },
  { error: objectError(E) },
);
export type ListQuery = z.infer<typeof listQuery>;

const revisionQuery = z.preprocess(blankToUndefined, z.coerce.number({ error: E('revision') }).int(E('revision')).min(1, E('revision')).max(1e9, E('revision')));

/** Two revision numbers to compare, in either order. */
export const diffQuery = z.strictObject({ from: revisionQuery, to: revisionQuery }, { error: objectError(E) });

export const revisionParam = z.coerce.number().int().min(1).max(1e9);

/** Parses input, or refuses it with messages by field (unknown keys named one by one): lib/validate's one path. */
export const parseInput = parseAny;
