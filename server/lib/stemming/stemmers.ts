import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as lithuanian } from '@orama/stemmers/lithuanian';
import { stemmer as romanian } from '@orama/stemmers/romanian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { foldText } from '../fold';
import { stemLatvian, stemPolish } from './light-stemmers';

/**
 * Word forms for search. Meilisearch matches the form typed (give or take a typo), and the partner
 * languages inflect: a Lithuanian planner typing "emigrantai" must find "emigrantų" and "emigrantams".
 * Each word is reduced to its stem: Snowball stemmers (the @orama/stemmers port) for the seven
 * languages Snowball covers, the light stemmers in light-stemmers.ts for Latvian and Polish. Stems are
 * lower-cased and folded (fold.ts), so a query typed without diacritics meets them too.
 */
export const STEM_LANGUAGES = ['en', 'lv', 'lt', 'pl', 'de', 'ro', 'it', 'da', 'es'] as const;
export type StemLanguage = (typeof STEM_LANGUAGES)[number];

const STEMMERS: Record<StemLanguage, (word: string) => string> = {
  en: english,
  lv: stemLatvian,
  lt: lithuanian,
  pl: stemPolish,
  de: german,
  ro: romanian,
  it: italian,
  da: danish,
  es: spanish,
};

export const isStemLanguage = (value: unknown): value is StemLanguage =>
  typeof value === 'string' && (STEM_LANGUAGES as readonly string[]).includes(value);

/** A word as the tokenizer below sees it: letters with their combining marks, apostrophes split words. */
export const WORD = /[\p{L}\p{M}]+/gu;

// Stemming the same words over and over is most of the cost of indexing a corpus: texts share their
// vocabulary. The caches are bounded and simply start again when full.
const CACHE_LIMIT = 50_000;
const caches = new Map<StemLanguage, Map<string, string>>(STEM_LANGUAGES.map((l) => [l, new Map()]));

/** The folded stem of one word; words of two letters or fewer are their own stem. */
export function stemWord(word: string, language: StemLanguage): string {
  const cache = caches.get(language)!;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const lower = word.toLowerCase();
  const stem = foldText([...lower].length <= 2 ? lower : STEMMERS[language](lower));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, stem);
  return stem;
}

/**
 * The text with every word replaced by its stem and everything between words kept, so the n-th word
 * of the stemmed text is the stem of the n-th word of the original: a match found in the stemmed copy
 * is highlighted on the original word (see search.highlight.ts).
 */
export function stemText(text: string, language: StemLanguage): string {
  return text.replace(WORD, (word) => stemWord(word, language));
}

/** The words of a text with their places, in the same tokenization as stemText. */
export function words(text: string): { start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
