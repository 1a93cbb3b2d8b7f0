import { isEuropeanCountry } from '../practices';
import { FACETS, type FacetName, type SearchState } from './search.filters';

/**
 * Filter values the search page refuses: a value no practice can have (a misspelt theme, a city nobody
 * wrote about, a country outside Europe) says so with a 400, rather than look like an empty result. The JSON
 * API keeps answering such filters with no hits: clients build their own messages.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The values a facet may take where the vocabulary or the network decides; undefined: not known now. */
export type KnownValues = Partial<Record<'themes' | 'targetGroups' | 'city', ReadonlySet<string>>>;

export type UnknownValue = { facet: FacetName; value: string };

/** The form a value of each facet has, whatever the data (checked even while MongoDB is away). */
const SHAPES: Record<FacetName, (value: string) => boolean> = {
  themes: (v) => SLUG.test(v),
  targetGroups: (v) => SLUG.test(v),
  city: (v) => SLUG.test(v),
  event: (v) => SLUG.test(v),
  // Practices are from European countries only (the practice form's rule).
  country: (v) => isEuropeanCountry(v),
  language: (v) => /^[a-z]{2,3}$/.test(v),
  hasIndicators: (v) => v === 'true' || v === 'false',
};

/** Country codes are stored in capitals; a link with `lv` means the same as `LV`. */
export function normalisedValues(state: SearchState): SearchState {
  const country = [...new Set(state.filters.country.map((code) => (/^[a-z]{2}$/i.test(code) ? code.toUpperCase() : code)))];
  return { ...state, filters: { ...state.filters, country } };
}

export function unknownValues(state: SearchState, known: KnownValues): UnknownValue[] {
  return FACETS.flatMap((facet) =>
    state.filters[facet]
      .filter((value) => {
        if (!SHAPES[facet](value)) return true;
        const set = facet === 'themes' || facet === 'targetGroups' || facet === 'city' ? known[facet] : undefined;
        return set !== undefined && !set.has(value);
      })
      .map((value) => ({ facet, value })),
  );
}

/** The same search without the refused values: what the error offers instead. */
export function withoutValues(state: SearchState, unknown: readonly UnknownValue[]): SearchState {
  const filters = { ...state.filters };
  for (const facet of FACETS) {
    filters[facet] = filters[facet].filter((value) => !unknown.some((u) => u.facet === facet && u.value === value));
  }
  return { ...state, filters, page: 1 };
}
