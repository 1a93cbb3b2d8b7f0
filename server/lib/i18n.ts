import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { localesDir } from './paths';

export const LOCALES = ['en', 'lv'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
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

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A missing translation falls back to English, then to the key itself, so a page never breaks over a string. */
export function translator(locale: Locale): Translate {
  return (key, params) => {
    const template = catalogs[locale][key] ?? catalogs[DEFAULT_LOCALE][key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : match,
    );
  };
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** A country's or language's name in the reader's language, from the runtime's ICU data. */
export function displayName(type: 'region' | 'language', code: string, locale: string): string {
  const key = `${type}:${locale}`;
  let names = displayNames.get(key);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type, fallback: 'code' });
    displayNames.set(key, names);
  }
  return names.of(code) ?? code;
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find(isLocale);
}

export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  const fromCookie = (req.cookies as Record<string, unknown> | undefined)?.[LOCALE_COOKIE];
  const locale = isLocale(fromCookie) ? fromCookie : (negotiateLocale(req.get('accept-language')) ?? DEFAULT_LOCALE);
  res.locals.locale = locale;
  res.locals.t = translator(locale);
  res.locals.regionName = (code: string) => displayName('region', code, locale);
  res.locals.tOr = (key: string, fallback: string) => {
    const text = res.locals.t(key);
    return text === key ? fallback : text;
  };
  next();
}
