import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import type { Logger } from '../../lib/logger';
import type { PracticeCardFields } from './search.document';
import { buildFilter, emptySelection, type FacetName, type Selection } from './search.filters';
import { SearchUnavailableError } from './search.service';

/** What may be counted: the search facets, and the start year (filterable, but not a facet of the page). */
export type CountedField = FacetName | 'startYear';

export type Narrowing = Partial<Selection> & { from?: number; to?: number };

export type Counts = { total: number; by: Partial<Record<CountedField, Record<string, number>>> };

export type PublishedCard = PracticeCardFields & { startYear: number | null; publishedAt: number | null };

export type SearchOverview = ReturnType<typeof createSearchOverview>;

const CARD_FIELDS = ['id', 'title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'startYear', 'publishedAt'];

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
