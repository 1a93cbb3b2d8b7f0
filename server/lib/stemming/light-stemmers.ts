/**
 * Light stemmers for the two partner languages Snowball has no stemmer for. Both strip one
 * inflectional ending and nothing else, so a stem is always a prefix of the word (after the few
 * Latvian consonant changes below): they conflate the case and number forms of a noun or adjective,
 * which is what a planner's query in the dictionary form needs, and leave derivation alone.
 */

/**
 * Latvian: the light stemmer of Kārlis Kreslins ("A stemming algorithm for Latvian", PhD thesis,
 * Loughborough University, 1996) in the form Apache Lucene ships as LatvianStemmer: one ending from a
 * fixed list, only when the word keeps enough vowels, then undoing the palatalisation that some
 * endings cause (ģimeņu → ģimen, like ģimene → ģimen).
 */
const LV_AFFIXES: readonly [affix: string, minVowels: number, palatalizes: boolean][] = [
  ['ajiem', 3, false], ['ajai', 3, false], ['ajam', 2, false], ['ajām', 2, false], ['ajos', 2, false],
  ['ajās', 2, false], ['ajas', 2, false], ['iem', 2, true], ['ajā', 2, false], ['ais', 2, false], ['ai', 2, false],
  ['ei', 2, false], ['ām', 1, false], ['am', 1, false], ['ēm', 1, false], ['īm', 1, false],
  ['im', 1, false], ['um', 1, false], ['us', 1, true], ['as', 1, false], ['ās', 1, false],
  ['es', 1, false], ['os', 1, true], ['ij', 1, false], ['īs', 1, false], ['ēs', 1, false],
  ['is', 1, false], ['ie', 1, false], ['u', 1, true], ['a', 1, true], ['i', 1, true],
  ['e', 1, false], ['ā', 1, false], ['ē', 1, false], ['ī', 1, false], ['ū', 1, false],
  ['o', 1, false], ['s', 0, false], ['š', 0, false],
  // Not in the thesis: plain twins of the two endings whose long vowel had none ('ajās', 'ēm'), so that
  // a word typed without diacritics ("gimenem") loses its ending too.
  ['em', 1, false],
]; // prettier-ignore

const LV_VOWELS = new Set([...'aeiouāīēū']);

function unpalatalize(stem: string, removed: string): string {
  if (removed === 'u') {
    if (stem.endsWith('kš')) return `${stem.slice(0, -2)}kst`;
    if (stem.endsWith('ņņ')) return `${stem.slice(0, -2)}nn`;
  }
  if (/[pbmv]j$/.test(stem)) return stem.slice(0, -1);
  const pairs: [string, string][] = [
    ['šņ', 'sn'],
    ['žņ', 'zn'],
    ['šļ', 'sl'],
    ['žļ', 'zl'],
    ['ļņ', 'ln'],
    ['ļļ', 'll'],
  ];
  for (const [from, to] of pairs) if (stem.endsWith(from)) return stem.slice(0, -2) + to;
  const last = stem.slice(-1);
  const plain: Record<string, string> = { č: 'c', ļ: 'l', ņ: 'n' };
  return plain[last] ? stem.slice(0, -1) + plain[last] : stem;
}

export function stemLatvian(word: string): string {
  const chars = [...word];
  const vowels = chars.filter((c) => LV_VOWELS.has(c)).length;
  for (const [affix, minVowels, palatalizes] of LV_AFFIXES) {
    const length = [...affix].length;
    if (vowels > minVowels && chars.length >= length + 3 && word.endsWith(affix)) {
      const stem = chars.slice(0, chars.length - length).join('');
      return palatalizes ? unpalatalize(stem, affix) : stem;
    }
  }
  return word;
}

/**
 * Polish: the longest matching case, number or adjective ending is removed, keeping a stem of at least
 * three letters (miasto, miasta, miastach, miastom → miast; rodzina, rodzinie, rodzinach → rodzin;
 * przedsiębiorczość, przedsiębiorczości → przedsiębiorcz). Endings with a soft `i` (mieszkanie,
 * mieszkania, mieszkaniach) go with their `i`. Stem alternations (miasto / w mieście) stay apart:
 * they are what a dictionary-based lemmatiser is for, and typo tolerance catches some of them.
 */
const PL_ENDINGS = [
  'ościami', 'ościach', 'iowie', 'ością', 'ości', 'ość', 'iami', 'iach', 'iego', 'iemu', 'owie', 'ami', 'ach',
  'ego', 'emu', 'ych', 'ymi', 'ich', 'imi', 'owi', 'iom', 'iem', 'iej', 'ją', 'ję', 'ji', 'ja', 'je', 'om',
  'ów', 'em', 'ej', 'ym', 'im', 'um', 'ią', 'ię', 'io', 'iu', 'ie', 'ia', 'ii', 'ą', 'ę', 'a', 'o', 'u', 'y',
  'i', 'e',
].sort((a, b) => [...b].length - [...a].length); // prettier-ignore

const PL_MIN_STEM = 3;

export function stemPolish(word: string): string {
  const chars = [...word];
  for (const ending of PL_ENDINGS) {
    const length = [...ending].length;
    if (chars.length - length >= PL_MIN_STEM && word.endsWith(ending))
      return chars.slice(0, chars.length - length).join('');
  }
  return word;
}
