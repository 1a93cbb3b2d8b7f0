import {
  catalogs,
  DEFAULT_LOCALE,
  LANGUAGE_NAMES,
  LOCALES,
  negotiateLocale,
  pluralBase,
  pluralRulesOf,
  translator,
  type Locale,
} from '../../server/lib/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = catalogs[DEFAULT_LOCALE];
const others = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

/**
 * A catalogue's keys as the languages share them: plain keys, and counted sentences by their bare key with
 * the plural forms each has (`x_one`, `x_other` → x: [one, other]). Languages need different forms.
 */
function shape(locale: Locale): { plain: string[]; plural: Map<string, string[]> } {
  const plain: string[] = [];
  const plural = new Map<string, string[]>();
  for (const key of Object.keys(catalogs[locale])) {
    const form = pluralBase(key);
    if (form) plural.set(form.base, [...(plural.get(form.base) ?? []), form.category]);
    else plain.push(key);
  }
  return { plain, plural };
}

/** The template a placeholder check compares with: the key itself, or the English `other` form of a plural. */
const englishTemplate = (key: string) => english[key] ?? english[`${pluralBase(key)?.base}_other`] ?? '';

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
    const theirs = shape(locale);
    const ours = shape(DEFAULT_LOCALE);
    const keys = new Set([...theirs.plain, ...theirs.plural.keys()]);
    const expected = [...ours.plain, ...ours.plural.keys()];
    const missing = expected.filter((key) => !keys.has(key));
    const extra = [...keys].filter((key) => !expected.includes(key));
    expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
  });

  it.each(LOCALES)('when a %s sentence is counted, then it has exactly the plural forms the language has', (locale) => {
    const categories = [...pluralRulesOf(locale).resolvedOptions().pluralCategories].sort();
    const { plain, plural } = shape(locale);
    const wrong = [...plural]
      .filter(([, forms]) => JSON.stringify([...forms].sort()) !== JSON.stringify(categories))
      .map(([key, forms]) => `${key}: ${forms.join(', ')}`);
    // A key is either plain or counted, never both (the plain one would never be read).
    const both = plain.filter((key) => plural.has(key));
    expect({ locale, wrong, both }).toEqual({ locale, wrong: [], both: [] });
    expect(categories).toContain('other');
  });

  it.each(others)('when a %s string has placeholders, then they are exactly the English ones', (locale) => {
    const wrong = Object.entries(catalogs[locale])
      .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(englishTemplate(key))))
      .map(([key]) => key);
    expect({ locale, wrong }).toEqual({ locale, wrong: [] });
  });

  it('when an English plural form has placeholders, then every form has the same ones', () => {
    const wrong = Object.entries(english)
      .filter(([key]) => pluralBase(key))
      .filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(englishTemplate(key))))
      .map(([key]) => key);
    expect(wrong).toEqual([]);
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
    expect(translator('lv')('no.such.key', { count: 3 })).toBe('no.such.key');
  });
});

describe('translator: counted sentences', () => {
  const count = (locale: Locale, n: number) => translator(locale)('proposals.recommendation_count', { count: n });

  it('when English counts one or several, then the singular and the plural are chosen', () => {
    expect([0, 1, 2, 21].map((n) => count('en', n))).toEqual([
      '0 recommendations',
      '1 recommendation',
      '2 recommendations',
      '21 recommendations',
    ]);
  });

  it('when Latvian counts, then 1 and 21 take the singular, and 0, 11 and 2 the plural (zero, one, other)', () => {
    expect([1, 21, 0, 11, 2].map((n) => count('lv', n))).toEqual([
      '1 ieteikums',
      '21 ieteikums',
      '0 ieteikumi',
      '11 ieteikumi',
      '2 ieteikumi',
    ]);
  });

  it('when Lithuanian counts, then one, few and other (the genitive plural) are chosen by the number', () => {
    expect([1, 21, 2, 22, 10, 15].map((n) => count('lt', n))).toEqual([
      '1 rekomendacija',
      '21 rekomendacija',
      '2 rekomendacijos',
      '22 rekomendacijos',
      '10 rekomendacijų',
      '15 rekomendacijų',
    ]);
  });

  it('when Polish counts, then 1 is one, 2–4 and 22–24 are few, and 5–21 and 25 are many', () => {
    expect([1, 3, 23, 5, 12, 25].map((n) => count('pl', n))).toEqual([
      '1 rekomendacja',
      '3 rekomendacje',
      '23 rekomendacje',
      '5 rekomendacji',
      '12 rekomendacji',
      '25 rekomendacji',
    ]);
  });

  it('when Romanian counts 20 or more, then the sentence takes “de”, as Romanian numerals do', () => {
    expect([1, 19, 20, 101].map((n) => count('ro', n))).toEqual([
      '1 recomandare',
      '19 recomandări',
      '20 de recomandări',
      '101 recomandări',
    ]);
  });

  it('when a count is large, then it is written the way the language writes numbers', () => {
    expect(count('en', 12345)).toBe('12,345 recommendations');
    expect(count('de', 12345)).toBe('12.345 Empfehlungen');
  });

  it('when a key has no plural forms, then the plain string is used with the count filled in', () => {
    expect(translator('en')('audit.count', { count: 1 })).toBe('Events: 1');
  });

  it('when the count is not a number, then the plain key is looked up as before', () => {
    expect(translator('en')('audit.count', { count: '7' })).toBe('Events: 7');
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
