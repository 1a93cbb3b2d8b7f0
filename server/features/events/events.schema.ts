import { z } from 'zod';
import { formSchema } from '../../lib/forms';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../lib/i18n';

const E = (key: string) => `events.error.${key}`;
export const TITLE_MAX = 200;
export const VENUE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const YEARS = { min: 2000, max: 2100 } as const;

/** The languages an event's topic is translated into: every interface language but the default. */
export const TRANSLATED_LOCALES = LOCALES.filter((l): l is Exclude<Locale, typeof DEFAULT_LOCALE> => l !== DEFAULT_LOCALE);
export const translationField = (locale: Locale) => `title_${locale}`;

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const text = (max: number) => z.string({ error: E('text') }).trim().max(max, E('too_long'));
const optionalText = (max: number) => z.preprocess(blank, text(max).optional());
const int = (min: number, max: number, key: string) =>
  z.coerce.number({ error: E(key) }).int(E(key)).min(min, E(key)).max(max, E(key));
const optionalInt = (min: number, max: number, key: string) => z.preprocess(blank, int(min, max, key).optional());

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The event form (add and edit). The city is checked against the network by the service; a day needs
 * a month it exists in, and the last day comes after the first.
 */
export const eventForm = formSchema({
  title: text(TITLE_MAX).min(1, E('title_required')),
  ...(Object.fromEntries(TRANSLATED_LOCALES.map((l) => [translationField(l), optionalText(TITLE_MAX)])) as Record<
    string,
    ReturnType<typeof optionalText>
  >),
  city: z.string({ error: E('city') }).trim().min(1, E('city')).max(80, E('city')),
  venue: optionalText(VENUE_MAX),
  year: int(YEARS.min, YEARS.max, 'year'),
  month: int(1, 12, 'month'),
  startDay: optionalInt(1, 31, 'day'),
  endDay: optionalInt(1, 31, 'day'),
  description: optionalText(DESCRIPTION_MAX),
}).superRefine((v, ctx) => {
  const last = daysIn(v.year, v.month);
  if (v.startDay !== undefined && v.startDay > last) ctx.addIssue({ code: 'custom', path: ['startDay'], message: E('day') });
  if (v.endDay !== undefined && v.startDay === undefined)
    ctx.addIssue({ code: 'custom', path: ['startDay'], message: E('start_day_missing') });
  if (v.endDay !== undefined && v.endDay > last) ctx.addIssue({ code: 'custom', path: ['endDay'], message: E('day') });
  if (v.endDay !== undefined && v.startDay !== undefined && v.endDay < v.startDay)
    ctx.addIssue({ code: 'custom', path: ['endDay'], message: E('end_before_start') });
});

export type EventForm = z.infer<typeof eventForm>;

export const slugParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/);

export const eventsPageQuery = z.strictObject({ notice: z.enum(['added', 'saved']).optional() });
