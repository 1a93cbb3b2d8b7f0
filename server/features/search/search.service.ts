import type { Meilisearch, MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { isDatabaseUnavailable } from '../../lib/db';
import { ServiceUnavailableError } from '../../lib/errors';
import type { Locale } from '../../lib/i18n';
import type { Logger } from '../../lib/logger';
import type { EventsService } from '../events';
import type { NetworkService } from '../network';
import { displayName } from '../../lib/i18n';
import type { VocabulariesService } from '../vocabularies';
import type { PracticeCardFields } from './search.document';
import {
  buildFilter,
  emptySelection,
  escapeFilterValue,
  FACETS,
  selectedFacets,
  similarFilter,
  SORTS,
  type FacetName,
  type SearchState,
} from './search.filters';
import { RETRIEVED, toSearchHit, type RawHit, type SearchHit } from './search.hits';
import { createMatcher } from './search-match';
import { planQuery, type QueryAids, type QueryPlan } from './search-query-plan';

export type { SearchHit } from './search.hits';

/** Meilisearch is down or refused the request: pages answer 503, never 500. */
export class SearchUnavailableError extends ServiceUnavailableError {
  constructor() {
    super('search.error.unavailable', 'search_unavailable');
  }
}

export type FacetDistribution = Record<FacetName, Record<string, number>>;

export type SearchResult = {
  hits: SearchHit[];
  facetDistribution: FacetDistribution;
  totalHits: number;
  page: number;
  totalPages: number;
  hitsPerPage: number;
  processingTimeMs: number;
};

export type FacetLabels = Record<FacetName, Record<string, string>>;

export type SimilarPractice = PracticeCardFields & {
  /** Themes and target groups it shares with the practice being read. */
  shared: number;
};

export type SearchService = ReturnType<typeof createSearchService>;

type Deps = {
  /** A client holding the search-only key: request-time code can read the index and nothing more. */
  client: Meilisearch;
  indexUid: string;
  vocabularies: VocabulariesService;
  network: NetworkService;
  events: Pick<EventsService, 'list'>;
  logger: Logger;
  /** The synonym map and its spellings, for the query plan and the highlighting (see search-query-plan.ts). */
  queryAids: () => Promise<QueryAids>;
};

/** The query side of search: what planners' pages and the JSON API ask the index. */
export function createSearchService(deps: Deps) {
  const { client, indexUid } = deps;
  // Labels last read from MongoDB. Search itself needs only Meilisearch: while the database is away,
  // pages keep naming themes, cities and events with what was read before, or show the values.
  const lastKnown = new Map<string, unknown>();

  async function remembered<T>(key: string, read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const value = await read();
      lastKnown.set(key, value);
      return value;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      deps.logger.warn({ what: key, reason: (err as Error).message }, 'database unavailable; search labels from memory');
      return (lastKnown.get(key) as T | undefined) ?? fallback;
    }
  }

  async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      deps.logger.warn({ err, what }, 'search request failed');
      throw new SearchUnavailableError();
    }
  }

  /** The queries of one search, as sent to Meilisearch in one multi-search request. */
  async function requestFor(state: SearchState): Promise<{ plan: QueryPlan; queries: MultiSearchQuery[] }> {
    const filter = buildFilter(state);
    // An empty query has no relevance to rank by: the newest practices come first.
    const sort = state.sort === 'relevance' && state.q.trim() === '' ? SORTS.newest : SORTS[state.sort];
    // Without the synonym aids a query still works: only concepts and typo-tolerant synonyms are lost.
    const aids = state.q.trim() ? await deps.queryAids().catch(() => undefined) : undefined;
    const plan = planQuery(state.q, aids);
    const main: MultiSearchQuery = {
      indexUid,
      q: plan.q,
      ...(filter.length > 0 ? { filter } : {}),
      ...(sort.length > 0 ? { sort: [...sort] } : {}),
      facets: [...FACETS],
      page: state.page,
      hitsPerPage: state.hitsPerPage,
      attributesToRetrieve: RETRIEVED,
    };
    // Disjunctive faceting: each narrowed facet is counted again without its own selection.
    const facetQueries: MultiSearchQuery[] = selectedFacets(state.filters).map((facet) => {
      const others = buildFilter(state, facet);
      return { indexUid, q: plan.q, ...(others.length > 0 ? { filter: others } : {}), facets: [facet], limit: 0 };
    });
    return { plan, queries: [main, ...facetQueries] };
  }

  async function query(state: SearchState): Promise<SearchResult> {
    const request = await requestFor(state);
    let plan = request.plan;
    const narrowed = selectedFacets(state.filters);
    let { results } = await guarded('search', () => client.multiSearch({ queries: request.queries }));
    // The extra words go first and are needed at every level of the query; when a stem chosen for a
    // word that is not among any practice's forms leaves nothing at all, the words as typed are tried.
    if (plan.q !== state.q && results[0]?.totalHits === 0) {
      const typed = request.queries.map((query) => ({ ...query, q: state.q }));
      ({ results } = await guarded('search', () => client.multiSearch({ queries: typed })));
      plan = { ...plan, q: state.q };
    }
    const [first, ...counts] = results as MultiSearchResult<RawHit>[];
    if (!first) throw new SearchUnavailableError();

    const facetDistribution = Object.fromEntries(
      FACETS.map((f) => [f, { ...first.facetDistribution?.[f] }]),
    ) as FacetDistribution;
    narrowed.forEach((facet, i) => {
      facetDistribution[facet] = { ...counts[i]?.facetDistribution?.[facet] };
    });
    // A selected value stays listed (with 0) so it can always be seen and removed.
    for (const facet of FACETS) for (const value of state.filters[facet]) facetDistribution[facet][value] ??= 0;

    const match = createMatcher(plan);
    return {
      hits: first.hits.map((hit) => toSearchHit(hit, match)),
      facetDistribution,
      totalHits: first.totalHits ?? 0,
      page: first.page ?? state.page,
      totalPages: first.totalPages ?? 0,
      hitsPerPage: first.hitsPerPage ?? state.hitsPerPage,
      processingTimeMs: first.processingTimeMs,
    };
  }

  /** City names for slugs outside the network, from the index itself (one hit per city). */
  async function indexedCityNames(slugs: string[]): Promise<Record<string, string>> {
    if (slugs.length === 0) return {};
    try {
      const res = await client.index(indexUid).search<{ city: string; cityName: string }>('', {
        filter: [`city IN [${slugs.map(escapeFilterValue).join(', ')}]`],
        distinct: 'city',
        attributesToRetrieve: ['city', 'cityName'],
        limit: slugs.length,
      });
      return Object.fromEntries(res.hits.map((h) => [h.city, h.cityName]));
    } catch {
      return {};
    }
  }

  /** Labels in the reader's language for the facet values on a page (slugs stay the values). */
  async function facetLabels(
    locale: Locale,
    values: Record<FacetName, string[]>,
    hits: SearchHit[] = [],
  ): Promise<FacetLabels> {
    const [themes, targetGroups, cities, events] = await Promise.all([
      remembered(`theme:${locale}`, () => deps.vocabularies.labels('theme', locale), new Map<string, string>()),
      remembered(`target-group:${locale}`, () => deps.vocabularies.labels('target-group', locale), new Map<string, string>()),
      remembered('cities', () => deps.network.listCities(), []),
      remembered('events', () => deps.events.list(), []),
    ]);
    const cityNames: Record<string, string> = Object.fromEntries(hits.map((h) => [h.city, h.cityName]));
    for (const city of cities) cityNames[city.slug] = city.name;
    Object.assign(cityNames, await indexedCityNames(values.city.filter((slug) => !cityNames[slug])));

    const eventNames = Object.fromEntries(
      events.map((e) => [e.slug, `${e.city?.name ?? e.citySlug}, ${String(e.month).padStart(2, '0')}/${e.year}`]),
    );
    const pick = (facet: FacetName, label: (value: string) => string | undefined) =>
      Object.fromEntries(values[facet].map((v) => [v, label(v) ?? v]));
    return {
      themes: pick('themes', (v) => themes.get(v)),
      targetGroups: pick('targetGroups', (v) => targetGroups.get(v)),
      city: pick('city', (v) => cityNames[v]),
      country: pick('country', (v) => displayName('region', v, locale)),
      language: pick('language', (v) => displayName('language', v, locale)),
      event: pick('event', (v) => eventNames[v]),
      hasIndicators: pick('hasIndicators', () => undefined),
    };
  }

  return {
    query,
    requestFor,
    facetLabels,

    /**
     * Published practices for a few words, as other pages offer them (the evidence picker): the same query
     * as the search page, without filters. Throws SearchUnavailableError while the engine is down.
     */
    async findPractices(q: string, page: number, hitsPerPage = 10) {
      const result = await query({ q, filters: emptySelection(), ongoing: false, sort: 'relevance', page, hitsPerPage });
      return {
        hits: result.hits.map((h) => ({ id: h.id, title: h.title, summary: h.summary, cityName: h.cityName, country: h.country })),
        total: result.totalHits,
        pages: result.totalPages,
      };
    },

    /**
     * Practices sharing a theme or target group, other cities first, then the most shared. Any
     * search failure gives an empty list: a practice page never fails because search is down.
     */
    async similar(
      practiceId: string,
      practice: { themes: readonly string[]; targetGroups: readonly string[]; city: string },
      limit = 4,
    ): Promise<SimilarPractice[]> {
      const filter = similarFilter(practiceId, practice.themes, practice.targetGroups);
      if (!filter) return [];
      const base = {
        indexUid,
        q: '',
        attributesToRetrieve: [
          'id',
          'title',
          'summary',
          'titleEn',
          'city',
          'cityName',
          'country',
          'themes',
          'targetGroups',
          'publishedAt',
        ],
        sort: ['publishedAt:desc'],
      };
      const city = escapeFilterValue(practice.city);
      try {
        const { results } = await client.multiSearch({
          queries: [
            { ...base, filter: [...filter, `city != ${city}`], limit: 100 },
            { ...base, filter: [...filter, `city = ${city}`], limit },
          ],
        });
        const rank = (hits: RawHit[]) =>
          hits
            .map((h) => ({
              id: h.id,
              title: h.title ?? '',
              summary: h.summary ?? '',
              titleEn: h.titleEn ?? '',
              city: h.city ?? '',
              cityName: h.cityName ?? '',
              country: h.country ?? '',
              themes: h.themes ?? [],
              targetGroups: h.targetGroups ?? [],
              shared:
                (h.themes ?? []).filter((t) => practice.themes.includes(t)).length +
                (h.targetGroups ?? []).filter((g) => practice.targetGroups.includes(g)).length,
            }))
            // Stable sort: equally close practices keep the newest-first order of the index.
            .sort((a, b) => b.shared - a.shared);
        const [others, sameCity] = results.map((r) => rank(r.hits as RawHit[]));
        return [...(others ?? []), ...(sameCity ?? [])].slice(0, limit);
      } catch (err) {
        deps.logger.warn({ err, practiceId }, 'similar practices unavailable');
        return [];
      }
    },
  };
}
