import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import type { Logger } from '../../lib/logger';
import type { PracticeCardFields } from './search.document';
import { buildFilter, emptySelection, SORTS, type FacetName, type SearchState, type Selection } from './search.filters';
import { SearchUnavailableError } from './search.service';

/** What may be counted: the search facets, and the start year (filterable, but not a facet of the page). */
export type CountedField = FacetName | 'startYear';

export type Narrowing = Partial<Selection> & { from?: number; to?: number };

export type Counts = { total: number; by: Partial<Record<CountedField, Record<string, number>>> };

export type PublishedCard = PracticeCardFields & { startYear: number | null; publishedAt: number | null };

const CARD_FIELDS = ['id', 'title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'startYear', 'publishedAt'];

/** A published practice as an export carries it: the facts the index holds, never its long texts. */
export type ExportHit = PracticeCardFields & {
  startYear: number | null;
  endYear: number | null;
  ongoing: boolean;
  language: string | null;
  event: string | null;
  hasIndicators: boolean;
  budgetEur: number | null;
  publishedAt: number | null;
};

const EXPORT_FIELDS = [...CARD_FIELDS, 'endYear', 'ongoing', 'language', 'event', 'hasIndicators', 'budgetEur'];
const EXPORT_PAGE = 1000;

export type SearchOverview = ReturnType<typeof createSearchOverview>;


const filterOf = (narrowing: Narrowing): string[] =>
  buildFilter({ filters: { ...emptySelection(), ...narrowing }, from: narrowing.from, to: narrowing.to, ongoing: false });

/**
 * The index read for overview pages (dashboard, map, events): counts of published practices and short
 * lists. The same filters as the search page, so a number shown here is the number a link into search finds.
 */
export function createSearchOverview(deps: { client: Meilisearch; indexUid: string; logger: Logger }) {
  const { client, indexUid } = deps;

  async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      deps.logger.warn({ err, what }, 'search overview request failed');
      throw new SearchUnavailableError();
    }
  }

  return {
    /** One count per narrowing, each split by the given fields (one multi-search for all of them). */
    async counts(narrowings: readonly Narrowing[], fields: readonly CountedField[]): Promise<Counts[]> {
      if (narrowings.length === 0) return [];
      const queries: MultiSearchQuery[] = narrowings.map((n) => {
        const filter = filterOf(n);
        // Paged form (hitsPerPage 0): Meilisearch then counts exactly (totalHits), not an estimate.
        return { indexUid, q: '', page: 1, hitsPerPage: 0, facets: [...fields], ...(filter.length > 0 ? { filter } : {}) };
      });
      const { results } = await guarded('counts', () => client.multiSearch({ queries }));
      return results.map((r) => ({
        total: r.totalHits ?? 0,
        by: Object.fromEntries(fields.map((f) => [f, { ...r.facetDistribution?.[f] }])),
      }));
    },

    /**
     * Every hit of a search (up to `max`), in the search page's order: the rows of a search export.
     * `truncated` says the search found more than was read.
     */
    async matching(state: SearchState, max: number): Promise<{ total: number; items: ExportHit[]; truncated: boolean }> {
      const filter = buildFilter(state);
      const sort = state.sort === 'relevance' && state.q.trim() === '' ? SORTS.newest : SORTS[state.sort];
      const items: ExportHit[] = [];
      let total = 0;
      for (let page = 1; items.length < max; page += 1) {
        const res = await guarded('export', () =>
          client.index(indexUid).search<ExportHit>(state.q, {
            ...(filter.length > 0 ? { filter } : {}),
            ...(sort.length > 0 ? { sort: [...sort] } : {}),
            page,
            hitsPerPage: Math.min(EXPORT_PAGE, max),
            attributesToRetrieve: EXPORT_FIELDS,
          }),
        );
        total = (res as { totalHits?: number }).totalHits ?? 0;
        items.push(...res.hits);
        if (res.hits.length === 0 || items.length >= total) break;
      }
      const rows = items.slice(0, max);
      return { total, items: rows, truncated: total > rows.length };
    },

    /** Published practices matching a narrowing, newest first. */
    async published(narrowing: Narrowing, limit: number): Promise<{ total: number; items: PublishedCard[] }> {
      const filter = filterOf(narrowing);
      const res = await guarded('published', () =>
        client.index(indexUid).search<PublishedCard>('', {
          ...(filter.length > 0 ? { filter } : {}),
          sort: ['publishedAt:desc'],
          page: 1,
          hitsPerPage: limit,
          attributesToRetrieve: CARD_FIELDS,
        }),
      );
      const total = (res as { totalHits?: number }).totalHits;
      return { total: total ?? res.hits.length, items: res.hits };
    },
  };
}
