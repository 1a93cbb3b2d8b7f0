import { searchUrlForBrowse } from '../../server/features/practices/http/browse-redirect';
import { countFacets, databaseState, type DatabaseFacetRow } from '../../server/features/search/search-database';
import { emptySelection, type SearchState, type Selection } from '../../server/features/search/search.filters';
import { normalisedValues, unknownValues, withoutValues } from '../../server/features/search/search.values';
import { translator } from '../../server/lib/i18n';

const state = (change: Partial<SearchState> = {}, filters: Partial<Selection> = {}): SearchState => ({
  q: '',
  filters: { ...emptySelection(), ...filters },
  ongoing: false,
  sort: 'relevance',
  page: 1,
  hitsPerPage: 10,
  ...change,
});

describe('the old browse address', () => {
  it.each([
    ['', '/search'],
    ['theme=youth-retention', '/search?themes=youth-retention'],
    ['targetGroup=seniors&city=kaunas&country=lt&page=2', '/search?targetGroups=seniors&city=kaunas&country=LT&page=2'],
    ['theme=&city=&targetGroup=&country=', '/search'],
    ['q=housing&colour=red', '/search?q=housing&colour=red'],
    ['theme[$ne]=x', '/search?theme%5B%24ne%5D=x'],
    ['city=%E2%80%A6%ZZ', '/search?city=%E2%80%A6%25ZZ'],
  ])('when /practices?%s is opened, then it leads to %s', (query, expected) => {
    expect(searchUrlForBrowse(query)).toBe(expected);
  });
});

describe('facet counts from the database', () => {
  const rows: DatabaseFacetRow[] = [
    { city: 'kaunas', cityName: 'Kaunas', country: 'LT', themes: ['youth', 'housing'], targetGroups: ['seniors'] },
    { city: 'kaunas', cityName: 'Kaunas', country: 'LT', themes: ['youth'], targetGroups: [] },
    { city: 'lodz', cityName: 'Łódź', country: 'PL', themes: ['housing'], targetGroups: ['seniors'] },
    { city: 'riga-lv', cityName: 'Rīga', country: 'LV', themes: [], targetGroups: ['youth'] },
  ];

  it('when nothing is selected, then every value is counted across all practices', () => {
    const counts = countFacets(rows, emptySelection());

    expect(counts.themes).toEqual({ youth: 2, housing: 2 });
    expect(counts.city).toEqual({ kaunas: 2, lodz: 1, 'riga-lv': 1 });
    expect(counts.country).toEqual({ LT: 2, PL: 1, LV: 1 });
    expect(counts.targetGroups).toEqual({ seniors: 2, youth: 1 });
    expect(counts.language).toEqual({});
  });

  it('when a theme is selected, then themes are counted without it (to add one) and other facets within it', () => {
    const counts = countFacets(rows, { ...emptySelection(), themes: ['housing'] });

    expect(counts.themes).toEqual({ youth: 2, housing: 2 });
    expect(counts.city).toEqual({ kaunas: 1, lodz: 1 });
    expect(counts.targetGroups).toEqual({ seniors: 2 });
  });

  it('when a selected value matches nothing, then it is still listed with 0 so it can be removed', () => {
    const counts = countFacets(rows, { ...emptySelection(), city: ['vejle'] });

    expect(counts.city.vejle).toBe(0);
    expect(counts.themes).toEqual({});
  });
});

describe('what the database cannot apply', () => {
  const t = translator('en');

  it('when a search has words, a period, other facets and another order, then only the four facets remain and the rest is named', () => {
    const asked = state(
      { q: 'housing', from: 2015, ongoing: true, sort: 'budget-desc' },
      { themes: ['youth'], city: ['kaunas'], language: ['lt'], event: ['x'] },
    );

    const { state: applied, dropped } = databaseState(asked, t);

    expect(applied.filters).toEqual({ ...emptySelection(), themes: ['youth'], city: ['kaunas'] });
    expect(applied).toMatchObject({ q: 'housing', from: undefined, ongoing: false, sort: 'relevance' });
    expect(dropped.map((d) => d.label)).toEqual(['Original language', 'Presented at', 'Period', 'Sort by']);
  });

  it('when only the four facets are asked for, newest first, then nothing is left out', () => {
    expect(databaseState(state({ sort: 'newest' }, { country: ['LT'] }), t).dropped).toEqual([]);
  });
});

describe('filter values the search page refuses', () => {
  const known = { themes: new Set(['youth']), targetGroups: new Set(['seniors']), city: new Set(['kaunas']) };

  it('when values are known or well formed, then none is refused', () => {
    const asked = state({}, { themes: ['youth'], city: ['kaunas'], country: ['LT'], language: ['lv'], hasIndicators: ['true'] });

    expect(unknownValues(asked, known)).toEqual([]);
  });

  it('when a value is not in the vocabulary, not a city of any practice, or not a European country, then each is named', () => {
    const asked = state({}, { themes: ['youth', 'aliens'], targetGroups: ['cats'], city: ['atlantis'], country: ['US'], hasIndicators: ['maybe'] });

    expect(unknownValues(asked, known)).toEqual([
      { facet: 'themes', value: 'aliens' },
      { facet: 'city', value: 'atlantis' },
      { facet: 'country', value: 'US' },
      { facet: 'targetGroups', value: 'cats' },
      { facet: 'hasIndicators', value: 'maybe' },
    ]);
  });

  it('when the vocabulary cannot be read, then only the form of a value is checked', () => {
    const asked = state({}, { themes: ['aliens', 'x" OR 1'], city: ['atlantis'] });

    expect(unknownValues(asked, {})).toEqual([{ facet: 'themes', value: 'x" OR 1' }]);
  });

  it('when a country code is in small letters, then it means the same country', () => {
    expect(normalisedValues(state({}, { country: ['lv', 'LV', 'xyz'] })).filters.country).toEqual(['LV', 'xyz']);
  });

  it('when refused values are taken out, then the rest of the search stays and it starts at page 1', () => {
    const asked = state({ q: 'a', page: 3 }, { themes: ['youth', 'aliens'] });

    expect(withoutValues(asked, [{ facet: 'themes', value: 'aliens' }])).toMatchObject({
      q: 'a',
      page: 1,
      filters: { ...emptySelection(), themes: ['youth'] },
    });
  });
});
