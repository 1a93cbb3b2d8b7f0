import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import Negotiator from 'negotiator';
import { dateLabel } from './date-label';
import { formatTag, localeFormat } from './format';
import { localesDir } from './paths';

/**
 * The interface languages, each named in itself: a reader looks for their own language in the switch,
 * whatever language the page is in now. The order is the switch's order (the network's partners).
 */
export const LANGUAGE_NAMES = {
  en: 'English',
  lv: 'Latviešu',
  lt: 'Lietuvių',
  pl: 'Polski',
  de: 'Deutsch',
  ro: 'Română',
  it: 'Italiano',
  da: 'Dansk',
  es: 'Español',
} as const;
export type Locale = keyof typeof LANGUAGE_NAMES;
export const LOCALES = Object.keys(LANGUAGE_NAMES) as [Locale, ...Locale[]];
export const DEFAULT_LOCALE = 'en' satisfies Locale;
export const LOCALE_COOKIE = 'lang';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

type Catalog = Record<string, string>;

// One file per feature (server/locales/<locale>/<feature>.json), merged; a key defined twice is a mistake.
function loadCatalog(locale: Locale): Catalog {
  const dir = path.join(localesDir, locale);
  const catalog: Catalog = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const entries = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Catalog;
    for (const [key, value] of Object.entries(entries)) {
      if (Object.hasOwn(catalog, key)) throw new Error(`Translation key ${key} is defined twice (${locale}/${file})`);
      catalog[key] = value;
    }
  }
  return catalog;
}

function loadCatalogs(): Record<Locale, Catalog> {
  return Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(l)])) as Record<Locale, Catalog>;
}

export const catalogs = loadCatalogs();

/** The interface language spoken in a partner country (ISO 3166 code), where it is one of ours. */
const COUNTRY_LOCALES: Readonly<Record<string, Locale>> = {
  LV: 'lv',
  LT: 'lt',
  PL: 'pl',
  DE: 'de',
  RO: 'ro',
  IT: 'it',
  DK: 'da',
  ES: 'es',
};

export function localeOfCountry(country: string | undefined): Locale | undefined {
  return country ? COUNTRY_LOCALES[country.toUpperCase()] : undefined;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The plural categories CLDR knows; a catalogue writes a counted sentence as `key_one`, `key_other`, … */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

const pluralKey = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join('|')})$`);

/**
 * The key a plural form belongs to (`search.count_one` → `search.count`), or undefined for other keys. A form
 * is one only when English has the key's `_other` form: `error.too_many` alone is an ordinary key.
 */
export function pluralBase(key: string): { base: string; category: PluralCategory } | undefined {
  const match = pluralKey.exec(key);
  if (!match || !Object.hasOwn(catalogs[DEFAULT_LOCALE], `${match[1]}_other`)) return undefined;
  return { base: match[1]!, category: match[2] as PluralCategory };
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The forms a language's counted sentences need (Latvian: zero, one, other; Polish: one, few, many, other). */
export function pluralRulesOf(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules;
}

/**
 * A counted sentence in a catalogue: the form for this count's plural category, else the `other` form,
 * else a key without forms (strings that need none, such as "Practices found: {count}").
 */
function counted(locale: Locale, key: string, count: number): string | undefined {
  const catalog = catalogs[locale];
  const category = pluralRulesOf(locale).select(count);
  return catalog[`${key}_${category}`] ?? catalog[`${key}_other`] ?? catalog[key];
}

const integerFormats = new Map<Locale, Intl.NumberFormat>();

function formatCount(locale: Locale, count: number): string {
  let format = integerFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(formatTag(locale), { maximumFractionDigits: 2 });
    integerFormats.set(locale, format);
  }
  return format.format(count);
}

/**
 * A missing translation falls back to English, then to the key itself, so a page never breaks over a string.
 * A numeric `count` picks the plural form of the reader's language (Intl.PluralRules) and is written the way
 * that language writes numbers (1 234 in Latvian, 1,234 in English).
 */
export function translator(locale: Locale): Translate {
  return (key, params) => {
    const count = params?.count;
    const template =
      typeof count === 'number' && Number.isFinite(count)
        ? (counted(locale, key, count) ?? counted(DEFAULT_LOCALE, key, count) ?? key)
        : (catalogs[locale][key] ?? catalogs[DEFAULT_LOCALE][key] ?? key);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      if (!Object.hasOwn(params, name)) return match;
      const value = params[name];
      return name === 'count' && typeof value === 'number' ? formatCount(locale, value) : String(value);
    });
  };
}

/**
 * A value kept in several languages (a vocabulary term's labels) in the reader's language, or the English
 * one when it has none in theirs, rather than nothing.
 */
export function localized(values: { en: string } & Partial<Record<string, string>>, locale: Locale): string {
  return values[locale] ?? values.en;
}

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A country's or language's name in the reader's language, from the runtime's ICU data. Codes can come
 * from a URL (a search filter), so anything that is not a well-formed code is shown as it was given.
 */
export function displayName(type: 'region' | 'language', code: string, locale: string): string {
  const key = `${type}:${locale}`;
  let names = displayNames.get(key);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type, fallback: 'code' });
    displayNames.set(key, names);
  }
  if (code.trim() === '') return code;
  try {
    return names.of(code) ?? code;
  } catch (error) {
    if (error instanceof RangeError) return code;
    throw error;
  }
}

/**
 * The best interface language for an Accept-Language header (q-values, regional tags such as de-AT),
 * or undefined when the reader accepts none of them. Parsing is negotiator's, the parser Express uses.
 */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages(LOCALES);
  return isLocale(best) ? best : undefined;
}

export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const fromCookie = (req.cookies as Record<string, unknown> | undefined)?.[LOCALE_COOKIE];
  const locale = isLocale(fromCookie) ? fromCookie : (negotiateLocale(req.get('accept-language')) ?? DEFAULT_LOCALE);
  res.locals.locale = locale;
  res.locals.languageName = LANGUAGE_NAMES[locale];
  res.locals.languages = LOCALES.map((code) => ({ code, name: LANGUAGE_NAMES[code] }));
  res.locals.t = translator(locale);
  res.locals.fmt = localeFormat(locale);
  res.locals.dated = (kind, value, precision) => dateLabel(res.locals.t, res.locals.fmt, kind, value, precision);
  res.locals.localized = (values) => localized(values, locale);
  res.locals.regionName = (code: string) => displayName('region', code, locale);
  res.locals.tOr = (key: string, fallback: string) => {
    const text = res.locals.t(key);
    return text === key ? fallback : text;
  };
  next();
}
