import { foldText } from '../../lib/fold';
import { wordForms, words, WORD } from '../../lib/stemming/stemmers';
import { editDistance, typoBudget, type QueryPlan } from './search-query-plan';
import type { Range } from './search.highlight';

/**
 * Which words of a text the query matched, found here rather than by Meilisearch: only the texts a
 * page shows are looked at, and only for its visible hits (Meilisearch would tokenize every field and
 * every twin of every hit to report positions). A word matches as Meilisearch matches it: as typed
 * (folded), within the typo budget of a query word, as the prefix of the last query word, by any of
 * its forms (folded or stemmed) being a query stem, by a concept it shares with a query word, or
 * through a coordinator's synonym of a query word.
 */
export type Matcher = (text: string) => Range[];

export function createMatcher(plan: QueryPlan): Matcher {
  if (plan.words.length === 0) return () => [];
  const typed = plan.words.map((w) => w.plain);
  const singles = new Set<string>(typed);
  const phrases: string[][] = [];
  for (const word of plan.words) {
    if (word.extra) singles.add(word.extra);
    for (const key of [word.plain, word.extra]) {
      for (const spelling of key ? (plan.aids?.synonyms[key] ?? []) : []) {
        const tokens = [...spelling.matchAll(WORD)].map((m) => foldText(m[0]));
        if (tokens.length === 1) singles.add(tokens[0]!);
        else if (tokens.length > 1) phrases.push(tokens);
      }
    }
  }
  const concepts = new Set(plan.words.flatMap((w) => w.concepts));
  const index = plan.aids?.concepts;
  const last = typed[typed.length - 1]!;
  const fuzzy = typed.filter((w) => typoBudget(w) > 0);
  // Forms are worth computing only for words that begin like something sought.
  const head = (word: string) => word.slice(0, 3);
  const heads = new Set([...singles, ...phrases.flat()].map(head));

  const withinTypos = (plain: string) =>
    fuzzy.some((w) => {
      const budget = Math.min(typoBudget(w), typoBudget(plain));
      return budget > 0 && Math.abs(w.length - plain.length) <= budget && editDistance(w, plain, budget) <= budget;
    });
  const matches = (word: string, plain: string): boolean =>
    singles.has(plain) ||
    (last.length > 1 && plain.startsWith(last)) ||
    (heads.has(head(plain)) && wordForms(word).some((form) => singles.has(form))) ||
    (plain.length >= 5 && withinTypos(plain));

  return (text) => {
    const found = words(text).map((w) => ({ ...w, plain: folded(w.word) }));
    const ranges: Range[] = found.filter((w) => matches(w.word, w.plain)).map((w) => ({ start: w.start, end: w.end }));
    // Words (and phrases) of the same synonym concept as a query word.
    if (index && concepts.size > 0) {
      const spans = new Map<number, { token: string; last: number }[]>();
      index
        .annotate(
          found.map((w) => w.word),
          spans,
        )
        .forEach((tokens, i) => {
          if (![...tokens].some((t) => concepts.has(t))) return;
          const end = Math.max(
            i,
            ...(spans.get(i) ?? []).filter((span) => concepts.has(span.token)).map((span) => span.last),
          );
          ranges.push({ start: found[i]!.start, end: found[end]!.end });
        });
    }
    if (phrases.length === 0) return ranges;
    const byHead = new Map<string, number[]>();
    found.forEach((w, i) => byHead.set(head(w.plain), [...(byHead.get(head(w.plain)) ?? []), i]));
    const hasForm = (i: number, token: string) => {
      const w = found[i];
      return Boolean(w && (w.plain === token || (head(w.plain) === head(token) && wordForms(w.word).includes(token))));
    };
    for (const phrase of phrases) {
      for (const i of byHead.get(head(phrase[0]!)) ?? []) {
        if (phrase.every((token, k) => hasForm(i + k, token))) {
          ranges.push({ start: found[i]!.start, end: found[i + phrase.length - 1]!.end });
        }
      }
    }
    return ranges;
  };
}

// Folding a word means a Unicode decomposition: texts repeat their words, so each is folded once.
const foldedWords = new Map<string, string>();
function folded(word: string): string {
  let plain = foldedWords.get(word);
  if (plain === undefined) {
    plain = foldText(word.toLowerCase());
    if (foldedWords.size >= 50_000) foldedWords.clear();
    foldedWords.set(word, plain);
  }
  return plain;
}
