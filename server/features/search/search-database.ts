import { displayName, type Locale, type Translate } from '../../lib/i18n';
import type { User } from '../users';
import { DEFAULT_SORT, emptySelection, FACETS, type FacetName, type SearchState, type Selection } from './search.filters';
import { toSearchHit } from './search.hits';
import type { FacetDistribution, FacetLabels, SearchResult } from './search.service';

/**
 * The search page while the search engine is away: published practices read from MongoDB, newest first,
 * narrowed by the facets MongoDB can answer (theme, target group, city, country) and counted the same way
 * as the engine counts them, so the page looks and works the same, only without keyword search.
 */

/** The facets the database can narrow by; the others (and words, period, sort) wait for the engine. */
export const DATABASE_FACETS = ['themes', 'targetGroups', 'city', 'country'] as const satisfies readonly FacetName[];
type DatabaseFacet = (typeof DATABASE_FACETS)[number];

const isDatabaseFacet = (facet: FacetName): facet is DatabaseFacet => (DATABASE_FACETS as readonly string[]).includes(facet);

/** A listed practice as the database list shows it (the practices' summary, cut to what a card shows). */
export type DatabasePractice = {
  id: string;
  title: string;
  summary: string;
  titleEn: string;
  city: string;
  cityName: string;
  country: string;
  themes: string[];
  targetGroups: string[];
  period: { startYear?: number | undefined; endYear?: number | undefined; ongoing: boolean };
  language?: string | undefined;
  publishedAt?: Date | undefined;
};

/** What one listed practice counts towards. */
export type DatabaseFacetRow = Pick<DatabasePractice, 'city' | 'cityName' | 'country' | 'themes' | 'targetGroups'>;

/** The practices feature's reads this page needs (wired in app.ts). */
export type DatabaseBrowse = {
  publishedPage(
    caller: User | undefined,
    narrowing: Record<DatabaseFacet, readonly string[]>,
    page: number,
    perPage: number,
  ): Promise<{ items: DatabasePractice[]; total: number; page: number; pages: number }>;
  publishedFacets(caller: User | undefined): Promise<DatabaseFacetRow[]>;
  /** Every city a practice can be from (the network's and those of published practices). */
  knownCities(caller: User | undefined): Promise<ReadonlySet<string>>;
};

/** A part of the search the database cannot answer, named for the notice. */
export type Dropped = { label: string };

/**
 * The state the database answers: the facets it can narrow by, newest first; and what was left out (the
 * period, other facets, another order), so the page says so rather than silently ignore part of a request.
 */
export function databaseState(state: SearchState, t: Translate): { state: SearchState; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  const filters = emptySelection();
  for (const facet of FACETS) {
    if (isDatabaseFacet(facet)) filters[facet] = state.filters[facet];
    else if (state.filters[facet].length > 0) dropped.push({ label: t(`search.facet.${facet}`) });
  }
  if (state.from !== undefined || state.to !== undefined || state.ongoing) dropped.push({ label: t('search.period.legend') });
  if (state.sort !== DEFAULT_SORT && state.sort !== 'newest') dropped.push({ label: t('search.sort.label') });
  const newestFirst = state.sort === DEFAULT_SORT || state.sort === 'newest';
  // The words stay in the links, so the next click searches them again once the engine answers.
  return {
    state: { ...state, filters, from: undefined, to: undefined, ongoing: false, sort: newestFirst ? state.sort : DEFAULT_SORT },
    dropped,
  };
}

const valuesOf = (row: DatabaseFacetRow, facet: DatabaseFacet): readonly string[] =>
  facet === 'themes' || facet === 'targetGroups' ? row[facet] : [row[facet]];

const matches = (row: DatabaseFacetRow, facet: DatabaseFacet, selection: Selection) =>
  selection[facet].length === 0 || valuesOf(row, facet).some((value) => selection[facet].includes(value));

/**
 * Facet counts as the engine gives them (disjunctive): each facet is counted among the practices that
 * match every other facet's selection, so ticking a second theme shows how many it would add.
 */
export function countFacets(rows: readonly DatabaseFacetRow[], selection: Selection): FacetDistribution {
  const distribution = Object.fromEntries(FACETS.map((facet) => [facet, {}])) as FacetDistribution;
  for (const facet of DATABASE_FACETS) {
    const counts = distribution[facet];
    const others = DATABASE_FACETS.filter((other) => other !== facet);
    for (const row of rows) {
      if (!others.every((other) => matches(row, other, selection))) continue;
      for (const value of new Set(valuesOf(row, facet))) if (value) counts[value] = (counts[value] ?? 0) + 1;
    }
    // A selected value stays listed (with 0) so it can always be seen and removed.
    for (const value of selection[facet]) counts[value] ??= 0;
  }
  return distribution;
}

const noMatches = () => [];

/** The search result the page renders, from the database's page and facet rows. */
export function databaseResult(
  state: SearchState,
  page: Awaited<ReturnType<DatabaseBrowse['publishedPage']>>,
  rows: readonly DatabaseFacetRow[],
): SearchResult {
  const hits = page.items.map((p) =>
    toSearchHit(
      {
        id: p.id,
        title: p.title,
        summary: p.summary,
        titleEn: p.titleEn,
        city: p.city,
        cityName: p.cityName,
        country: p.country,
        themes: p.themes,
        targetGroups: p.targetGroups,
        startYear: p.period.startYear ?? null,
        endYear: p.period.endYear ?? null,
        ongoing: p.period.ongoing,
        language: p.language ?? null,
        publishedAt: p.publishedAt ? Math.floor(p.publishedAt.getTime() / 1000) : null,
      },
      noMatches,
    ),
  );
  return {
    hits,
    facetDistribution: countFacets(rows, state.filters),
    totalHits: page.total,
    page: page.page,
    totalPages: page.pages,
    hitsPerPage: state.hitsPerPage,
    processingTimeMs: 0,
  };
}

/** Facet value labels in the reader's language: vocabulary labels, city names as the practices give them. */
export function databaseLabels(
  distribution: FacetDistribution,
  rows: readonly DatabaseFacetRow[],
  terms: { themes: Map<string, string>; targetGroups: Map<string, string> },
  locale: Locale,
): FacetLabels {
  const cityNames = new Map(rows.map((row) => [row.city, row.cityName]));
  const pick = (facet: FacetName, label: (value: string) => string | undefined) =>
    Object.fromEntries(Object.keys(distribution[facet]).map((value) => [value, label(value) ?? value]));
  return {
    themes: pick('themes', (v) => terms.themes.get(v)),
    targetGroups: pick('targetGroups', (v) => terms.targetGroups.get(v)),
    city: pick('city', (v) => cityNames.get(v)),
    country: pick('country', (v) => displayName('region', v, locale)),
    language: {},
    event: {},
    hasIndicators: {},
  };
}
