import { formatTag, localeFormat } from '../../../lib/format';
import { displayName, type Locale } from '../../../lib/i18n';
import { attachmentTypeOf } from '../../../lib/uploads';

const cache = new Map<string, Formatters>();

export type Formatters = ReturnType<typeof createFormatters>;

/**
 * The shared date, number, money and size formats of the reader's language, plus the names practice pages
 * show, so templates print values without building formats themselves.
 */
function createFormatters(locale: Locale) {
  // ICU words the number: "30 minutes", "30 minūtes", "30 minučių", "30 Minuten"…
  const minutes = new Intl.NumberFormat(formatTag(locale), { style: 'unit', unit: 'minute', unitDisplay: 'long' });
  return {
    /** A duration in whole minutes, in words of the reader's language. */
    minutes: (value: number) => minutes.format(value),
    ...localeFormat(locale),
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
