import type { Types } from 'mongoose';
import { defineFields, type ContentOf, type PresentContext } from '../../../lib/versioned';

/**
 * The recommendation's content, field by field: the one definition. The Mongoose schema, the API and
 * form input schemas, the form's mapping, what consultation and finalising require, the history diff,
 * the JSON presenter and the limits the form prints are all derived from this table (server/lib/versioned).
 */

/** Validation messages are translation keys: an API client and a form both get a sentence. */
export const E = (key: string) => `recommendations.error.${key}`;

export const TERMS_MAX = 20;
export const ACTIONS_MAX = 30;
export const INDICATORS_MAX = 20;
export const EVIDENCE_MAX = 40;
export const REASON_MAX = 1000;

/** What an action costs a municipality (its labels say the amounts). */
export const COST_BANDS = ['low', 'medium', 'high'] as const;
/** Short: under a year; medium: one to three years; long: more than three years. */
export const HORIZONS = ['short', 'medium', 'long'] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;
/** Which way an indicator should move for the recommendation to be working. */
export const DIRECTIONS = ['up', 'down'] as const;
/** Which cities it suits; an empty choice means "any". */
export const POPULATION_BANDS = ['under-100k', '100k-300k', 'over-300k'] as const;
export const POPULATION_TRENDS = ['shrinking', 'stable', 'growing'] as const;
export const REGIONAL_ROLES = ['capital', 'regional-centre', 'small-town', 'suburb'] as const;

export type CostBand = (typeof COST_BANDS)[number];
export type Horizon = (typeof HORIZONS)[number];
export type Priority = (typeof PRIORITIES)[number];

/**
 * One practice cited as evidence: why it supports the recommendation and which of its indicators show it.
 * Written through its own use case (cite), never as content; kept in every revision's snapshot, so a
 * frozen revision names its evidence as it was.
 */
export type Citation = {
  practiceId: string;
  reason: string;
  /** Names of the practice's indicators that show it (as the practice names them). */
  indicators: string[];
  /** The practice as it was when cited: what the page still shows if the practice is erased. */
  cited: { title: string; cityName: string; country: string };
  addedBy: Types.ObjectId;
  addedAt: Date;
};

export type CitationJson = Omit<Citation, 'addedBy'>;

export const citationJson = (c: Citation): CitationJson => ({
  practiceId: c.practiceId,
  reason: c.reason,
  indicators: [...c.indicators],
  cited: { title: c.cited.title, cityName: c.cited.cityName, country: c.cited.country },
  addedAt: c.addedAt,
});

export const RECOMMENDATION_FIELDS = defineFields({
  title: { kind: 'text', min: 5, max: 200, minMessage: 'title_length', format: 'line', requiredToSubmit: true },
  summary: { kind: 'text', max: 1000, format: 'plain', requiredToSubmit: true },
  problem: { kind: 'text', max: 20000, format: 'markdown', requiredToSubmit: true },
  measureGroup: { kind: 'slug', optional: true, requiredToSubmit: true },
  themes: { kind: 'slugs', max: TERMS_MAX },
  targetGroups: { kind: 'slugs', max: TERMS_MAX },
  actions: {
    kind: 'rows',
    max: ACTIONS_MAX,
    requiredToSubmit: true,
    fields: {
      text: { kind: 'text', min: 1, max: 5000 },
      lead: { kind: 'text', max: 200, optional: true },
      costBand: { kind: 'enum', values: COST_BANDS, message: 'cost_band' },
      horizon: { kind: 'enum', values: HORIZONS, message: 'horizon' },
    },
  },
  preconditions: { kind: 'text', max: 20000, format: 'markdown' },
  risks: { kind: 'text', max: 20000, format: 'markdown' },
  suits: {
    kind: 'group',
    fields: {
      populationBands: { kind: 'choices', values: POPULATION_BANDS, message: 'choice' },
      trends: { kind: 'choices', values: POPULATION_TRENDS, message: 'choice' },
      roles: { kind: 'choices', values: REGIONAL_ROLES, message: 'choice' },
    },
  },
  indicators: {
    kind: 'rows',
    max: INDICATORS_MAX,
    fields: {
      name: { kind: 'text', min: 1, max: 120 },
      unit: { kind: 'text', min: 1, max: 40 },
      direction: { kind: 'enum', values: DIRECTIONS, message: 'direction' },
    },
  },
  priority: { kind: 'enum', values: PRIORITIES, message: 'priority', optional: true, requiredToSubmit: true },
  evidence: {
    kind: 'custom',
    writable: false,
    mongoose: {
      type: [
        {
          _id: false,
          practiceId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
          reason: { type: String, required: true, maxlength: REASON_MAX },
          indicators: { type: [String], default: [] },
          cited: {
            title: { type: String, required: true, maxlength: 200 },
            cityName: { type: String, required: true, maxlength: 100 },
            country: { type: String, required: true, maxlength: 2 },
          },
          addedBy: { type: 'ObjectId', required: true },
          addedAt: { type: Date, required: true },
        },
      ],
      default: [],
    },
    empty: (): Citation[] => [],
    diff: 'list',
    // What a reader recognises a citation by: the practice, the reason and the indicators.
    face: (c: unknown) => {
      const { practiceId, reason, indicators, cited } = c as Citation;
      return { practiceId, title: cited?.title, reason, indicators };
    },
    present: (list: Citation[], _ctx: PresentContext): CitationJson[] => list.map(citationJson),
  },
});

export type RecommendationFieldTable = typeof RECOMMENDATION_FIELDS;
export type RecommendationContent = ContentOf<RecommendationFieldTable>;
export type RecommendationAction = RecommendationContent['actions'][number];
