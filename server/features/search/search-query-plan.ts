import { foldText } from '../../lib/fold';
import { queryStem, WORD } from '../../lib/stemming/stemmers';
import type { ConceptIndex } from './search-concepts';

/**
 * How a planner's query becomes the one query Meilisearch is sent. Each word is searched by itself
 * and by one more word, which goes first: the concept of a synonym group it is a term of in any form
 * (search-concepts.ts), or within a typo of; otherwise its stem (queryStem), when a stemmer changes
 * it. With Meilisearch's "last" matching strategy words are given up from the end, so a practice with
 * every word as typed ranks first (it matches those and the extra words), then one with other forms
 * of them or other terms of their groups (the extra words only). A two-word query whose words are
 * found only through their groups ("jaunimas būstas") thus still needs both, and is not cut down to
 * one of them.
 */
export type QueryAids = {
  /** The coordinator's groups, as Meilisearch synonyms. */
  synonyms: Record<string, string[]>;
  /** The base groups, as concepts marked in the index. */
  concepts: ConceptIndex;
  /** Every single-word term and spelling of both, for matching mistyped words. */
  vocabulary: SynonymVocabulary;
};

export type QueryWord = {
  /** Folded and lower-cased, as typed. */
  plain: string;
  /** What the word is searched by besides itself: a concept it belongs to, or its stem. */
  extra?: string | undefined;
  /** The concepts the word belongs to, typed as it is or mistyped. */
  concepts: string[];
};

export type QueryPlan = { q: string; words: QueryWord[]; aids?: QueryAids | undefined };

// Meilisearch reads the first ten words of a query and ignores the rest.
const MAX_QUERY_WORDS = 10;

/** Meilisearch's default typo budget: none below 5 letters, one from 5, two from 9. */
export function typoBudget(word: string): number {
  const length = [...word].length;
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

function deletions(word: string, depth: number, into: Set<string>): void {
  if (depth === 0) return;
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const shorter = [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
    if (!into.has(shorter)) {
      into.add(shorter);
      deletions(shorter, depth - 1, into);
    }
  }
}

/**
 * Optimal string alignment distance (a swap of two neighbours is one typo, as in Meilisearch), given
 * up as soon as it must exceed `limit`: it runs on many words per search, so it allocates three rows.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[t.length]!;
}

/**
 * The single words of the synonym map, for finding the one a mistyped word meant. Lookup by deletion
 * neighbourhoods (the symmetric-delete method): a word and a term within k typos share a string
 * reached by at most k deletions from each, so a query costs a few map lookups, not a scan.
 */
export class SynonymVocabulary {
  private readonly terms: Set<string>;
  private readonly byDeletion = new Map<string, string[]>();

  constructor(terms: Iterable<string>) {
    this.terms = new Set([...terms].filter((t) => !t.includes(' ')));
    for (const term of this.terms) {
      const keys = new Set([term]);
      deletions(term, typoBudget(term), keys);
      for (const key of keys) this.byDeletion.set(key, [...(this.byDeletion.get(key) ?? []), term]);
    }
  }

  has(word: string): boolean {
    return this.terms.has(word);
  }

  /** The closest term within the word's typo budget, or undefined (ties: the first in the map). */
  closest(word: string): string | undefined {
    const budget = typoBudget(word);
    if (budget === 0) return undefined;
    const keys = new Set([word]);
    deletions(word, budget, keys);
    let best: { term: string; distance: number } | undefined;
    for (const key of keys) {
      for (const term of this.byDeletion.get(key) ?? []) {
        const distance = editDistance(word, term);
        if (distance <= Math.min(budget, typoBudget(term)) && (!best || distance < best.distance))
          best = { term, distance };
      }
    }
    return best?.term;
  }
}

export function planQuery(q: string, aids?: QueryAids): QueryPlan {
  const typed = [...q.matchAll(WORD)].map((m) => m[0]);
  const spans = new Map<number, { token: string; last: number }[]>();
  const concepts = aids?.concepts.annotate(typed, spans) ?? [];
  // The later words of a phrase that is a term ("young people") are searched by the concept alone.
  const inPhrase = new Set<number>();
  for (const [first, list] of spans)
    for (const span of list) for (let k = first + 1; k <= span.last; k++) inPhrase.add(k);
  const words: QueryWord[] = typed.map((word, i) => {
    const plain = foldText(word.toLowerCase());
    const own = [...(concepts[i] ?? [])];
    if (own.length === 0 && inPhrase.has(i)) return { plain, concepts: [] };
    if (own.length > 0) return { plain, extra: inPhrase.has(i) ? undefined : own[0], concepts: own };
    const stem = queryStem(word);
    const vocabulary = aids?.vocabulary;
    if (!aids || !vocabulary || vocabulary.has(plain) || (stem && vocabulary.has(stem)))
      return { plain, extra: stem, concepts: [] };
    // Within a typo of a term: searched by that term's concept, or (a coordinator's term) by the term.
    const near = vocabulary.closest(plain) ?? (stem ? vocabulary.closest(stem) : undefined);
    if (!near) return { plain, extra: stem, concepts: [] };
    const reached = [...(aids.concepts.annotate([near])[0] ?? [])];
    return { plain, extra: reached[0] ?? near, concepts: reached };
  });
  // Quoted phrases and exclusions are Meilisearch syntax: such a query is sent as typed.
  if (/["]|(^|\s)-\S/.test(q)) return { q, words, aids };
  const room = Math.max(0, MAX_QUERY_WORDS - typed.length);
  const extras = [...new Set(words.flatMap((w) => (w.extra && w.extra !== w.plain ? [w.extra] : [])))].slice(0, room);
  return { q: extras.length > 0 ? `${extras.join(' ')} ${q}` : q, words, aids };
}
