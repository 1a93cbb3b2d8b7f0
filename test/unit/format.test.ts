import { localeFormat } from '../../server/lib/format';

const AT = new Date('2026-03-05T14:07:00Z');

describe('localeFormat', () => {
  it.each([
    ['en', '5 Mar 2026', '5 Mar 2026, 14:07 UTC', '€45,000.50'],
    ['lv', '2026. gada 5. marts', '2026. g. 5. marts 14:07 UTC', '45 000,50 €'],
    ['de', '05.03.2026', '5. März 2026, 14:07 UTC', '45.000,50 €'],
    ['da', '5. mar. 2026', '5. mar. 2026, 14.07 UTC', '45.000,50 €'],
  ] as const)('when %s formats a date, a time and money, then it writes them its own way', (locale, date, dateTime, money) => {
    const fmt = localeFormat(locale);

    expect(fmt.date(AT)).toBe(date);
    expect(fmt.dateTime(AT).replace(/\s/g, ' ')).toBe(dateTime);
    expect(fmt.money(45000.5).replace(/\s/g, ' ')).toBe(money);
  });

  it('when a month of a year is shown, then it is named in the reader’s language', () => {
    expect(localeFormat('en').month(2018, 5)).toBe('May 2018');
    expect(localeFormat('lv').month(2019, 11)).toBe('2019. g. novembris');
  });

  it('when money is a whole amount, then no cents are shown', () => {
    expect(localeFormat('en').money(45000)).toBe('€45,000');
  });

  it('when a value is missing or not a date, then nothing is printed rather than "Invalid Date"', () => {
    const fmt = localeFormat('en');

    expect([fmt.date(undefined), fmt.dateTime(null), fmt.iso('not a date'), fmt.number(undefined)]).toEqual(['', '', '', '']);
  });

  it('when a date is given for a <time> element, then it is ISO 8601', () => {
    expect(localeFormat('lv').iso(AT)).toBe('2026-03-05T14:07:00.000Z');
  });

  it('when something waited three days, then it says so in the reader’s language', () => {
    const now = new Date(AT.getTime() + 3 * 24 * 60 * 60 * 1000);

    expect(localeFormat('en').ago(AT, now)).toBe('3 days ago');
    expect(localeFormat('lv').ago(AT, now)).toBe('pirms 3 dienām');
  });
});
