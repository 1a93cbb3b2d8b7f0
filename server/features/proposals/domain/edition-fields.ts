import { z } from 'zod';
import { parseInput as parseValidated } from '../../../lib/validate';
import { defineFields, inputShape, objectError, type ContentOf } from '../../../lib/versioned';

/** An edition's content as one table; input schemas, the stored shape and the history's diff derive from it. */

export const E = (key: string) => `proposals.error.${key}`;

export const EDITION_STATUSES = ['draft', 'published'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

export const DEFAULT_TITLE = 'DeCoDe proposals for depopulation control';
export const RECOMMENDATIONS_MAX = 200;
const OBJECT_ID = /^[0-9a-f]{24}$/;

export const EDITION_FIELDS = defineFields({
  title: { kind: 'text', min: 5, max: 200, minMessage: 'title_length', format: 'line' },
  introduction: { kind: 'text', max: 50000, format: 'markdown' },
  recommendations: {
    kind: 'custom',
    writable: false,
    mongoose: { type: [{ type: String, match: OBJECT_ID }], default: [] },
    empty: (): string[] => [],
    diff: 'list',
    present: (ids: string[]) => [...ids],
  },
});

export type EditionContent = ContentOf<typeof EDITION_FIELDS>;

const { title, introduction } = inputShape(E, EDITION_FIELDS) as {
  title: z.ZodType<string>;
  introduction: z.ZodType<string>;
};
const objectId = z
  .string({ error: E('recommendation') })
  .regex(/^[0-9a-fA-F]{24}$/, E('recommendation'))
  .transform((id) => id.toLowerCase());
/** The chosen recommendations in document order (within their measure groups); each once. */
const recommendations = z
  .array(objectId, { error: E('list') })
  .max(RECOMMENDATIONS_MAX, E('too_many'))
  .superRefine((ids, ctx) => {
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: E('duplicate') });
  });
const revision = z
  .number({ error: E('revision') })
  .int(E('revision'))
  .min(1, E('revision'));

export const createEditionInput = z.strictObject(
  {
    title: title.optional(),
    introduction: introduction.optional(),
    recommendations: recommendations.optional(),
    /** Start from a published edition: its title, introduction and recommendations (the next edition). */
    basedOn: objectId.optional(),
  },
  { error: objectError(E) },
);
export type CreateEditionInput = z.infer<typeof createEditionInput>;

export const updateEditionInput = z.strictObject(
  {
    revision,
    title: title.optional(),
    introduction: introduction.optional(),
    recommendations: recommendations.optional(),
  },
  { error: objectError(E) },
);
export type UpdateEditionInput = z.infer<typeof updateEditionInput>;

export const publishEditionInput = z.strictObject({ revision: revision.optional() }, { error: objectError(E) });

/** Parses input or refuses it with messages by field (the app's one validation path). */
export const parseInput = parseValidated;
