import { displayName } from '../../server/lib/i18n';

describe('displayName', () => {
  it('when a country code is well formed, then it is named in the reader language', () => {
    expect(displayName('region', 'LV', 'en')).toBe('Latvia');
    expect(displayName('region', 'DE', 'lv')).toBe('Vācija');
  });

  it('when a code from a URL is not a code at all, then it is shown as given instead of throwing', () => {
    for (const code of ['x', '', '__proto__', '123456', 'not a code', 'a'.repeat(300)]) {
      expect(displayName('region', code, 'en')).toBe(code);
      expect(displayName('language', code, 'lv')).toBe(code);
    }
  });
});
