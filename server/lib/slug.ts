// Letters that Unicode decomposition does not split into a base letter plus a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ß: 'ss', ẞ: 'ss', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ı: 'i', ħ: 'h', Ħ: 'h',
}; // prettier-ignore

/** Latin text without diacritics: `Łódź` → `Lodz`, `Ærø` → `Aero`. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁøØæÆœŒßẞđĐðÐþÞıħĦ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}

/** A URL- and identifier-safe slug (`a-z`, `0-9`, single dashes); empty when nothing Latin is left. */
export function slugify(text: string, maxLength = 60): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
