import { z } from 'zod';
import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../../lib/errors';
import { fieldErrors } from '../../lib/validate';
import { API_HITS_PER_PAGE, MAX_HITS_PER_PAGE, PAGE_HITS_PER_PAGE, positiveInt, Q_MAX, repeated, single } from './search.schema';

/**
 * What a recommendations search may be narrowed and ordered by. Only these names reach the engine: a
 * facet or sort field is never taken from the request.
 */
export const REC_FACETS = ['measureGroup', 'themes', 'targetGroups', 'horizons', 'costBands', 'populationBands', 'trends', 'roles', 'priority', 'status'] as const;
export type RecFacet = (typeof REC_FACETS)[number];
export type RecSelection = Record<RecFacet, string[]>;

export const REC_SORTS = {
  relevance: [],
  newest: ['finalisedAt:desc', 'updatedAt:desc'],
  evidence: ['evidenceCount:desc'],
  priority: ['priorityRank:desc'],
} as const satisfies Record<string, readonly string[]>;
export type RecSortKey = keyof typeof REC_SORTS;
export const REC_SORT_KEYS = Object.keys(REC_SORTS) as RecSortKey[];

export type RecSearchState = { q: string; filters: RecSelection; sort: RecSortKey; page: number; hitsPerPage: number };

export const emptyRecSelection = (): RecSelection => Object.fromEntries(REC_FACETS.map((f) => [f, []])) as unknown as RecSelection;

const E = (key: string) => `search.error.${key}`;
const common = {
  q: single,
  ...(Object.fromEntries(REC_FACETS.map((f) => [f, repeated])) as Record<RecFacet, typeof repeated>),
  sort: single.refine((v) => v === undefined || v === '' || Object.hasOwn(REC_SORTS, v), E('unknown_sort')),
  page: positiveInt(10_000),
};
const pageQuery = z.strictObject({ ...common, partial: single });
const apiQuery = z.strictObject({
  ...common,
  hitsPerPage: single.transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return API_HITS_PER_PAGE;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: 'custom', message: E('hits_per_page') });
      return z.NEVER;
    }
    return Math.min(n, MAX_HITS_PER_PAGE);
  }),
});

export type ParsedRecSearch =
  | { ok: true; state: RecSearchState; trimmed: boolean }
  | { ok: false; errors: FieldErrors; unknown: string[] };

/** Parses a recommendations search as the practices search is parsed (same limits, same messages). */
export function parseRecommendationSearch(raw: unknown, mode: 'page' | 'api'): ParsedRecSearch {
  const input = { ...(raw as Record<string, unknown>) };
  let trimmed = false;
  if (typeof input.q === 'string' && [...input.q].length > Q_MAX) {
    if (mode === 'api') return { ok: false, errors: { q: [E('q_too_long')] }, unknown: [] };
    input.q = [...input.q].slice(0, Q_MAX).join('');
    trimmed = true;
  }
  const parsed = (mode === 'api' ? apiQuery : pageQuery).safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrorMap();
    const unknown: string[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        unknown.push(...issue.keys);
        for (const key of issue.keys) addFieldErrors(errors, key, E('unknown_facet'));
      } else Object.assign(errors, fieldErrors(new z.ZodError([issue])));
    }
    return { ok: false, errors, unknown };
  }
  const data = parsed.data;
  const filters = emptyRecSelection();
  for (const facet of REC_FACETS) filters[facet] = data[facet];
  return {
    ok: true,
    trimmed,
    state: {
      q: data.q ?? '',
      filters,
      sort: (data.sort || 'relevance') as RecSortKey,
      page: data.page ?? 1,
      hitsPerPage: 'hitsPerPage' in data ? data.hitsPerPage : PAGE_HITS_PER_PAGE,
    },
  };
}

/** The kind a search looks for: `type` on the page and in the API (practices when absent). */
export const SEARCH_TYPES = ['practices', 'recommendations'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Splits `type` off a query; an unknown type is named like any other bad value. */
export function searchTypeOf(raw: unknown): { type: SearchType; rest: Record<string, unknown> } | { error: FieldErrors } {
  const { type, ...rest } = { ...(raw as Record<string, unknown>) };
  if (type === undefined || type === '') return { type: 'practices', rest };
  if (typeof type === 'string' && (SEARCH_TYPES as readonly string[]).includes(type)) return { type: type as SearchType, rest };
  return { error: { type: [E('unknown_type')] } };
}
