import type { Translate } from '../../lib/i18n';
import { REC_FACETS, REC_SORT_KEYS, type RecFacet, type RecSearchState } from './recommendation-search.schema';
import type { RecommendationSearchResult } from './recommendation-search.service';

/**
 * The search page's view model for recommendations. Every link is the whole state of a search as a URL
 * (`type=recommendations` included), so facets, chips and pages work without JavaScript.
 */
export function recommendationSearchHref(state: RecSearchState): string {
  const params = new URLSearchParams({ type: 'recommendations' });
  if (state.q !== '') params.set('q', state.q);
  for (const facet of REC_FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return `/search?${params.toString()}`;
}

const changed = (state: RecSearchState, filters: Partial<RecSearchState['filters']>): RecSearchState => ({
  ...state,
  page: 1,
  filters: { ...state.filters, ...filters },
});

function toggled(state: RecSearchState, facet: RecFacet, value: string): RecSearchState {
  const values = state.filters[facet];
  return changed(state, { [facet]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value] });
}

/** Translation key prefixes of the facets with fixed values; the others are vocabulary slugs. */
const VALUE_KEYS: Partial<Record<RecFacet, string>> = {
  horizons: 'recommendations.horizon.',
  costBands: 'recommendations.cost.',
  populationBands: 'recommendations.population.',
  trends: 'recommendations.trend.',
  roles: 'recommendations.role_in_region.',
  priority: 'recommendations.priority.',
  status: 'recommendations.status.',
};

const VISIBLE_VALUES = 8;

export function buildRecommendationSearchView(
  state: RecSearchState,
  result: RecommendationSearchResult,
  labels: { measureGroup: Map<string, string>; themes: Map<string, string>; targetGroups: Map<string, string> },
  t: Translate,
  locale: string,
) {
  const valueLabel = (facet: RecFacet, value: string): string => {
    const key = VALUE_KEYS[facet];
    if (key) return t(key + value);
    const map = facet === 'measureGroup' ? labels.measureGroup : facet === 'themes' ? labels.themes : labels.targetGroups;
    return map.get(value) ?? value;
  };
  const facets = result.facets
    .map((facet) => {
      const values = Object.entries(result.facetDistribution[facet])
        .map(([value, count]) => ({
          value,
          count,
          label: valueLabel(facet, value),
          selected: state.filters[facet].includes(value),
          href: recommendationSearchHref(toggled(state, facet, value)),
        }))
        .sort((a, b) => Number(b.selected) - Number(a.selected) || b.count - a.count || a.label.localeCompare(b.label, locale));
      return { name: facet, label: t(`search.rec_facet.${facet}`), shown: values.slice(0, VISIBLE_VALUES), more: values.slice(VISIBLE_VALUES) };
    })
    .filter((f) => f.shown.length > 0);
  const chips = result.facets.flatMap((facet) =>
    state.filters[facet].map((value) => ({
      label: `${t(`search.rec_facet.${facet}`)}: ${valueLabel(facet, value)}`,
      href: recommendationSearchHref(toggled(state, facet, value)),
    })),
  );
  const { page, totalPages } = result;
  const pageHref = (n: number) => recommendationSearchHref({ ...state, page: n });
  return {
    state,
    totalHits: result.totalHits,
    totalPages,
    page,
    facets,
    chips,
    clearFiltersHref: chips.length > 0 ? recommendationSearchHref(changed(state, Object.fromEntries(REC_FACETS.map((f) => [f, []])))) : undefined,
    hits: result.hits.map((hit) => ({
      ...hit,
      href: `/recommendations/${encodeURIComponent(hit.id)}`,
      measureGroupLabel: hit.measureGroup ? valueLabel('measureGroup', hit.measureGroup) : undefined,
      themeLabels: hit.themes.map((slug) => valueLabel('themes', slug)),
      horizonLabels: hit.horizons.map((h) => valueLabel('horizons', h)),
    })),
    pagination: {
      prev: page > 1 ? pageHref(page - 1) : undefined,
      next: page < totalPages ? pageHref(page + 1) : undefined,
    },
    sortOptions: REC_SORT_KEYS.map((key) => ({ key, label: t(`search.rec_sort.${key}`), selected: key === state.sort })),
    /** The selection as hidden fields of the query form, so a new query keeps its filters (and its kind). */
    hidden: [{ name: 'type', value: 'recommendations' }, ...result.facets.flatMap((facet) => state.filters[facet].map((value) => ({ name: facet, value })))],
  };
}

/** The switch between the two kinds, each with the number one query finds. */
export function kindSwitch(q: string, current: 'practices' | 'recommendations', counts: { practices: number; recommendations: number }) {
  const query = (type?: string) => {
    const params = new URLSearchParams({ ...(type ? { type } : {}), ...(q ? { q } : {}) }).toString();
    return params ? `/search?${params}` : '/search';
  };
  return [
    { type: 'practices' as const, count: counts.practices, href: query(), current: current === 'practices' },
    { type: 'recommendations' as const, count: counts.recommendations, href: query('recommendations'), current: current === 'recommendations' },
  ];
}
