import { catalogs, DEFAULT_LOCALE, LANGUAGE_NAMES, LOCALES, negotiateLocale, translator } from '../../server/lib/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = catalogs[DEFAULT_LOCALE];
const others = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

describe('i18n catalogs', () => {
  it('when the interface languages are listed, then all nine partner languages are there, each named in itself', () => {
    expect(LANGUAGE_NAMES).toEqual({
      en: 'English',
      lv: 'Latviešu',
      lt: 'Lietuvių',
      pl: 'Polski',
      de: 'Deutsch',
      ro: 'Română',
      it: 'Italiano',
      da: 'Dansk',
      es: 'Español',
    });
  });

  it.each(others)('when %s is compared with English, then no key is missing and none is extra', (locale) => {
    const keys = new Set(Object.keys(catalogs[locale]));
    const missing = Object.keys(english).filter((key) => !keys.has(key));
    const extra = [...keys].filter((key) => !Object.hasOwn(english, key));
    expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
  });

  it.each(others)('when a %s string has placeholders, then they are exactly the English ones', (locale) => {
    const wrong = Object.entries(english)
      .filter(([key, text]) => JSON.stringify(placeholders(catalogs[locale][key] ?? '')) !== JSON.stringify(placeholders(text)))
      .map(([key]) => key);
    expect({ locale, wrong }).toEqual({ locale, wrong: [] });
  });

  it.each(LOCALES)('when the %s catalogue is read, then no string is empty and none carries HTML', (locale) => {
    const bad = Object.entries(catalogs[locale])
      .filter(([, text]) => text.trim() === '' || /<\/?[a-z][^>]*>/i.test(text))
      .map(([key]) => key);
    expect({ locale, bad }).toEqual({ locale, bad: [] });
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
    ['fr-FR,en;q=0.5,lv;q=0.7', 'lv'],
    ['en-GB', 'en'],
    ['lv;q=0, en;q=0.1', 'en'],
    ['de-AT,de;q=0.9,en;q=0.5', 'de'],
    ['pl', 'pl'],
    ['da-DK, en;q=0.3', 'da'],
    ['es-419,es;q=0.9', 'es'],
    ['ro-RO', 'ro'],
    ['it-CH;q=0.8, lt-LT', 'lt'],
    ['fr,nl', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('when Accept-Language is %p, then %p is chosen', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
