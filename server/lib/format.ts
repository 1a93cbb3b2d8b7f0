import type { Locale } from './i18n';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The Intl tag a language is formatted with. English pages follow British usage (1 Dec 2026, 24-hour
 * times), as European readers expect; the other languages use their own defaults.
 */
const FORMAT_TAGS: Partial<Record<Locale, string>> = { en: 'en-GB' };

export const formatTag = (locale: Locale): string => FORMAT_TAGS[locale] ?? locale;

export type LocaleFormat = ReturnType<typeof createLocaleFormat>;

type When = Date | string | undefined | null;

/**
 * Dates, times, numbers, money and sizes the way the reader's language writes them (Intl/ICU), so templates
 * print values without building formats themselves. Times are shown in UTC and say so: the server does not
 * know the reader's time zone, and the audit log's filters are in UTC too.
 */
function createLocaleFormat(locale: Locale) {
  const tag = formatTag(locale);
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  const monthFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(tag, { maximumFractionDigits: 6 });
  // Whole amounts without decimals, others with both cents (€45,000 and €45,000.50, never €45,000.5).
  const moneyFormat = new Intl.NumberFormat(tag, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    trailingZeroDisplay: 'stripIfInteger',
  });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const unit = (name: string, digits: number) =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits });
  const bytes = unit('byte', 0);
  const kilobytes = unit('kilobyte', 1);
  const megabytes = unit('megabyte', 1);
  const valid = (value: When): Date | undefined => {
    if (!value) return undefined;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };

  return {
    date: (value: When) => {
      const date = valid(value);
      return date ? dateFormat.format(date) : '';
    },
    dateTime: (value: When) => {
      const date = valid(value);
      return date ? dateTimeFormat.format(date) : '';
    },
    /** A month of a year ("May 2018"), month 1–12. */
    month: (year: number, month: number) => monthFormat.format(new Date(Date.UTC(year, month - 1, 1))),
    /** The machine-readable form for <time datetime>. */
    iso: (value: When) => valid(value)?.toISOString() ?? '',
    number: (value: number | undefined | null) => (typeof value === 'number' ? numberFormat.format(value) : ''),
    money: (value: number | undefined | null) => (typeof value === 'number' ? moneyFormat.format(value) : ''),
    /** 1024-based, as file managers show sizes. */
    size(value: number): string {
      if (value < 1024) return bytes.format(value);
      if (value < 1024 * 1024) return kilobytes.format(value / 1024);
      return megabytes.format(value / (1024 * 1024));
    },
    /** "3 days ago", "today": how long something has waited. */
    ago(value: When, now: Date = new Date()): string {
      const date = valid(value);
      if (!date) return '';
      const days = Math.floor((now.getTime() - date.getTime()) / DAY_MS);
      return relative.format(-Math.max(0, days), 'day');
    },
  };
}

const cache = new Map<Locale, LocaleFormat>();

export function localeFormat(locale: Locale): LocaleFormat {
  let format = cache.get(locale);
  if (!format) {
    format = createLocaleFormat(locale);
    cache.set(locale, format);
  }
  return format;
}
