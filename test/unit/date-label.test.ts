import { dateLabel } from '../../server/lib/date-label';
import { localeFormat } from '../../server/lib/format';
import { translator, type Locale } from '../../server/lib/i18n';

const AT = new Date('2026-03-05T14:07:00Z');
const label = (locale: Locale, ...rest: [Parameters<typeof dateLabel>[2], Date | undefined, ('day' | 'minute')?]) =>
  dateLabel(translator(locale), localeFormat(locale), ...rest);

describe('dateLabel', () => {
  it('when a list shows a date, then it says what the date is, in the reader’s language and date format', () => {
    expect(label('en', 'published', AT)).toEqual({
      kind: 'published',
      iso: '2026-03-05T14:07:00.000Z',
      text: 'Published 5 Mar 2026',
      date: '5 Mar 2026',
    });
    expect(label('de', 'updated', AT)?.text).toBe('Aktualisiert am 05.03.2026');
    expect(label('lv', 'published', AT)?.text).toBe('Publicēts: 2026. gada 5. marts');
    expect(label('pl', 'submitted', AT)?.text).toBe('Zgłoszono 5 mar 2026');
  });

  it('when the time matters, then it is given to the minute, in UTC', () => {
    expect(label('en', 'received', AT, 'minute')?.text.replace(/\s/g, ' ')).toBe('Received 5 Mar 2026, 14:07 UTC');
  });

  it('when there is no date, then there is no label', () => {
    expect(label('en', 'published', undefined)).toBeUndefined();
  });
});
