import {
  buildFilter,
  emptySelection,
  escapeFilterValue,
  similarFilter,
} from '../../server/features/search/search.filters';
import { parseSearch } from '../../server/features/search/search.schema';
import { searchHref } from '../../server/features/search/search.view';

describe('escapeFilterValue', () => {
  it.each([
    ['lodz', '"lodz"'],
    ['x" OR city = "y', '"x\\" OR city = \\"y"'],
    ['back\\slash', '"back\\\\slash"'],
    ['\\"', '"\\\\\\""'],
    ['ends with \\', '"ends with \\\\"'],
    [')', '")"'],
    ['line\nbreak', '"line\nbreak"'],
    ["it's", '"it\'s"'],
  ])('when the value is %j, then it becomes the single string literal %s', (value, expected) => {
    expect(escapeFilterValue(value)).toBe(expected);
  });

  it('when any value is escaped, then no unescaped double quote is left inside the literal', () => {
    for (const value of ['"', '\\"', '\\\\"', 'a"b"c', '"\\']) {
      const inner = escapeFilterValue(value).slice(1, -1);
      expect(inner.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
    }
  });
});

describe('buildFilter', () => {
  it('when several facets and the period are set, then values are OR-ed within a facet and clauses AND-ed', () => {
    const filters = { ...emptySelection(), themes: ['a', 'b'], city: ['lodz'] };

    expect(buildFilter({ filters, from: 2010, to: 2020, ongoing: true })).toEqual([
      'themes IN ["a", "b"]',
      'city IN ["lodz"]',
      'startYear >= 2010',
      'startYear <= 2020',
      'ongoing = true',
    ]);
  });

  it('when a facet is left out for its own counts, then only the other clauses remain', () => {
    const filters = { ...emptySelection(), themes: ['a'], city: ['lodz'] };

    expect(buildFilter({ filters, ongoing: false }, 'themes')).toEqual(['city IN ["lodz"]']);
  });

  it('when similar practices are asked for, then the practice itself is excluded', () => {
    expect(similarFilter('p"1', ['t'], ['g'])).toEqual(['(themes IN ["t"] OR targetGroups IN ["g"])', 'id != "p\\"1"']);
    expect(similarFilter('p', [], [])).toBeUndefined();
  });
});

describe('parseSearch and searchHref', () => {
  it('when a URL is parsed and written back, then it is the same URL (repeated facet parameters, default sort and page left out)', () => {
    const href = '/search?q=jaunie%C5%A1i&themes=a&themes=b&city=lodz&from=2010&ongoing=1&sort=newest&page=2';
    const parsed = parseSearch(Object.fromEntries(new URLSearchParams(href.split('?')[1]).entries()), 'page');
    const query = {
      q: 'jaunieši',
      themes: ['a', 'b'],
      city: 'lodz',
      from: '2010',
      ongoing: '1',
      sort: 'newest',
      page: '2',
    };

    const again = parseSearch(query, 'page');

    expect(parsed.ok).toBe(true);
    expect(again.ok && searchHref(again.state)).toBe(href);
  });

  it('when empty form fields are sent, then they count as absent', () => {
    const parsed = parseSearch({ q: '', from: '', to: '', sort: '' }, 'page');

    expect(parsed.ok && parsed.state).toMatchObject({
      q: '',
      from: undefined,
      to: undefined,
      sort: 'relevance',
      page: 1,
    });
  });

  it('when the query is too long, then the API refuses it and the page trims it', () => {
    const q = 'ł'.repeat(201);

    expect(parseSearch({ q }, 'api')).toMatchObject({ ok: false, errors: { q: ['search.error.q_too_long'] } });
    expect(parseSearch({ q }, 'page')).toMatchObject({ ok: true, trimmed: true, state: { q: 'ł'.repeat(200) } });
  });

  it('when unknown parameters, a bad year or page are given, then each is named', () => {
    const parsed = parseSearch({ status: 'draft', from: '19', page: '0', sort: 'title' }, 'api');

    expect(parsed).toMatchObject({
      ok: false,
      unknown: ['status'],
      errors: {
        status: ['search.error.unknown_facet'],
        from: ['search.error.year'],
        page: ['search.error.page'],
        sort: ['search.error.unknown_sort'],
      },
    });
  });
});
