import { actorOf, type Caller } from '../domain/access';
import type { PracticesContext } from './context';
import type { Page } from './queries';
import { practiceSummary, type PracticeSummary } from './presenters';

/** The search page's facets that MongoDB can answer too: each a list of values, any of which matches. */
export type PublishedNarrowing = {
  themes: readonly string[];
  targetGroups: readonly string[];
  city: readonly string[];
  country: readonly string[];
};

/** What one listed practice counts towards in a facet: its place, themes and target groups. */
export type PublishedFacetRow = {
  city: string;
  cityName: string;
  country: string;
  themes: string[];
  targetGroups: string[];
};

/**
 * Published practices read from MongoDB, for the search page while the search engine is away: the same
 * public set the index holds (isListed), newest first.
 */
export function browsing(ctx: PracticesContext) {
  const { store, reads, deps } = ctx;

  const refuseUnlessReader = (caller: Caller) => {
    if (!deps.can(actorOf(caller), 'public.read')) store.deny(caller);
  };

  return {
    async publishedPage(
      caller: Caller,
      narrowing: PublishedNarrowing,
      page: number,
      perPage: number,
    ): Promise<Page<PracticeSummary>> {
      refuseUnlessReader(caller);
      const result = await reads.page(
        {
          visibility: 'listed',
          copy: 'published',
          theme: narrowing.themes,
          targetGroup: narrowing.targetGroups,
          city: narrowing.city,
          country: narrowing.country,
        },
        'published',
        page,
        perPage,
      );
      const { total, perPage: size, pages } = result;
      return { items: result.docs.map((doc) => practiceSummary(doc, 'published', false)), total, page, perPage: size, pages };
    },

    /**
     * Every city a filter may name: the network's, and any other a published practice is from. A city
     * outside both has no practice to find.
     */
    async knownCities(caller: Caller): Promise<Set<string>> {
      refuseUnlessReader(caller);
      const [network, listed] = await Promise.all([deps.network.listCities(), reads.listedCities()]);
      return new Set([...network.map((city) => city.slug), ...listed]);
    },

    /** One row per listed practice, for counting facet values (search-engine outages only: it reads them all). */
    async publishedFacets(caller: Caller): Promise<PublishedFacetRow[]> {
      refuseUnlessReader(caller);
      const docs = await reads.listedFacets();
      return docs.map((doc) => ({
        city: doc.city,
        cityName: doc.cityName,
        country: doc.country,
        themes: doc.published?.themes ?? [],
        targetGroups: doc.published?.targetGroups ?? [],
      }));
    },
  };
}
