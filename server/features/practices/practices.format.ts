import { localeFormat } from '../../lib/format';
import type { Locale } from '../../lib/i18n';
import { attachmentTypeOf } from '../../lib/uploads';
import { displayName } from './practices.data';

const cache = new Map<string, Formatters>();

export type Formatters = ReturnType<typeof createFormatters>;

/**
 * The shared date, number, money and size formats of the reader's language, plus the names practice pages
 * show, so templates print values without building formats themselves.
 */
function createFormatters(locale: Locale) {
  return {
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
