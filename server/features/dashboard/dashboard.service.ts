import type { Locale } from '../../lib/i18n';
import type { PracticeStatus } from '../../lib/policy';
import type { NetworkService } from '../network';
import type { Caller, PracticesService, PracticeSummary } from '../practices';
import type { Counts, SearchOverview } from '../search';
import { SearchUnavailableError } from '../search';
import type { VocabulariesService } from '../vocabularies';
import { actorOf } from '../practices';
import type { Can } from '../../lib/policy';
import type { AdoptionService } from '../adoption';
import type { RecommendationsService } from '../recommendations';
import { recommendationsOverview, type RecommendationsOverview } from './dashboard.recommendations';

/** The workflow from a first draft to publication, in order: the coordinator's pipeline. */
export const PIPELINE: readonly PracticeStatus[] = ['draft', 'submitted', 'changes_requested', 'published'];

const RECENT = 10;
/** Cities outside the network are named from the index; beyond this many they are left out of the grid. */
const MAX_OTHER_CITIES = 12;

export type Place = { slug: string; name: string; total: number; network: boolean };
export type ThemeRow = { slug: string; label: string; total: number; counts: number[] };

/** Practices by theme (rows) and city (columns); a practice with several themes counts under each. */
export type ThemeCityGrid = { cities: Place[]; themes: ThemeRow[]; max: number };

export type YearCount = { year: number; count: number };

export type Activity = {
  id: string;
  title: string;
  cityName: string;
  /** Shown to those who may see workflow states; the public sees publications only. */
  status: PracticeStatus | undefined;
  at: Date | undefined;
  /** What `at` is: the publication, or (for a curator) the last change of a practice not published. */
  atKind: 'published' | 'updated';
};

export type Dashboard = {
  /** Undefined while the search engine is not answering: the published counts come from its index. */
  published:
    | { total: number; cities: number; themes: number; grid: ThemeCityGrid; years: YearCount[]; withoutYear: number }
    | undefined;
  pipeline: { status: PracticeStatus; count: number }[] | undefined;
  recent: Activity[];
  /** Evidence per recommendation and adoption across cities, cut to what this reader may see. */
  recommendations: RecommendationsOverview;
};

export type DashboardService = ReturnType<typeof createDashboardService>;

/**
 * The dashboard's numbers. Published practices are counted in the search index with the search page's
 * own filters, so every number links to a search that finds exactly it; workflow states (coordinator
 * only) and recent activity come from the practices service, which applies the policy; recommendations and
 * their adoption from their own features, which apply theirs.
 */
