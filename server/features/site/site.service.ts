import type { Locale } from '../../lib/i18n';
import type { Can } from '../../lib/policy';
import { toActor } from '../users';
import type { SearchEngine } from '../../lib/search';
import { eventCard, type EventsService } from '../events';
import type { NetworkService } from '../network';
import type { Caller, PracticesService } from '../practices';
import { termLabel, type VocabulariesService } from '../vocabularies';
import { finalRecommendations, monthYear, type ProposalsService } from '../proposals';
import type { RecommendationsService } from '../recommendations';

export type SiteService = ReturnType<typeof createSiteService>;

const RECENT = 5;
/** How many recommendations the home page shows, and how many of the most cited it weighs to find them. */
const BEST_EVIDENCED = 3;
const CANDIDATES = 8;

export function createSiteService(deps: {
  network: NetworkService;
  events: EventsService;
  search: SearchEngine;
  practices: PracticesService;
  vocabularies: VocabulariesService;
  proposals: Pick<ProposalsService, 'latest'>;
  recommendations: RecommendationsService;
  can: Can;
}) {
  /**
   * The final recommendations with the most evidence: most practices still standing behind them, then most
   * cities and countries. The list's citation count narrows the field; the standing evidence decides.
   */
  async function bestEvidenced(caller: Caller, locale: Locale) {
    const finals = await finalRecommendations(deps.recommendations, caller);
    const candidates = [...finals]
      .sort((a, b) => b.evidenceCount - a.evidenceCount || a.title.localeCompare(b.title, locale))
      .slice(0, CANDIDATES);
    const [groups, evidence] = await Promise.all([
      deps.vocabularies.labels('measure-group', locale),
      Promise.all(candidates.map((r) => deps.recommendations.evidence(caller, r.id))),
    ]);
    return candidates
      .map((r, i) => ({
        id: r.id,
        title: r.title,
        measureGroup: r.measureGroup ? groups.get(r.measureGroup) : undefined,
        evidence: evidence[i]!.summary,
      }))
      .filter((r) => r.evidence.practices > 0)
      .sort(
        (a, b) =>
          b.evidence.practices - a.evidence.practices ||
          b.evidence.cities - a.evidence.cities ||
          b.evidence.countries - a.evidence.countries,
      )
      .slice(0, BEST_EVIDENCED);
  }

  /** The counts waiting on the coordinator's desk, for curators only (undefined for everyone else). */
  async function desk(caller: Caller) {
    if (!caller || !deps.can(toActor(caller), 'review.queue')) return undefined;
    const [reviews, comments, withdrawnCitations] = await Promise.all([
      deps.practices.reviewCount(caller),
      deps.recommendations.openCommentCount(caller),
      deps.recommendations.withdrawnCitationCount(caller),
    ]);
    return { reviews, comments, withdrawnCitations };
  }

  return {
    /** The public dashboard: live counts, the newest practices and ways in (search, themes, cities). */
    async homePage(caller: Caller, locale: Locale) {
      const [counts, cities, events, recent, themes, searchAvailable, latestEdition, evidenced, waiting] = await Promise.all([
        deps.network.counts(),
        deps.network.listCities(),
        deps.events.list(),
        deps.practices.list(caller, { perPage: String(RECENT) }),
        deps.vocabularies.list('theme'),
        // The home page stays up when the search engine is down; it just says so. Which engine and version
        // answers is the administrators' business (the search settings page), not the public's.
        deps.search.isHealthy().catch(() => false),
        deps.proposals.latest(caller),
        bestEvidenced(caller, locale),
        desk(caller),
      ]);
      return {
        counts: { ...counts, events: events.length, practices: recent.total },
        cities,
        events: events.map((event) => eventCard(event, locale)),
        recent: recent.items,
        themes: themes.map((t) => ({ slug: t.slug, label: termLabel(t.labels, locale) })),
        searchAvailable,
        latestEdition: latestEdition && {
          ...latestEdition,
          month: latestEdition.publishedAt ? monthYear(latestEdition.publishedAt, locale) : '',
        },
        evidenced,
        desk: waiting,
      };
    },
  };
}
