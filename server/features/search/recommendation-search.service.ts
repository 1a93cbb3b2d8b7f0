import type { Meilisearch, MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import type { Locale } from '../../lib/i18n';
import type { Logger } from '../../lib/logger';
import type { Actor, Can } from '../../lib/policy';
import type { VocabulariesService } from '../vocabularies';
import type { RecommendationSearchDocument } from './recommendation.document';
import { REC_FACETS, REC_SORTS, type RecFacet, type RecSearchState } from './recommendation-search.schema';
import { escapeFilterValue } from './search.filters';
import { CROP_MARKER, markedHtml, POST_TAG, PRE_TAG, withoutMarkers } from './search.highlight';
import { SearchUnavailableError } from './search.service';

/** Who reads: everyone allowed to read sees final recommendations; signed-in members those in consultation too. */
export type RecAudience = 'public' | 'members';

/** The policy decides the audience: whoever may read a recommendation in consultation is a member. */
export const audienceOf = (can: Can, actor: Actor | null): RecAudience =>
  can(actor, 'recommendation.read', { status: 'consultation', reached: 'consultation' }) ? 'members' : 'public';

export type RecommendationHit = Pick<
  RecommendationSearchDocument,
  'id' | 'status' | 'title' | 'summary' | 'measureGroup' | 'themes' | 'targetGroups' | 'horizons' | 'priority' | 'evidenceCount' | 'actionCount'
> & {
  finalisedAt: Date | null;
  /** Safe HTML: the text escaped, matches in `<mark>`. */
  formatted: { title: string; summary: string };
};

export type RecFacetDistribution = Record<RecFacet, Record<string, number>>;

export type RecommendationSearchResult = {
  hits: RecommendationHit[];
  facetDistribution: RecFacetDistribution;
  /** Facets this audience may narrow by (members also by status). */
  facets: readonly RecFacet[];
  totalHits: number;
  page: number;
  totalPages: number;
  hitsPerPage: number;
  processingTimeMs: number;
};

const RETRIEVED = ['id', 'status', 'title', 'summary', 'measureGroup', 'themes', 'targetGroups', 'horizons', 'priority', 'evidenceCount', 'actionCount', 'finalisedAt'];
type RawHit = Partial<RecommendationSearchDocument> & { id: string; _formatted?: Record<string, unknown> };

export type RecommendationSearch = ReturnType<typeof createRecommendationSearch>;

/** The query side of the recommendations index, and the count of each kind for the search page's switch. */
export function createRecommendationSearch(deps: {
  /** A client holding the search-only key. */
  client: Meilisearch;
  indexUid: string;
  practicesUid: string;
  vocabularies: VocabulariesService;
  logger: Logger;
}) {
  const { client, indexUid } = deps;

  async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      deps.logger.warn({ err, what }, 'search request failed');
      throw new SearchUnavailableError();
    }
  }

  /** The statuses a reader may find: the one clause no request can widen. */
  const statusClause = (audience: RecAudience) => (audience === 'members' ? 'status IN ["final", "consultation"]' : 'status = "final"');
  const facetsFor = (audience: RecAudience): readonly RecFacet[] => (audience === 'members' ? REC_FACETS : REC_FACETS.filter((f) => f !== 'status'));

  function filterOf(state: RecSearchState, audience: RecAudience, except?: RecFacet): string[] {
    const clauses = [statusClause(audience)];
    for (const facet of facetsFor(audience)) {
      const values = state.filters[facet];
      if (facet !== except && values.length > 0) clauses.push(`${facet} IN [${values.map(escapeFilterValue).join(', ')}]`);
    }
    return clauses;
  }

  const html = (formatted: unknown, original: string) => (typeof formatted === 'string' ? markedHtml(formatted) : markedHtml(withoutMarkers(original)));

  function toHit(hit: RawHit): RecommendationHit {
    return {
      id: hit.id,
      status: hit.status ?? 'final',
      title: hit.title ?? '',
      summary: hit.summary ?? '',
      measureGroup: hit.measureGroup ?? null,
      themes: hit.themes ?? [],
      targetGroups: hit.targetGroups ?? [],
      horizons: hit.horizons ?? [],
      priority: hit.priority ?? null,
      evidenceCount: hit.evidenceCount ?? 0,
      actionCount: hit.actionCount ?? 0,
      finalisedAt: typeof hit.finalisedAt === 'number' ? new Date(hit.finalisedAt * 1000) : null,
      formatted: { title: html(hit._formatted?.title, hit.title ?? ''), summary: html(hit._formatted?.summary, hit.summary ?? '') },
    };
  }

  async function query(state: RecSearchState, audience: RecAudience): Promise<RecommendationSearchResult> {
    const facets = facetsFor(audience);
    // An empty query has no relevance to rank by: the newest final ones come first.
    const sort = state.sort === 'relevance' && state.q.trim() === '' ? REC_SORTS.newest : REC_SORTS[state.sort];
    const main: MultiSearchQuery = {
      indexUid,
      q: state.q,
      filter: filterOf(state, audience),
      ...(sort.length > 0 ? { sort: [...sort] } : {}),
      facets: [...facets],
      page: state.page,
      hitsPerPage: state.hitsPerPage,
      attributesToRetrieve: RETRIEVED,
      attributesToHighlight: ['title', 'summary'],
      attributesToCrop: ['summary:40'],
      highlightPreTag: PRE_TAG,
      highlightPostTag: POST_TAG,
      cropMarker: CROP_MARKER,
    };
    // Disjunctive faceting: each narrowed facet is counted again without its own selection.
    const narrowed = facets.filter((f) => state.filters[f].length > 0);
    const counts: MultiSearchQuery[] = narrowed.map((facet) => ({ indexUid, q: state.q, filter: filterOf(state, audience, facet), facets: [facet], limit: 0 }));
    const { results } = await guarded('recommendations search', () => client.multiSearch({ queries: [main, ...counts] }));
    const [first, ...others] = results as MultiSearchResult<RawHit>[];
    if (!first) throw new SearchUnavailableError();
    const facetDistribution = Object.fromEntries(REC_FACETS.map((f) => [f, { ...first.facetDistribution?.[f] }])) as RecFacetDistribution;
    narrowed.forEach((facet, i) => {
      facetDistribution[facet] = { ...others[i]?.facetDistribution?.[facet] };
    });
    for (const facet of facets) for (const value of state.filters[facet]) facetDistribution[facet][value] ??= 0;
    return {
      hits: first.hits.map(toHit),
      facetDistribution,
      facets,
      totalHits: first.totalHits ?? 0,
      page: first.page ?? state.page,
      totalPages: first.totalPages ?? 0,
      hitsPerPage: first.hitsPerPage ?? state.hitsPerPage,
      processingTimeMs: first.processingTimeMs,
    };
  }

  return {
    query,

    /** How many practices and recommendations one query finds (the search page's switch shows both). */
    async counts(q: string, audience: RecAudience): Promise<{ practices: number; recommendations: number }> {
      const { results } = await guarded('search counts', () =>
        client.multiSearch({
          queries: [
            { indexUid: deps.practicesUid, q, page: 1, hitsPerPage: 0 },
            { indexUid, q, filter: [statusClause(audience)], page: 1, hitsPerPage: 0 },
          ],
        }),
      );
      return { practices: results[0]?.totalHits ?? 0, recommendations: results[1]?.totalHits ?? 0 };
    },

    /** Labels in the reader's language for facet values (slugs and fixed values stay the values). */
    async labels(locale: Locale) {
      const [measureGroups, themes, targetGroups] = await Promise.all([
        deps.vocabularies.labels('measure-group', locale),
        deps.vocabularies.labels('theme', locale),
        deps.vocabularies.labels('target-group', locale),
      ]);
      return { measureGroup: measureGroups, themes, targetGroups };
    },
  };
}
