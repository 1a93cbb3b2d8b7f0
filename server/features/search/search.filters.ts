/**
 * What a search may be narrowed and ordered by, and how a selection becomes a Meilisearch filter.
 * Only these names ever reach the engine: a facet or sort field is never taken from the request.
 */
export const FACETS = ['themes', 'city', 'country', 'targetGroups', 'language', 'event', 'hasIndicators'] as const;
export type FacetName = (typeof FACETS)[number];

export const isFacet = (name: string): name is FacetName => (FACETS as readonly string[]).includes(name);

export const SORTS = {
  relevance: [],
  newest: ['publishedAt:desc'],
  'start-year-desc': ['startYear:desc'],
  'start-year-asc': ['startYear:asc'],
  'budget-desc': ['budgetEur:desc'],
  'budget-asc': ['budgetEur:asc'],
} as const satisfies Record<string, readonly string[]>;
export type SortKey = keyof typeof SORTS;
export const SORT_KEYS = Object.keys(SORTS) as SortKey[];
export const DEFAULT_SORT: SortKey = 'relevance';

export const isSortKey = (name: string): name is SortKey => Object.hasOwn(SORTS, name);

export type Selection = Record<FacetName, string[]>;

/** The whole state of a search: what the URL holds, parsed. */
export type SearchState = {
  q: string;
  filters: Selection;
  /** Start year from/to (inclusive) and "still running": the period filter. */
  from?: number | undefined;
  to?: number | undefined;
  ongoing: boolean;
  sort: SortKey;
  page: number;
  hitsPerPage: number;
};

export const emptySelection = (): Selection => Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Selection;

/**
 * A filter value as a Meilisearch string literal: wrapped in double quotes, with backslashes and
 * double quotes escaped, so whatever a person types stays one value (`x" OR city = "y` included).
 */
export function escapeFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function facetClause(facet: FacetName, values: readonly string[]): string {
  return `${facet} IN [${values.map(escapeFilterValue).join(', ')}]`;
}

/**
 * The filter for a state: OR within a facet, AND across facets and the period. `except` leaves one
 * facet's own selection out, which is how that facet's counts stay right (disjunctive faceting).
 */
export function buildFilter(
  state: Pick<SearchState, 'filters' | 'from' | 'to' | 'ongoing'>,
  except?: FacetName,
): string[] {
  const clauses: string[] = [];
  for (const facet of FACETS) {
    const values = state.filters[facet];
    if (facet !== except && values.length > 0) clauses.push(facetClause(facet, values));
  }
  // Years are validated integers, never text from the request.
  if (state.from !== undefined) clauses.push(`startYear >= ${Math.trunc(state.from)}`);
  if (state.to !== undefined) clauses.push(`startYear <= ${Math.trunc(state.to)}`);
  if (state.ongoing) clauses.push('ongoing = true');
  return clauses;
}

/** Facets whose values the person has narrowed: each gets its own count query. */
export const selectedFacets = (filters: Selection): FacetName[] => FACETS.filter((f) => filters[f].length > 0);

/** Similar practices: sharing a theme or a target group, never the practice itself. */
export function similarFilter(
  practiceId: string,
  themes: readonly string[],
  targetGroups: readonly string[],
): string[] | undefined {
  const either = [
    ...(themes.length > 0 ? [facetClause('themes', themes)] : []),
    ...(targetGroups.length > 0 ? [facetClause('targetGroups', targetGroups)] : []),
  ];
  if (either.length === 0) return undefined;
  return [`(${either.join(' OR ')})`, `id != ${escapeFilterValue(practiceId)}`];
}
