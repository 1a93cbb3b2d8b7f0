import { localeFormat } from '../../lib/format';
import type { Locale, Translate } from '../../lib/i18n';
import { displayName } from '../practices/practices.data';
import { DEFAULT_SORT, FACETS, SORT_KEYS, type FacetName, type SearchState } from './search.filters';
import type { SearchHit } from './search.hits';
import type { FacetLabels, SearchResult } from './search.service';

/**
 * The search page's view model. Every link is the whole state of a search as a URL, so facets,
 * chips and pages are plain links that work without JavaScript and can be shared.
 */
export function searchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.from !== undefined) params.set('from', String(state.from));
  if (state.to !== undefined) params.set('to', String(state.to));
  if (state.ongoing) params.set('ongoing', '1');
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

export function searchHref(state: SearchState): string {
  const query = searchParams(state).toString();
  return query ? `/search?${query}` : '/search';
}

/** A changed copy of the state; any change of what is searched goes back to the first page. */
function changed(state: SearchState, change: Partial<SearchState>): SearchState {
  return { ...state, page: 1, ...change, filters: { ...state.filters, ...change.filters } };
}

function toggled(state: SearchState, facet: FacetName, value: string): SearchState {
  const values = state.filters[facet];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return changed(state, { filters: { ...state.filters, [facet]: next } });
}

const VISIBLE_VALUES = 8;

export type SearchPageView = ReturnType<typeof buildSearchView>;

export function buildSearchView(
  state: SearchState,
  result: SearchResult,
  labels: FacetLabels,
  t: Translate,
  locale: Locale,
) {
  const valueLabel = (facet: FacetName, value: string) =>
    facet === 'hasIndicators'
      ? t(`search.indicators.${value === 'true' ? 'yes' : 'no'}`)
      : (labels[facet][value] ?? value);

  const facets = FACETS.map((facet) => {
    const values = Object.entries(result.facetDistribution[facet])
      .map(([value, count]) => ({
        value,
        count,
        label: valueLabel(facet, value),
        selected: state.filters[facet].includes(value),
        href: searchHref(toggled(state, facet, value)),
      }))
      .sort(
        (a, b) =>
          Number(b.selected) - Number(a.selected) || b.count - a.count || a.label.localeCompare(b.label, locale),
      );
    return {
      name: facet,
      label: t(`search.facet.${facet}`),
      shown: values.slice(0, VISIBLE_VALUES),
      more: values.slice(VISIBLE_VALUES),
    };
  }).filter((f) => f.shown.length > 0);

  const chips = [
    ...FACETS.flatMap((facet) =>
      state.filters[facet].map((value) => ({
        label: `${t(`search.facet.${facet}`)}: ${valueLabel(facet, value)}`,
        href: searchHref(toggled(state, facet, value)),
      })),
    ),
    ...(state.from !== undefined
      ? [{ label: t('search.chip.from', { year: state.from }), href: searchHref(changed(state, { from: undefined })) }]
      : []),
    ...(state.to !== undefined
      ? [{ label: t('search.chip.to', { year: state.to }), href: searchHref(changed(state, { to: undefined })) }]
      : []),
    ...(state.ongoing
      ? [{ label: t('search.chip.ongoing'), href: searchHref(changed(state, { ongoing: false })) }]
      : []),
  ];
  const withoutFilters = changed(state, {
    filters: Object.fromEntries(FACETS.map((f) => [f, []])) as never,
    from: undefined,
    to: undefined,
    ongoing: false,
  });

  const pageHref = (page: number) => searchHref({ ...state, page });
  const { totalPages, page } = result;
  const around = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, totalPages])]
    .filter((n) => n >= 1 && n <= totalPages)
    .sort((a, b) => a - b);
  const pages = around.flatMap((n, i) => [
    ...(i > 0 && n - (around[i - 1] ?? n) > 1 ? [null] : []),
    { n, href: pageHref(n), current: n === page },
  ]);

  const { money } = localeFormat(locale);
  const hits = result.hits.map((hit: SearchHit) => ({
    ...hit,
    href: `/practices/${encodeURIComponent(hit.id)}`,
    countryName: displayName('region', hit.country, locale),
    themeLabels: hit.themes.map((slug) => labels.themes[slug] ?? slug),
    period:
      hit.startYear === null
        ? undefined
        : hit.ongoing
          ? t('search.period.ongoing', { from: hit.startYear })
          : hit.endYear !== null && hit.endYear !== hit.startYear
            ? `${hit.startYear}–${hit.endYear}`
            : String(hit.startYear),
    // Whole euros on a result card: the practice page has the exact amount.
    budget: hit.budgetEur === null ? undefined : money(Math.round(hit.budgetEur)),
  }));

  return {
    state,
    totalHits: result.totalHits,
    totalPages,
    page,
    hits,
    facets,
    chips,
    clearFiltersHref: chips.length > 0 ? searchHref(withoutFilters) : undefined,
    /** A bookmarked page number past the last page: offer the last page instead of "no results". */
    lastPageHref: result.totalHits > 0 && result.hits.length === 0 ? pageHref(Math.max(totalPages, 1)) : undefined,
    pagination: {
      prev: page > 1 ? pageHref(Math.min(page - 1, Math.max(totalPages, 1))) : undefined,
      next: page < totalPages ? pageHref(page + 1) : undefined,
      pages: totalPages > 1 ? pages : [],
    },
    sortOptions: SORT_KEYS.map((key) => ({ key, label: t(`search.sort.${key}`), selected: key === state.sort })),
    /** The facet selection as hidden fields of the query form, so a new query keeps its filters. */
    hidden: FACETS.flatMap((facet) => state.filters[facet].map((value) => ({ name: facet, value }))),
    /** No results: one link per active filter that drops it, the whole search without filters, and a fresh start. */
    suggestions: {
      dropFilters: chips.map((chip) => ({ label: chip.label, href: chip.href })),
      withoutFilters: chips.length > 1 ? searchHref(withoutFilters) : undefined,
      checkSpelling: state.q.trim() !== '',
    },
    processingTimeMs: result.processingTimeMs,
  };
}
