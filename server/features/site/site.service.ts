import type { Locale } from '../../lib/i18n';
import type { SearchEngine } from '../../lib/search';
import type { NetworkService } from '../network/network.service';
import type { Caller, PracticesService } from '../practices/practices.service';
import { termLabel, type VocabulariesService } from '../vocabularies/vocabularies.service';

export type SiteService = ReturnType<typeof createSiteService>;

const RECENT = 5;

export function createSiteService(deps: {
  network: NetworkService;
  search: SearchEngine;
  practices: PracticesService;
  vocabularies: VocabulariesService;
}) {
  return {
    /** The public dashboard: live counts, the newest practices and ways in (search, themes, cities). */
    async homePage(caller: Caller, locale: Locale) {
      const [counts, cities, events, recent, themes, searchAvailable] = await Promise.all([
        deps.network.counts(),
        deps.network.listCities(),
        deps.network.listEvents(),
        deps.practices.list(caller, { perPage: String(RECENT) }),
        deps.vocabularies.list('theme'),
        // The home page stays up when the search engine is down; it just says so. Which engine and version
        // answers is the administrators' business (the search settings page), not the public's.
        deps.search.isHealthy().catch(() => false),
      ]);
      return {
        counts: { ...counts, practices: recent.total },
        cities,
        events,
        recent: recent.items,
        themes: themes.map((t) => ({ slug: t.slug, label: termLabel(t.labels, locale) })),
        searchAvailable,
      };
    },
  };
}
