import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../lib/errors';
import { PRACTICE_STATUSES } from '../../lib/policy';
import { PRACTICE_LANGUAGES } from './practices.data';

/**
 * The practice's input schemas, shared by the JSON API, the pages and the OpenAPI document.
 * Messages are translation keys (practices.error.*), so an API client and a form both get a sentence.
 */
const E = (key: string) => `practices.error.${key}`;

export const LIMITS = {
  title: { min: 5, max: 200 },
  summary: 600,
  stakeholders: 1000,
  fundingSources: 500,
  markdown: 20000,
  indicatorName: 120,
  unit: 40,
  sourceTitle: 200,
  url: 2000,
  contactText: 200,
  cityName: 100,
  reason: 5000,
  indicators: 30,
  sources: 30,
  terms: 20,
} as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const YEAR_RANGE = { min: 1990, max: 2100 } as const;

// Control characters other than tab and line breaks are invisible garbage from pasted text; browsers
// send textarea line breaks as CRLF, stored text uses LF, so an unchanged form compares equal.
const stripControls = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');

/** Text of at most `max` characters; objects, numbers and `$` operators are refused as "not text". */
const text = (max: number, min = 0, minKey = E('required')) =>
  z
    .string({ error: (issue) => (issue.input === undefined && min > 0 ? minKey : E('text')) })
    .overwrite(stripControls)
    .trim()
    .min(min, minKey)
    .max(max, E(`max_${max}`));

/** Absent, null or blank all mean "not given" for optional values, as an emptied form field does. */
const blankToUndefined = (value: unknown) => (value === null || value === '' ? undefined : value);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());

const title = text(LIMITS.title.max, LIMITS.title.min, E('title_length'));
const year = z
  .number({ error: E('year') })
  .int(E('year'))
  .min(YEAR_RANGE.min, E('year'))
  .max(YEAR_RANGE.max, E('year'));
const amount = z
  .number({ error: E('number') })
  .min(0, E('amount_negative'))
  .max(1e12, E('number'));
const measure = z
  .number({ error: E('number') })
  .min(-1e15, E('number'))
  .max(1e15, E('number'));
const slug = z
  .string({ error: E('slug') })
  .max(80, E('slug'))
  .regex(SLUG_PATTERN, E('slug'));
const slugList = z
  .array(slug, { error: E('list') })
  .max(LIMITS.terms, E('too_many'))
  .transform((slugs) => [...new Set(slugs)]);

const httpUrl = z
  .string({ error: E('url') })
  .trim()
  .max(LIMITS.url, E('max_2000'))
  .pipe(z.url({ protocol: /^https?$/, error: E('url') }));

export const periodInput = z
  .strictObject(
    {
      startYear: optional(year),
      endYear: optional(year),
      ongoing: z.boolean({ error: E('boolean') }).default(false),
    },
    { error: E('object') },
  )
  .superRefine((period, ctx) => {
    if (period.startYear !== undefined && period.endYear !== undefined && period.endYear < period.startYear) {
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: E('end_before_start') });
    }
    if (period.ongoing && period.endYear !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: E('ongoing_with_end') });
    }
  });

export const budgetInput = z.strictObject(
  { amountEur: optional(amount), fundingSources: optional(text(LIMITS.fundingSources)) },
  { error: E('object') },
);

export const indicatorInput = z.strictObject(
  {
    name: text(LIMITS.indicatorName, 1),
    baseline: optional(measure),
    value: measure,
    unit: text(LIMITS.unit, 1),
    year,
  },
  { error: E('object') },
);

export const sourceInput = z.strictObject({ title: text(LIMITS.sourceTitle, 1), url: httpUrl }, { error: E('object') });

export const contactInput = z.strictObject(
  {
    name: optional(text(LIMITS.contactText)),
    organisation: optional(text(LIMITS.contactText)),
    email: optional(
      z
        .string({ error: E('email') })
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: E('email') }).max(254, E('email'))),
    ),
  },
  { error: E('object') },
);

