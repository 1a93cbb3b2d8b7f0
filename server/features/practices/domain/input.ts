import { z } from 'zod';
import { PRACTICE_STATUSES } from '../../../lib/policy';
import { COMMENT_MAX_LENGTH, fieldSchema, inputShape, objectError, optionalInput, slugInput, textInput } from '../../../lib/versioned';
import { E, PLACE_FIELDS, PRACTICE_FIELDS, type PracticeContent } from './practice-fields';

/**
 * The practice's input schemas, shared by the JSON API, the pages and the OpenAPI document. The content
 * part is derived from the field table; this file adds the place, the revision and the workflow inputs.
 */

export const REASON_MAX = COMMENT_MAX_LENGTH;


const blankToUndefined = (value: unknown) => (value === null || value === '' ? undefined : value);
const slug = slugInput(E);
const countryCode = z.string({ error: E('country') }).regex(/^[A-Za-z]{2}$/, E('country')).transform((c) => c.toUpperCase());

/** The pieces of content the OpenAPI document describes one by one. */
export const periodInput = fieldSchema(E, PRACTICE_FIELDS.period);
export const budgetInput = fieldSchema(E, PRACTICE_FIELDS.budget);
export const contactInput = fieldSchema(E, PRACTICE_FIELDS.contact);
export const indicatorsInput = fieldSchema(E, PRACTICE_FIELDS.indicators);
export const sourcesInput = fieldSchema(E, PRACTICE_FIELDS.sources);

const { title, ...content } = inputShape(E, PRACTICE_FIELDS);

/** Every content field a client may write, all optional (a draft may be saved incomplete), and the place. */
const contentFields = {
  ...content,
  /** A network city's slug; for any other European city give cityName and country instead. */
  city: optionalInput(slug),
  cityName: optionalInput(textInput(E, PLACE_FIELDS.cityName.max)),
  country: optionalInput(countryCode),
};

const withOptional = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

const revisionNumber = z.number({ error: E('revision') }).int(E('revision')).min(1, E('revision'));

type Place = { city?: string | undefined; cityName?: string | undefined; country?: string | undefined };
/** Content changes and place, as parsed: each field given replaces the stored one. */
export type PracticeChanges = Partial<Omit<PracticeContent, 'attachments'>> & Place;
export type CreatePracticeInput = PracticeChanges & { title: string };
export type UpdatePracticeInput = PracticeChanges & { revision: number };

export const createPracticeInput = z.strictObject({ title: title!, ...withOptional(contentFields) }, { error: objectError(E) }) as unknown as z.ZodType<
  CreatePracticeInput,
  unknown
>;

/** A partial update: fields left out stay as they are; `revision` is the one the editor started from. */
export const updatePracticeInput = z.strictObject(
  { revision: revisionNumber, title: title!.optional(), ...withOptional(contentFields) },
  { error: objectError(E) },
) as unknown as z.ZodType<UpdatePracticeInput, unknown>;

export const reasonInput = z.strictObject(
  {
    reason: textInput(E, REASON_MAX, 1, E('reason_required')),
    revision: revisionNumber.optional(),
  },
  { error: objectError(E) },
);

export const actionInput = z.strictObject({ revision: revisionNumber.optional() }, { error: objectError(E) });

export const commentInput = z.strictObject({ body: textInput(E, REASON_MAX, 1, E('comment_required')) }, { error: objectError(E) });

/** Multipart fields next to the files: text only, so the revision arrives as digits. */
export const uploadFields = z.strictObject(
  {
    revision: optionalInput(z.string({ error: E('revision') }).regex(/^\d{1,9}$/, E('revision')).transform(Number)),
    _csrf: z.string().optional(),
  },
  { error: objectError(E) },
);

const queryInt = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: E('page') }).int(E('page')).min(min, E('page')).max(max, E('page')).default(fallback),
  );

export const PER_PAGE_MAX = 100;

export const listQuery = z.strictObject(
  {
    status: optionalInput(z.enum(PRACTICE_STATUSES, { error: E('status') })),
    city: optionalInput(slug),
    country: optionalInput(countryCode),
    theme: optionalInput(slug),
    targetGroup: optionalInput(slug),
    page: queryInt(1, 100000, 1),
    perPage: queryInt(1, PER_PAGE_MAX, 20),
  },
  { error: objectError(E) },
);
export type ListQuery = z.infer<typeof listQuery>;

const revisionQuery = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: E('revision') }).int(E('revision')).min(1, E('revision')).max(1e9, E('revision')),
);

/** Two revision numbers to compare, in either order. */
export const diffQuery = z.strictObject({ from: revisionQuery, to: revisionQuery }, { error: objectError(E) });

export const revisionParam = z.coerce.number().int().min(1).max(1e9);