export function createDashboardService(deps: {
  overview: SearchOverview;
  practices: PracticesService;
  network: NetworkService;
  vocabularies: VocabulariesService;
  recommendations: Pick<RecommendationsService, 'evidenceOverview'>;
  adoption: Pick<AdoptionService, 'matrix'>;
  can: Can;
}) {
  const recommendations = recommendationsOverview(deps);

  async function otherCityNames(slugs: string[]): Promise<Map<string, string>> {
    const names = await Promise.all(
      slugs.map((slug) => deps.overview.published({ city: [slug] }, 1).then((r) => [slug, r.items[0]?.cityName ?? slug] as const)),
    );
    return new Map(names);
  }

  async function published(locale: Locale): Promise<Dashboard['published']> {
    const [network, themeTerms, themeLabels] = await Promise.all([
      deps.network.listCities(),
      deps.vocabularies.list('theme', { includeRetired: true }),
      deps.vocabularies.labels('theme', locale),
    ]);
    let overall: Counts | undefined;
    try {
      [overall] = await deps.overview.counts([{}], ['city', 'themes', 'startYear']);
    } catch (err) {
      if (err instanceof SearchUnavailableError) return undefined;
      throw err;
    }
    if (!overall) return undefined;
    const byCity = overall.by.city ?? {};
    const byTheme = overall.by.themes ?? {};
    const others = Object.keys(byCity)
      .filter((slug) => !network.some((c) => c.slug === slug))
      .sort((a, b) => (byCity[b] ?? 0) - (byCity[a] ?? 0))
      .slice(0, MAX_OTHER_CITIES);
    const otherNames = await otherCityNames(others);
    const cities: Place[] = [
      ...network.map((c) => ({ slug: c.slug, name: c.name, total: byCity[c.slug] ?? 0, network: true })),
      ...others.map((slug) => ({ slug, name: otherNames.get(slug) ?? slug, total: byCity[slug] ?? 0, network: false })),
    ];
    const perCity = await deps.overview.counts(
      cities.map((c) => ({ city: [c.slug] })),
      ['themes'],
    );
    // Active themes always; a retired one while practices still carry it.
    const themes: ThemeRow[] = themeTerms
      .filter((term) => !term.retired || (byTheme[term.slug] ?? 0) > 0)
      .map((term) => ({
        slug: term.slug,
        label: themeLabels.get(term.slug) ?? term.slug,
        total: byTheme[term.slug] ?? 0,
        counts: cities.map((_c, i) => perCity[i]?.by.themes?.[term.slug] ?? 0),
      }));
    const max = Math.max(0, ...themes.flatMap((row) => row.counts));

    const yearCounts = Object.entries(overall.by.startYear ?? {})
      .map(([year, count]) => ({ year: Number(year), count }))
      .filter((y) => Number.isInteger(y.year));
    const years: YearCount[] = [];
    if (yearCounts.length > 0) {
      const first = Math.min(...yearCounts.map((y) => y.year));
      const last = Math.max(...yearCounts.map((y) => y.year));
      for (let year = first; year <= last; year += 1) {
        years.push({ year, count: yearCounts.find((y) => y.year === year)?.count ?? 0 });
      }
    }
    const withYear = yearCounts.reduce((sum, y) => sum + y.count, 0);
    return {
      total: overall.total,
      cities: cities.filter((c) => c.total > 0).length,
      themes: themes.filter((t) => t.total > 0).length,
      grid: { cities, themes, max },
      years,
      withoutYear: Math.max(0, overall.total - withYear),
    };
  }

  /** Counts by workflow status, for those who see every city's working copies. */
  async function pipeline(caller: Caller): Promise<Dashboard['pipeline']> {
    if (!deps.can(actorOf(caller), 'review.queue')) return undefined;
    return Promise.all(
      PIPELINE.map(async (status) => ({ status, count: (await deps.practices.list(caller, { status, perPage: '1' })).total })),
    );
  }

  /** The public sees the newest publications; a curator every recent change of state. */
  async function recent(caller: Caller, curator: boolean): Promise<Activity[]> {
    const toActivity = (p: PracticeSummary, published: boolean): Activity => ({
      id: p.id,
      title: p.title,
      cityName: p.cityName,
      status: curator ? p.status : undefined,
      at: published ? (p.publishedAt ?? p.updatedAt) : p.updatedAt,
      atKind: published && p.publishedAt ? 'published' : 'updated',
    });
    if (!curator) {
      const page = await deps.practices.list(caller, { perPage: String(RECENT) });
      return page.items.map((p) => toActivity(p, true));
    }
    const pages = await Promise.all(PIPELINE.map((status) => deps.practices.list(caller, { status, perPage: String(RECENT) })));
    return pages
      .flatMap((page) => page.items.map((p) => toActivity(p, p.status === 'published')))
      .sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0))
      .slice(0, RECENT);
  }

  return {
    async dashboard(caller: Caller, locale: Locale): Promise<Dashboard> {
      const curator = deps.can(actorOf(caller), 'review.queue');
      const [pub, pipe, activity, recs] = await Promise.all([
        published(locale),
        pipeline(caller),
        recent(caller, curator),
        recommendations(caller),
      ]);
      return { published: pub, pipeline: pipe, recent: activity, recommendations: recs };
    },
  };
}
