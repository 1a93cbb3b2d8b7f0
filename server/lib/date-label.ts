import type { LocaleFormat } from './format';
import type { Translate } from './i18n';

/**
 * What a date in a list stands for. Every list of practices or recommendations says which date it shows
 * ("Published 3 Mar 2026", "Updated …"), worded once here rather than left for the reader to guess.
 */
export const DATE_KINDS = ['published', 'updated', 'submitted', 'received', 'finalised'] as const;
export type DateKind = (typeof DATE_KINDS)[number];

/** `text` says what the date is ("Published 3 Mar 2026"); `date` is the date alone, for a column whose header says it. */
export type DateLabel = { kind: DateKind; iso: string; text: string; date: string };

type When = Date | string | undefined | null;

/** The label for a date of a kind, in the reader's language; undefined when there is no date. */
export function dateLabel(
  t: Translate,
  format: Pick<LocaleFormat, 'date' | 'dateTime' | 'iso'>,
  kind: DateKind,
  value: When,
  precision: 'day' | 'minute' = 'day',
): DateLabel | undefined {
  const date = precision === 'minute' ? format.dateTime(value) : format.date(value);
  if (!date) return undefined;
  return { kind, iso: format.iso(value), text: t(`date.${kind}`, { date }), date };
}
