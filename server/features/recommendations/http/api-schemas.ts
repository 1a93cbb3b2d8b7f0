// What the API answers, derived from the field table and the input pieces so all stay one definition (OpenAPI only).
import { z } from 'zod';
import { RECOMMENDATION_STATUSES } from '../../../lib/policy';
import { contentOutputShape, renderedOutput } from '../../../lib/versioned';
import { REVISION_KINDS } from '../data/recommendation-model';
import { E, PRIORITIES, RECOMMENDATION_FIELDS } from '../domain/recommendation-fields';

const date = z.iso.datetime();

export const citationOutput = z.object({
  practiceId: z.string(),
  reason: z.string().describe('Why the practice supports the recommendation.'),
  indicators: z.array(z.string()).describe('Names of the practice’s indicators that show it.'),
  cited: z.object({ title: z.string(), cityName: z.string(), country: z.string() }).describe('The practice as it was when cited.'),
  addedAt: date,
});

export const contentOutput = z.object({
  ...contentOutputShape(RECOMMENDATION_FIELDS, E, () => z.array(citationOutput), {
    actions: 'The recommended actions in order; `text` is Markdown.',
    suits: 'Which cities it suits; an empty list means any.',
  }),
  html: renderedOutput(RECOMMENDATION_FIELDS, { actions: z.array(z.string()).describe('Each action’s text rendered.') }),
});

export const recommendationOutput = z.object({
  id: z.string(),
  status: z.enum(RECOMMENDATION_STATUSES),
  revision: z.number().int(),
  createdAt: date,
  updatedAt: date,
  consultationOpenedAt: date.optional(),
  finalisedAt: date.optional(),
  firstFinalisedAt: date.optional(),
  withdrawnAt: date.optional(),
  withdrawnReason: z.string().optional(),
  content: contentOutput,
  reached: z.enum(['draft', 'consultation', 'final']).optional().describe('For curators only, like the fields below.'),
  deleted: z.boolean().optional(),
  deletedAt: date.optional(),
});

export const summaryOutput = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  measureGroup: z.string().optional(),
  themes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  priority: z.enum(PRIORITIES).optional(),
  status: z.enum(RECOMMENDATION_STATUSES),
  revision: z.number().int(),
  actionCount: z.number().int(),
  evidenceCount: z.number().int(),
  withdrawnEvidence: z.number().int().optional().describe('For curators: cited practices unpublished, archived or deleted since.'),
  finalisedAt: date.optional(),
  updatedAt: date,
});

export const pageOutput = z.object({ items: z.array(summaryOutput), total: z.number().int(), page: z.number().int(), perPage: z.number().int(), pages: z.number().int() });

export const revisionOutput = z.object({
  number: z.number().int(),
  at: date,
  by: z.string(),
  byName: z.string().optional(),
  kind: z.enum(REVISION_KINDS),
  changedFields: z.array(z.string()),
  status: z.enum(RECOMMENDATION_STATUSES),
  note: z.string().optional(),
  restoredFrom: z.number().int().optional(),
});

export const revisionWithSnapshotOutput = revisionOutput.extend({
  snapshot: z.object(contentOutputShape(RECOMMENDATION_FIELDS, E, () => z.array(citationOutput))).describe('The content as it was at this revision.'),
});
