// What the API answers, derived from the field table and the input pieces so all stay one definition (OpenAPI only).
import { z } from 'zod';
import { RECOMMENDATION_STATUSES } from '../../../lib/policy';
import { contentOutputShape, renderedOutput } from '../../../lib/versioned';
import { COMMENT_KINDS, COMMENT_MARKS, REVISION_KINDS } from '../persistence/recommendation-model';
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
  demo: z.boolean().describe('Demo data written by the seed, not a recommendation of the network.'),
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
  demo: z.boolean().describe('Demo data written by the seed.'),
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

const indicatorOutput = z.object({ name: z.string(), baseline: z.number().optional(), value: z.number(), unit: z.string(), year: z.number().int() });

export const evidenceOutput = z.object({
  items: z.array(
    z.object({
      practiceId: z.string(),
      reason: z.string(),
      addedAt: date,
      standing: z.boolean().describe('The practice is still listed; false: "evidence withdrawn" (unpublished, archived, deleted or gone).'),
      state: z.enum(['listed', 'archived', 'deleted', 'unpublished', 'gone']),
      title: z.string(),
      titleEn: z.string().optional(),
      cityName: z.string(),
      country: z.string(),
      city: z.string().optional(),
      period: z.object({ startYear: z.number().int().optional(), endYear: z.number().int().optional(), ongoing: z.boolean() }).optional(),
      illustrative: z.boolean().optional(),
      measured: z.boolean().optional().describe('The practice reports measured results (indicators).'),
      indicators: z.array(indicatorOutput).describe('The practice’s indicators that show it (the cited ones; all when none was named).'),
      missingIndicators: z.array(z.string()).describe('Cited indicator names the practice no longer reports.'),
      citedIndicators: z.array(z.string()),
      reportedIndicators: z.array(z.string()).describe('Every indicator name the practice reports.'),
    }),
  ),
  summary: z
    .object({
      practices: z.number().int(),
      cities: z.number().int(),
      countries: z.number().int(),
      withResults: z.number().int(),
      documented: z.number().int(),
      illustrative: z.number().int(),
      withdrawn: z.number().int(),
    })
    .describe('Computed from the links, over the practices that still stand; `withdrawn` counts the others.'),
});

export const commentOutput = z.object({
  id: z.string(),
  at: date,
  authorId: z.string(),
  authorName: z.string(),
  role: z.string(),
  kind: z.enum(COMMENT_KINDS).describe('A member’s comment, a curator’s answer (with `replyTo`), or the reason for a withdrawal.'),
  body: z.string().describe('Plain text.'),
  replyTo: z.string().optional().describe('The comment an answer answers.'),
  mark: z.object({ value: z.enum(COMMENT_MARKS), byName: z.string(), at: date }).optional().describe('Set when a curator marked the comment as taken into account.'),
});
export const threadOutput = z.object({ items: z.array(commentOutput) });
