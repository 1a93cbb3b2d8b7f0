import { foldText } from '../../lib/fold';
import { STEM_LANGUAGES, stemWord, WORD } from '../../lib/stemming/stemmers';

/**
 * How a planner's query becomes the queries of one Meilisearch request. The query as typed searches
 * the exact and folded fields. Its stemmed forms search the stemmed twins: the query is stemmed in each
 * partner language (the language of one or two words cannot be told), and each distinct result is one
 * more query. Meilisearch's synonyms apply to both, and they list the stems of every term, so a synonym
 * is found in any form of its words. Meilisearch applies synonyms to words typed exactly, so a query
 * word within a typo of a synonym term (or its stem) is replaced by that term in the stemmed queries.
 */
export type QueryPlan = { exact: string; stemmed: string[] };

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

/** Optimal string alignment distance (a swap of two neighbours is one typo, as in Meilisearch). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
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

export function planQuery(q: string, vocabulary?: SynonymVocabulary): QueryPlan {
  const words = [...q.matchAll(WORD)].map((m) => m[0]);
  if (words.length === 0) return { exact: q, stemmed: [] };
  const variants = new Set<string>();
  for (const language of STEM_LANGUAGES) {
    const stems = words.map((word) => {
      const stem = stemWord(word, language);
      if (!vocabulary) return stem;
      const folded = foldText(word.toLowerCase());
      if (vocabulary.has(stem) || vocabulary.has(folded)) return stem;
      return vocabulary.closest(folded) ?? vocabulary.closest(stem) ?? stem;
    });
    variants.add(stems.join(' '));
  }
  return { exact: q, stemmed: [...variants] };
}
