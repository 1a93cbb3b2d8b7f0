import { createHash } from 'node:crypto';
import { foldText } from '../../lib/fold';
import { STEM_LANGUAGES, stemWord, WORD, wordForms, type StemLanguage } from '../../lib/stemming/stemmers';

/**
 * The base synonym groups as concepts marked in the index. Meilisearch's own synonyms apply to words
 * typed exactly as listed, and expanding a query word into a group's fifty spellings in nine
 * languages made every search a hundred times slower. Instead, each word (or phrase) of a practice
 * that is a group's term in any of its forms gets the group's concept token in the stemmed twin, and a
 * query word that is a term in any form (or within a typo of one) is searched by that token: one word,
 * exact, however large the group.
 *
 * A word is a term's form when it folds to the term, or when the stemmer of the term's language gives
 * both the same stem (jaunimo and jaunimas in Lithuanian; młodzieży and młodzież in Polish).
 */
export type ConceptGroup = { key: string; terms: Partial<Record<StemLanguage, string[]>> };

/** The token a concept is indexed and searched as: letters only, so Meilisearch keeps it one word. */
export const conceptToken = (key: string) => `zzconcept${key.toLowerCase().replace(/[^a-z0-9]/g, '')}`;

/** Raised when twinText builds twins differently (2: compact long texts and labels; 3: without the word as written). */
const TWIN_FORMAT = 3;

type Phrase = { token: string; words: Set<string>[] };

/** The keys under which a word is looked up: its folded form, and its stem in each language (cached). */
function keysOf(word: string): string[] {
  let keys = keyCache.get(word);
  if (!keys) {
    keys = [`=${foldText(word.toLowerCase())}`, ...STEM_LANGUAGES.map((l) => `${l}:${stemWord(word, l)}`)];
    if (keyCache.size >= 50_000) keyCache.clear();
    keyCache.set(word, keys);
  }
  return keys;
}
const keyCache = new Map<string, string[]>();

export class ConceptIndex {
  /** Single-word terms by key. */
  private readonly byKey = new Map<string, Set<string>>();
  /** Terms of several words, by the keys of their first word. */
  private readonly phrases = new Map<string, Phrase[]>();
  /** The folded single-word terms, for matching a mistyped query word (search-query-plan.ts). */
  readonly terms: string[] = [];
  /**
   * Changes whenever the groups do, or the way twins are built (TWIN_FORMAT): practices indexed the
   * other way must be indexed again.
   */
  readonly version: string;

  constructor(groups: readonly ConceptGroup[]) {
    for (const group of groups) {
      const token = conceptToken(group.key);
      for (const [language, terms] of Object.entries(group.terms) as [StemLanguage, string[]][]) {
        for (const term of terms) this.add(token, term, language);
      }
    }
    this.version = createHash('sha256')
      .update(`${TWIN_FORMAT}:${JSON.stringify(groups)}`)
      .digest('hex')
      .slice(0, 16);
  }

  private add(token: string, term: string, language: StemLanguage) {
    const words = [...term.matchAll(WORD)].map((m) => m[0]);
    const keys = words.map((w) => new Set([`=${foldText(w.toLowerCase())}`, `${language}:${stemWord(w, language)}`]));
    if (words.length === 1) {
      for (const key of keys[0]!) this.byKey.set(key, new Set([...(this.byKey.get(key) ?? []), token]));
      this.terms.push(foldText(words[0]!.toLowerCase()));
    } else if (words.length > 1) {
      for (const key of keys[0]!) this.phrases.set(key, [...(this.phrases.get(key) ?? []), { token, words: keys }]);
    }
  }

  // Per word, what only the word decides: its own tokens, and the phrases it may start. Indexing looks
  // up every word of every practice, and the same few thousand words come back all the time.
  private readonly ownTokens = new Map<string, readonly string[]>();
  private readonly startsOf = new Map<string, readonly Phrase[]>();

  /** Whether the word, in any of its forms, is a single-word term of a concept (not only a phrase's first word). */
  isTerm(word: string): boolean {
    return this.lookUp(word).own.length > 0;
  }

  private lookUp(word: string): { own: readonly string[]; starts: readonly Phrase[] } {
    let own = this.ownTokens.get(word);
    let starts = this.startsOf.get(word);
    if (!own || !starts) {
      const keys = keysOf(word);
      const tokens = new Set(keys.flatMap((key) => [...(this.byKey.get(key) ?? [])]));
      own = tokens.size > 0 ? [...tokens] : NONE;
      const phrases = new Set(keys.flatMap((key) => this.phrases.get(key) ?? []));
      starts = phrases.size > 0 ? [...phrases] : [];
      if (this.ownTokens.size >= 50_000) {
        this.ownTokens.clear();
        this.startsOf.clear();
      }
      this.ownTokens.set(word, own);
      this.startsOf.set(word, starts);
    }
    return { own, starts };
  }

