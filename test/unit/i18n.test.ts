import { catalogs, negotiateLocale, translator } from '../../server/lib/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogs', () => {
  it('when English and Latvian are compared, then both have exactly the same keys', () => {
    expect(Object.keys(catalogs.lv).sort()).toEqual(Object.keys(catalogs.en).sort());
  });

  it('when a translation has placeholders, then both languages use the same ones', () => {
    for (const [key, english] of Object.entries(catalogs.en)) {
      expect({ key, placeholders: placeholders(catalogs.lv[key] ?? '') }).toEqual({
        key,
        placeholders: placeholders(english),
      });
    }
  });

  it('when no translation is empty, then every string shows something', () => {
    const empty = Object.entries({ ...catalogs.en }).filter(([, v]) => v.trim() === '');
    expect(empty).toEqual([]);
  });
});

describe('translator', () => {
  it('when a key has parameters, then they are filled in', () => {
    expect(translator('lv')('error.status', { status: 404 })).toBe('Kļūda 404');
  });

  it('when a key is unknown, then the key itself is shown rather than failing', () => {
    expect(translator('lv')('no.such.key')).toBe('no.such.key');
  });
});

describe('negotiateLocale', () => {
  it.each([
    ['lv-LV,lv;q=0.9,en;q=0.8', 'lv'],
    ['de-DE,en;q=0.5,lv;q=0.7', 'lv'],
    ['en-GB', 'en'],
    ['lv;q=0, en;q=0.1', 'en'],
    ['pl,de', undefined],
    [undefined, undefined],
  ])('when Accept-Language is %p, then %p is chosen', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
