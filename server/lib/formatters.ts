import type { Locale } from './i18n';
import { attachmentTypeOf } from './uploads';
import { displayName } from './i18n';

const DAY_MS = 24 * 60 * 60 * 1000;
const cache = new Map<string, Formatters>();

export type Formatters = ReturnType<typeof createFormatters>;

/**
 * Dates, numbers, sizes and names the way the reader's language writes them (Intl/ICU), so templates
 * print values without building number or date formats themselves.
 */
function createFormatters(locale: Locale) {
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const unit = (name: string, digits: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits });
  const bytes = unit('byte', 0);
  const kilobytes = unit('kilobyte', 1);
  const megabytes = unit('megabyte', 1);

  return {
    date: (value: Date | string | undefined) => (value ? dateFormat.format(new Date(value)) : ''),
    dateTime: (value: Date | string | undefined) => (value ? dateTimeFormat.format(new Date(value)) : ''),
    iso: (value: Date | string | undefined) => (value ? new Date(value).toISOString() : ''),
    number: (value: number | undefined | null) => (typeof value === 'number' ? numberFormat.format(value) : ''),
    money: (value: number | undefined | null) => (typeof value === 'number' ? moneyFormat.format(value) : ''),
    /** 1024-based, as file managers show sizes. */
    size(value: number): string {
      if (value < 1024) return bytes.format(value);
      if (value < 1024 * 1024) return kilobytes.format(value / 1024);
      return megabytes.format(value / (1024 * 1024));
    },
    /** "3 days ago", "today": how long something has waited. */
    ago(value: Date | string | undefined, now: Date = new Date()): string {
      if (!value) return '';
      const days = Math.floor((now.getTime() - new Date(value).getTime()) / DAY_MS);
      return relative.format(-Math.max(0, days), 'day');
    },
    country: (code: string) => displayName('region', code, locale),
    language: (code: string) => displayName('language', code, locale),
    /** The translation key of an attachment's human type name. */
    attachmentTypeKey: (mimeType: string) =>
      attachmentTypeOf(mimeType)?.labelKey ?? 'practices.attachment.unknown_type',
  };
}

export function formattersFor(locale: Locale): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}