  /**
   * The concept tokens of each word of a sequence: a word's own, and a phrase's on its first word.
   * `spans` gets, for each phrase found, the index of its last word (to mark the whole phrase).
   */
  annotate(words: readonly string[], spans?: Map<number, { token: string; last: number }[]>): (readonly string[])[] {
    return words.map((_, i) => this.tokensAt(words, i, spans));
  }

  /** The concept tokens of the i-th word of a sequence (annotate). */
  tokensAt(
    words: readonly string[],
    i: number,
    spans?: Map<number, { token: string; last: number }[]>,
  ): readonly string[] {
    const { own, starts } = this.lookUp(words[i]!);
    if (starts.length === 0) return own;
    const tokens = new Set(own);
    for (const phrase of starts) {
      const fits = phrase.words.every((wanted, k) => {
        const next = words[i + k];
        return next !== undefined && keysOf(next).some((have) => wanted.has(have));
      });
      if (fits) {
        tokens.add(phrase.token);
        spans?.set(i, [...(spans.get(i) ?? []), { token: phrase.token, last: i + phrase.words.length - 1 }]);
      }
    }
    return [...tokens];
  }

  /** Whether the word may start a phrase, so that its tokens depend on the words after it. */
  startsPhrase(word: string): boolean {
    return this.lookUp(word).starts.length > 0;
  }
}

const NONE: readonly string[] = [];

/**
 * The stemmed twin of a text: every word replaced by its forms (folded, stemmed in each language) and
 * the tokens of the concepts it belongs to, everything between words kept.
 *
 * `compact` gives a word that is a term of a concept its concept tokens alone (and its folded form,
 * where folding changes it). A query word in any form of that term is searched by the concept
 * (search-query-plan.ts), so the stems are next to never asked for, and every token costs Meilisearch
 * indexing time. Nor does a compact twin repeat a word as written: the field as written holds it.
 * Compact long texts and labels hold a third fewer tokens per practice. Titles and summaries keep
 * every form, where a stem that happens to equal the typed word ranks the practice first.
 */
export function twinText(text: string, concepts: ConceptIndex | undefined, compact = false): string {
  const words = text.match(WORD);
  if (!words) return text;
  const pieces = twinPieces(concepts, compact);
  let i = 0;
  return text.replace(WORD, (word) => {
    const at = i++;
    // A word's piece depends on the word alone unless it may start a phrase: those are built each time.
    if (concepts?.startsPhrase(word)) return twinPiece(word, concepts, compact, concepts.tokensAt(words, at));
    let piece = pieces.get(word);
    if (piece === undefined) {
      piece = twinPiece(word, concepts, compact, concepts?.tokensAt(words, at) ?? NONE);
      if (pieces.size >= PIECE_LIMIT) pieces.clear();
      pieces.set(word, piece);
    }
    return piece;
  });
}

function twinPiece(
  word: string,
  concepts: ConceptIndex | undefined,
  compact: boolean,
  tokens: readonly string[],
): string {
  const all = wordForms(word);
  const forms = compact && concepts && concepts.isTerm(word) ? all.slice(0, 1) : all;
  // A word that is its own only form adds nothing the field as written does not hold already.
  const written = word.toLowerCase();
  const own = compact ? forms.filter((f) => f !== written) : forms.length === 1 && forms[0] === written ? [] : forms;
  return [...own, ...tokens].join(' ');
}

// The twin of each word, per concept index and kind of twin: a corpus shares its vocabulary, and
// building twins is much of the application's work in indexing. Bounded; starts again when full.
const PIECE_LIMIT = 50_000;
const pieceCaches = new WeakMap<object, [Map<string, string>, Map<string, string>]>();
const WITHOUT_CONCEPTS = {};

function twinPieces(concepts: ConceptIndex | undefined, compact: boolean): Map<string, string> {
  const key = concepts ?? WITHOUT_CONCEPTS;
  let caches = pieceCaches.get(key);
  if (!caches) pieceCaches.set(key, (caches = [new Map<string, string>(), new Map<string, string>()]));
  return caches[compact ? 1 : 0];
}