/** Every content field a client may write; all optional, so a draft may be saved incomplete. */
const contentFields = {
  summary: text(LIMITS.summary),
  themes: slugList,
  targetGroups: slugList,
  period: periodInput,
  budget: budgetInput,
  stakeholders: text(LIMITS.stakeholders),
  description: text(LIMITS.markdown),
  results: text(LIMITS.markdown),
  transferability: text(LIMITS.markdown),
  lessons: text(LIMITS.markdown),
  indicators: z.array(indicatorInput, { error: E('list') }).max(LIMITS.indicators, E('too_many')),
  sources: z.array(sourceInput, { error: E('list') }).max(LIMITS.sources, E('too_many')),
  contact: contactInput,
  language: optional(z.enum(PRACTICE_LANGUAGES, { error: E('language') })),
  event: optional(slug),
  /** A network city's slug; for any other European city give cityName and country instead. */
  city: optional(slug),
  cityName: optional(text(LIMITS.cityName)),
  country: optional(
    z
      .string({ error: E('country') })
      .regex(/^[A-Za-z]{2}$/, E('country'))
      .transform((c) => c.toUpperCase()),
  ),
};

const withOptional = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

const revisionNumber = z
  .number({ error: E('revision') })
  .int(E('revision'))
  .min(1, E('revision'));

export const createPracticeInput = z.strictObject({ title, ...withOptional(contentFields) }, { error: E('object') });
export type CreatePracticeInput = z.infer<typeof createPracticeInput>;

/** A partial update: fields left out stay as they are; `revision` is the one the editor started from. */
export const updatePracticeInput = z.strictObject(
  { revision: revisionNumber, title: title.optional(), ...withOptional(contentFields) },
  { error: E('object') },
);
export type UpdatePracticeInput = z.infer<typeof updatePracticeInput>;
export type PracticeChanges = Omit<UpdatePracticeInput, 'revision'>;

export const reasonInput = z.strictObject(
  {
    reason: text(LIMITS.reason, 1, E('reason_required')),
    revision: revisionNumber.optional(),
  },
  { error: E('object') },
);

export const actionInput = z.strictObject({ revision: revisionNumber.optional() }, { error: E('object') });

export const commentInput = z.strictObject(
  { body: text(LIMITS.reason, 1, E('comment_required')) },
  { error: E('object') },
);

/** Multipart fields next to the files: text only, so the revision arrives as digits. */
export const uploadFields = z.strictObject(
  {
    revision: optional(
      z
        .string({ error: E('revision') })
        .regex(/^\d{1,9}$/, E('revision'))
        .transform(Number),
    ),
    _csrf: z.string().optional(),
  },
  { error: E('object') },
);

const queryInt = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: E('page') })
      .int(E('page'))
      .min(min, E('page'))
      .max(max, E('page'))
      .default(fallback),
  );

export const PER_PAGE_MAX = 100;

export const listQuery = z.strictObject(
  {
    status: optional(z.enum(PRACTICE_STATUSES, { error: E('status') })),
    city: optional(slug),
    country: optional(
      z
        .string({ error: E('country') })
        .regex(/^[A-Za-z]{2}$/, E('country'))
        .transform((c) => c.toUpperCase()),
    ),
    theme: optional(slug),
    targetGroup: optional(slug),
    page: queryInt(1, 100000, 1),
    perPage: queryInt(1, PER_PAGE_MAX, 20),
  },
  { error: E('object') },
);
export type ListQuery = z.infer<typeof listQuery>;

const revisionQuery = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: E('revision') })
    .int(E('revision'))
    .min(1, E('revision'))
    .max(1e9, E('revision')),
);

/** Two revision numbers to compare, in either order. */
export const diffQuery = z.strictObject({ from: revisionQuery, to: revisionQuery }, { error: E('object') });

export const revisionParam = z.coerce.number().int().min(1).max(1e9);

/**
 * Parses input or throws a ValidationError with messages by field. Unknown fields are named one
 * by one (`fields.foo`), so a client sees which key was refused rather than a form-level complaint.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const base = issue.path.map(String);
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => [...base, key].join('.'))
        : [base.join('.') || '_form'];
    const message = issue.code === 'unrecognized_keys' ? E('unknown_field') : issue.message;
    for (const key of keys) (fields[key] ??= []).push(message);
  }
  throw new ValidationError('error.message.validation', fields);
}
