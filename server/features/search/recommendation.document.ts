import { foldText } from '../../lib/fold';
import { markdownToPlainText } from '../../lib/markdown';
import type { TermLabels } from './search.document';

/**
 * The Meilisearch document of a recommendation in consultation or final, built in this one function (so
 * stemmed twins can be added beside the folded ones in one place). Text fields with letters Meilisearch
 * does not fold (ł, ø, æ, ß…) get a folded twin in `folded`, as practices do.
 */
export type RecommendationSearchDocument = {
  id: string;
  revision: number;
  status: 'consultation' | 'final';
  title: string;
  summary: string;
  problem: string;
  actions: string;
  preconditions: string;
  risks: string;
  /** The cited practices' titles and cities and the reasons they are cited: a recommendation is found by its evidence too. */
  evidence: string;
  measureGroup: string | null;
  measureGroupLabels: string[];
  themes: string[];
  themeLabels: string[];
  targetGroups: string[];
  targetGroupLabels: string[];
  horizons: string[];
  costBands: string[];
  populationBands: string[];
  trends: string[];
  roles: string[];
  priority: string | null;
  /** high = 3 … low = 1, unset 0: sorts by priority. */
  priorityRank: number;
  evidenceCount: number;
  actionCount: number;
  finalisedAt: number | null;
  updatedAt: number;
  folded: Partial<Record<RecommendationFoldedField, string>>;
};

export const RECOMMENDATION_FOLDED_FIELDS = ['title', 'summary', 'problem', 'actions', 'preconditions', 'risks', 'evidence'] as const;
export type RecommendationFoldedField = (typeof RECOMMENDATION_FOLDED_FIELDS)[number];

/** What the recommendations feature hands over for indexing (its content and the record's facts). */
export type IndexableRecommendation = {
  id: string;
  revision: number;
  status: 'consultation' | 'final';
  updatedAt: Date;
  finalisedAt: Date | undefined;
  content: {
    title: string;
    summary: string;
    problem: string;
    measureGroup?: string | undefined;
    themes: string[];
    targetGroups: string[];
    actions: { text: string; lead?: string | undefined; costBand: string; horizon: string }[];
    preconditions: string;
    risks: string;
    suits: { populationBands: string[]; trends: string[]; roles: string[] };
    priority?: string | undefined;
    evidence: { reason: string; cited: { title: string; cityName: string } }[];
  };
};

const PRIORITY_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const unique = (values: string[]) => [...new Set(values)];

export function toRecommendationDocument(rec: IndexableRecommendation, labels: TermLabels): RecommendationSearchDocument {
  // Stored copies may lack optional parts (older records, imports): read every one defensively.
  const c = rec.content;
  const actions = c.actions ?? [];
  const evidence = c.evidence ?? [];
  const suits = c.suits ?? { populationBands: [], trends: [], roles: [] };
  const base = {
    title: c.title,
    summary: c.summary ?? '',
    problem: markdownToPlainText(c.problem ?? ''),
    actions: actions.map((a) => [markdownToPlainText(a.text), a.lead ?? ''].filter(Boolean).join(' — ')).join('\n'),
    preconditions: markdownToPlainText(c.preconditions ?? ''),
    risks: markdownToPlainText(c.risks ?? ''),
    evidence: evidence.map((e) => `${e.cited.title} (${e.cited.cityName}): ${e.reason}`).join('\n'),
  } satisfies Record<RecommendationFoldedField, string>;
  const folded: RecommendationSearchDocument['folded'] = {};
  for (const field of RECOMMENDATION_FOLDED_FIELDS) {
    const value = foldText(base[field]);
    if (value !== base[field]) folded[field] = value;
  }
  const themes = c.themes ?? [];
  const targetGroups = c.targetGroups ?? [];
  return {
    id: rec.id,
    revision: rec.revision,
    status: rec.status,
    ...base,
    measureGroup: c.measureGroup ?? null,
    measureGroupLabels: c.measureGroup ? (labels.measureGroups?.get(c.measureGroup) ?? [c.measureGroup]) : [],
    themes,
    themeLabels: themes.flatMap((slug) => labels.themes.get(slug) ?? [slug]),
    targetGroups,
    targetGroupLabels: targetGroups.flatMap((slug) => labels.targetGroups.get(slug) ?? [slug]),
    horizons: unique(actions.map((a) => a.horizon)),
    costBands: unique(actions.map((a) => a.costBand)),
    populationBands: suits.populationBands ?? [],
    trends: suits.trends ?? [],
    roles: suits.roles ?? [],
    priority: c.priority ?? null,
    priorityRank: c.priority ? (PRIORITY_RANK[c.priority] ?? 0) : 0,
    evidenceCount: evidence.length,
    actionCount: actions.length,
    finalisedAt: rec.finalisedAt ? Math.floor(rec.finalisedAt.getTime() / 1000) : null,
    updatedAt: Math.floor(rec.updatedAt.getTime() / 1000),
    folded,
  };
}
