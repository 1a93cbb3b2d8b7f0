import type { Meilisearch, MultiSearchQuery, MultiSearchResult } from 'meilisearch';
import { ServiceUnavailableError } from '../../lib/errors';
import type { Locale } from '../../lib/i18n';
import type { Logger } from '../../lib/logger';
import type { NetworkService } from '../network/network.service';
import { displayName } from '../practices/practices.data';
import { termLabel, type VocabulariesService } from '../vocabularies/vocabularies.service';
import type { PracticeCardFields } from './search.document';
import {
  buildFilter,
  escapeFilterValue,
  FACETS,
  selectedFacets,
  similarFilter,
  SORTS,
  type FacetName,
  type SearchState,
} from './search.filters';
import {
  foldedOnly,
  HIGHLIGHT_PARAMS,
  RETRIEVED,
  toSearchHit,
  type Originals,
  type RawHit,
  type SearchHit,
} from './search.hits';

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
  logger: Logger;
};

/** The query side of search: what planners' pages and the JSON API ask the index. */
export function createSearchService(deps: Deps) {
  const { client, indexUid } = deps;

  async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      deps.logger.warn({ err, what }, 'search request failed');
      throw new SearchUnavailableError();
    }
  }

  /** The full texts behind folded-only matches; without them the snippet is a plain crop, so failure is tolerated. */
  async function originalsFor(hits: RawHit[]): Promise<Map<string, Originals>> {
    const needs = hits.map((hit) => ({ hit, ...foldedOnly(hit) })).filter((n) => n.fields.length > 0 || n.attachments);
    if (needs.length === 0) return new Map();
    const fields = new Set<string>(needs.flatMap((n) => [...n.fields, ...(n.attachments ? ['attachments'] : [])]));
    try {
      const res = await client.index(indexUid).search<Originals & { id: string }>('', {
        filter: [`id IN [${needs.map((n) => escapeFilterValue(n.hit.id)).join(', ')}]`],
        attributesToRetrieve: ['id', ...fields],
        limit: needs.length,
      });
      return new Map(res.hits.map((h) => [h.id, h]));
    } catch (err) {
      deps.logger.warn({ err }, 'original texts for highlighting could not be read');
      return new Map();
    }
  }

  async function query(state: SearchState): Promise<SearchResult> {
    const filter = buildFilter(state);
    // An empty query has no relevance to rank by: the newest practices come first.
    const sort = state.sort === 'relevance' && state.q.trim() === '' ? SORTS.newest : SORTS[state.sort];
    const main: MultiSearchQuery = {
      indexUid,
      q: state.q,
      ...(filter.length > 0 ? { filter } : {}),
      ...(sort.length > 0 ? { sort: [...sort] } : {}),
      facets: [...FACETS],
      page: state.page,
      hitsPerPage: state.hitsPerPage,
      attributesToRetrieve: RETRIEVED,
      ...HIGHLIGHT_PARAMS,
    };
    // Disjunctive faceting: each narrowed facet is counted again without its own selection.
    const narrowed = selectedFacets(state.filters);
    const facetQueries: MultiSearchQuery[] = narrowed.map((facet) => {
      const others = buildFilter(state, facet);
      return { indexUid, q: state.q, ...(others.length > 0 ? { filter: others } : {}), facets: [facet], limit: 0 };
    });
    const { results } = await guarded('search', () => client.multiSearch({ queries: [main, ...facetQueries] }));
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

    const originals = await originalsFor(first.hits);
    return {
      hits: first.hits.map((hit) => toSearchHit(hit, originals.get(hit.id))),
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
      deps.vocabularies.labels('theme', locale),
      deps.vocabularies.labels('target-group', locale),
      deps.network.listCities(),
      deps.network.listEvents(),
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
    facetLabels,

    /** Where to go when search is down: browsing by theme and city reads MongoDB, not the index. */
    async browseLinks(locale: Locale) {
      const [themes, cities] = await Promise.all([deps.vocabularies.list('theme'), deps.network.listCities()]);
      return {
        themes: themes.map((t) => ({ slug: t.slug, label: termLabel(t.labels, locale) })),
        cities: cities.map((c) => ({ slug: c.slug, label: c.name })),
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
