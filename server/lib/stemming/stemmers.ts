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
 * lower-cased and folded (fold.ts), so a query typed without diacritics meets them too. A practice's
 * words are indexed under their forms in every language (formsText) and a query word is searched by
 * one stem (queryStem), so one Meilisearch query finds every form without knowing the language.
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
  // A stem is never empty (a "word" of combining marks alone folds to nothing).
  const stem = foldText([...lower].length <= 2 ? lower : STEMMERS[language](lower)) || foldText(lower) || lower;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, stem);
  return stem;
}

/**
 * Every form under which a word is indexed: the word folded, and its stem in each partner language
 * (the language of a practice's words is not always the practice's language: demo practices in
 * English name Polish programmes), of the word and of the word folded. Few words have more than
 * three or four distinct forms.
 */
export function wordForms(word: string): string[] {
  const key = word.toLowerCase();
  const hit = formsCache.get(key);
  if (hit) return hit;
  // Stems of the word as written and as typed without its diacritics: a query word typed either way
  // then always finds its own stem among the forms of the same word.
  const folded = foldText(key);
  const forms = [...new Set([folded, ...STEM_LANGUAGES.flatMap((l) => [stemWord(key, l), stemWord(folded, l)])])];
  if (formsCache.size >= CACHE_LIMIT) formsCache.clear();
  formsCache.set(key, forms);
  return forms;
}
const formsCache = new Map<string, string[]>();

/**
 * The one stem a query word is searched by, among its stems in the nine languages: the shortest (the
 * stemmer that recognised the longest ending is most likely the word's own language: "orașului" is
 * "oras" in Romanian, "orasulu" where only a final vowel goes), and of equally short ones the one
 * most languages agree on; undefined when no stemmer changes the word. It is always among the forms
 * indexed for the word itself, and for its other forms when its language's stemmer chose it; where
 * another language cut one letter more, Meilisearch's typo tolerance still joins them.
 */
export function queryStem(word: string): string | undefined {
  const plain = foldText(word.toLowerCase());
  const votes = new Map<string, number>();
  for (const language of STEM_LANGUAGES) {
    const stem = stemWord(word, language);
    if (stem !== plain && [...stem].length >= MIN_QUERY_STEM) votes.set(stem, (votes.get(stem) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of votes) {
    if (!best || entry[0].length < best[0].length || (entry[0].length === best[0].length && entry[1] > best[1]))
      best = entry;
  }
  return best?.[0];
}

// A shorter stem would match too many other words.
const MIN_QUERY_STEM = 4;

/**
 * The text with every word replaced by its forms (wordForms), and everything between words kept: the
 * stemmed twin of a field, searched after the fields as written.
 */
export function formsText(text: string): string {
  return text.replace(WORD, (word) => wordForms(word).join(' '));
}

const phrase = (text: string, form: (word: string) => string) =>
  [...text.matchAll(WORD)].map((m) => form(m[0])).join(' ');

/** A phrase stemmed word by word in one language ("young people" → "young peopl"). */
export const stemPhrase = (text: string, language: StemLanguage) => phrase(text, (w) => stemWord(w, language));

/** A phrase as the query side searches it: each word by its query stem, or folded when it has none. */
export const queryPhrase = (text: string) => phrase(text, (w) => queryStem(w) ?? foldText(w.toLowerCase()));

/** The words of a text with their places. */
export function words(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}
