import type { SearchEngine } from '../../lib/search';
import type { NetworkService } from '../network/network.service';

export type SiteService = ReturnType<typeof createSiteService>;

export function createSiteService(deps: { network: NetworkService; search: SearchEngine }) {
  return {
    async homePage() {
      const [counts, cities, events, searchVersion] = await Promise.all([
        deps.network.counts(),
        deps.network.listCities(),
        deps.network.listEvents(),
        // The home page stays up when the search engine is down; it just says so.
        deps.search.version().catch(() => undefined),
      ]);
      return { counts, cities, events, searchVersion };
    },
  };
}
