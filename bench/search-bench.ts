import { parseSearch, type SearchState } from '../server/features/search';
import type { LoadRequest } from './load-runner';

/**
 * The fixed query mix of the search load test, each labelled with its kind so a slow kind shows up on
 * its own line: plain words in several partner languages, typos, words typed without diacritics,
 * one to three facet filters, explicit sorts, and page 2. Requests go out round-robin through it.
 */
const MIX: { kind: string; params: Record<string, string | string[]> }[] = [
  { kind: 'plain', params: { q: 'youth retention' } },
  { kind: 'plain', params: { q: 'remigrācija' } },
  { kind: 'plain', params: { q: 'młodzież' } },
  { kind: 'plain', params: { q: 'Fachkräftesicherung' } },
  { kind: 'plain', params: { q: 'despoblación' } },
  { kind: 'plain', params: { q: 'housing renovation grants' } },
  { kind: 'typo', params: { q: 'yuoth retension' } },
  { kind: 'typo', params: { q: 'remigracjia' } },
  { kind: 'typo', params: { q: 'entrepreneurship incubtor' } },
  { kind: 'typo', params: { q: 'stypendai' } },
  { kind: 'no-diacritics', params: { q: 'mlodziez' } },
  { kind: 'no-diacritics', params: { q: 'jauniesu noturesana' } },
  { kind: 'no-diacritics', params: { q: 'despoblacion jovenes' } },
  { kind: 'no-diacritics', params: { q: 'locuinte pentru tineri' } },
  { kind: 'facets-1', params: { q: 'youth', themes: 'youth-retention' } },
  { kind: 'facets-1', params: { q: '', city: 'lodz' } },
  { kind: 'facets-2', params: { q: 'mlodziez', city: 'lodz', targetGroups: 'students' } },
  { kind: 'facets-2', params: { q: 'housing', themes: ['housing-urban-regeneration', 'ageing-care'], country: 'DE' } },
  {
    kind: 'facets-3',
    params: {
      q: 'grants',
      themes: 'return-migration-diaspora',
      targetGroups: ['returning-emigrants', 'youth'],
      language: 'lv',
    },
  },
  {
    kind: 'facets-3',
    params: { q: '', city: ['palermo', 'cuenca'], themes: 'youth-retention', hasIndicators: 'true' },
  },
  { kind: 'sort', params: { q: 'family support', sort: 'newest' } },
  { kind: 'sort', params: { q: 'housing', sort: 'budget-desc' } },
  { kind: 'sort', params: { q: '', sort: 'start-year-asc', themes: 'digital-services' } },
  { kind: 'page-2', params: { q: 'youth', page: '2' } },
  { kind: 'page-2', params: { q: 'spopolamento giovani', page: '2', country: 'IT' } },
];

export function queryString(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) search.append(name, v);
  return search.toString();
}

export function searchApiRequests(): LoadRequest[] {
  return MIX.map(({ kind, params }) => ({
    label: kind,
    path: `/api/search?${queryString(params)}`,
    accept: 'application/json',
  }));
}

/** The same kinds of searches as the page a planner reads (HTML), a smaller set. */
export function searchPageRequests(): LoadRequest[] {
  return MIX.filter((_, i) => i % 3 === 0).map(({ params }) => ({
    label: 'search page',
    path: `/search?${queryString(params)}`,
    accept: 'text/html',
  }));
}

/** The mix as the search service receives it from the API (for sending its Meilisearch requests directly). */
export function searchStates(): SearchState[] {
  return MIX.map(({ params }) => {
    const parsed = parseSearch(params, 'api');
    if (!parsed.ok) throw new Error(`bench query refused: ${JSON.stringify(parsed.errors)}`);
    return parsed.state;
  });
}
