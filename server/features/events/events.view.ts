import type { Locale } from '../../lib/i18n';
import { renderMarkdown } from '../../lib/markdown';
import type { City } from '../network';

/** An event as the rest of the application reads it. */
export type NetworkEvent = {
  slug: string;
  citySlug: string;
  city: City | undefined;
  venue: string | undefined;
  year: number;
  month: number;
  startDay: number | undefined;
  endDay: number | undefined;
  /** English; `translations` holds the other languages. */
  title: string;
  translations: Partial<Record<Locale, string>>;
  description: string;
  updatedAt: Date | undefined;
};

/** What an event page shows, in the reader's language. */
export type EventCard = {
  slug: string;
  url: string;
  title: string;
  dates: string;
  /** ISO date of the first day (or month) for <time datetime>. */
  datetime: string;
  cityName: string;
  citySlug: string;
  country: string | undefined;
  venue: string | undefined;
  descriptionHtml: string;
};

export const eventUrl = (slug: string) => `/events/${encodeURIComponent(slug)}`;

export const eventTitle = (event: Pick<NetworkEvent, 'title' | 'translations'>, locale: Locale): string =>
  event.translations[locale]?.trim() || event.title;

/** "23–24 May 2018" or "May 2018", written the way the reader's language writes dates (ICU). */
export function eventDates(event: Pick<NetworkEvent, 'year' | 'month' | 'startDay' | 'endDay'>, locale: Locale): string {
  const day = (d: number) => new Date(Date.UTC(event.year, event.month - 1, d));
  if (event.startDay === undefined) {
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day(1));
  }
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const end = event.endDay ?? event.startDay;
  return end === event.startDay ? format.format(day(event.startDay)) : format.formatRange(day(event.startDay), day(end));
}

export function eventCard(event: NetworkEvent, locale: Locale): EventCard {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    slug: event.slug,
    url: eventUrl(event.slug),
    title: eventTitle(event, locale),
    dates: eventDates(event, locale),
    datetime: `${event.year}-${pad(event.month)}${event.startDay ? `-${pad(event.startDay)}` : ''}`,
    cityName: event.city?.name ?? event.citySlug,
    citySlug: event.citySlug,
    country: event.city?.country,
    venue: event.venue,
    descriptionHtml: event.description ? renderMarkdown(event.description) : '',
  };
}
