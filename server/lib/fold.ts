/**
 * Folds text to plain Latin letters for search. Meilisearch strips combining accents (ā → a, ó → o)
 * but keeps letters that are distinct in Unicode — Polish ł, Danish ø and æ, German ß — so "lodz"
 * would never find "Łódź". Indexing a folded copy of each text field makes every spelling meet.
 */
const LETTERS: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', ß: 'ss', ẞ: 'SS', œ: 'oe', Œ: 'OE',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ħ: 'h', Ħ: 'H', ı: 'i', ŀ: 'l', Ŀ: 'L',
}; // prettier-ignore

const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL, (ch) => LETTERS[ch] ?? ch)
    .normalize('NFC');
}

/** True when folding changes the text: only then is a folded copy worth indexing. */
export function needsFolding(text: string): boolean {
  return foldText(text) !== text;
}
