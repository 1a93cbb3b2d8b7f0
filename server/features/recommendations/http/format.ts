import { localeFormat } from '../../../lib/format';
import { displayName, type Locale } from '../../../lib/i18n';

const cache = new Map<string, Formatters>();

export type Formatters = ReturnType<typeof createFormatters>;

/** The shared formats of the reader's language, plus the country names recommendation pages show. */
function createFormatters(locale: Locale) {
  return { ...localeFormat(locale), country: (code: string) => displayName('region', code, locale) };
}

export function formattersFor(locale: Locale): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}
