import type { Locale } from '../../lib/i18n';
import type { SearchEngine } from '../../lib/search';
import { eventCard, type EventsService } from '../events';
import type { NetworkService } from '../network/network.service';
import type { Caller, PracticesService } from '../practices/practices.service';
import type { VocabulariesService } from '../vocabularies/vocabularies.service';

export type SiteService = ReturnType<typeof createSiteService>;

const RECENT = 5;

export function createSiteService(deps: {
  network: NetworkService;
  events: EventsService;
  search: SearchEngine;
  practices: PracticesService;
  vocabularies: VocabulariesService;
}) {
  return {
    /** The public dashboard: live counts, the newest practices and ways in (search, themes, cities). */
    async homePage(caller: Caller, locale: Locale) {
      const [counts, cities, events, recent, themes, searchVersion] = await Promise.all([
        deps.network.counts(),
        deps.network.listCities(),
        deps.events.list(),
        deps.practices.list(caller, { perPage: String(RECENT) }),
        deps.vocabularies.list('theme'),
        // The home page stays up when the search engine is down; it just says so.
        deps.search.version().catch(() => undefined),
      ]);
      return {
        counts: { ...counts, events: events.length, practices: recent.total },
        cities,
        events: events.map((event) => eventCard(event, locale)),
        recent: recent.items,
        themes: themes.map((t) => ({ slug: t.slug, label: t.labels[locale] })),
        searchVersion,
      };
    },
  };
}
