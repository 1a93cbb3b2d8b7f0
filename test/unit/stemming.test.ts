import { stemLatvian, stemPolish } from '../../server/lib/stemming/light-stemmers';
import { editDistance, typoBudget } from '../../server/features/search/search-query-plan';
import { queryStem, stemWord, wordForms } from '../../server/lib/stemming/stemmers';

// The word forms a planner types and the forms practices use, in every partner language.
const FAMILIES: [language: string, words: string[]][] = [
  ['pl', ['miasto', 'miasta', 'miastach']],
  ['lt', ['emigrantai', 'emigrantų', 'emigrantams']],
  ['lv', ['ģimene', 'ģimenēm', 'ģimeņu']],
  ['de', ['Familie', 'Familien']],
  ['it', ['famiglia', 'famiglie']],
  ['es', ['municipio', 'municipios']],
  ['ro', ['oraș', 'orașe', 'orașului']],
  ['da', ['kommune', 'kommunen', 'kommuner']],
  ['en', ['family', 'families']],
];

/**
 * What the index holds for a word meets what a query word is searched by (itself or its stem), as
 * Meilisearch matches: exactly, or within its typo budget (one letter from 5, two from 9).
 */
const found = (query: string, word: string) => {
  const searched = [queryStem(query), wordForms(query)[0]].filter((s): s is string => Boolean(s));
  return searched.some((token) =>
    wordForms(word).some((form) => editDistance(token, form, typoBudget(token)) <= typoBudget(token)),
  );
};

describe('word forms in all nine languages', () => {
  it.each(
    FAMILIES.flatMap(([language, words]) =>
      words.flatMap((a) => words.filter((b) => b !== a).map((b) => [language, a, b])),
    ),
  )('when a planner types the %s word "%s", then a practice saying "%s" is found', (_language, query, word) => {
    expect(found(query, word)).toBe(true);
  });

  it('when a word is typed without its diacritics, then it still meets the forms of the word as written', () => {
    expect(found('emigrantu', 'emigrantų')).toBe(true);
    expect(found('orasului', 'oraș')).toBe(true);
    expect(found('gimenem', 'ģimeņu')).toBe(true);
  });

  it('when unrelated words are stemmed, then they stay apart', () => {
    expect(found('miasto', 'mieszkanie')).toBe(false);
    expect(found('family', 'famous')).toBe(false);
  });
});

describe('the light stemmers', () => {
  it.each([
    ['ģimene', 'ģimen'],
    ['ģimeņu', 'ģimen'],
    ['pašvaldībām', 'pašvaldīb'],
    ['jauniešiem', 'jaunieš'],
  ])('when Latvian %s is stemmed, then it gives %s', (word, stem) => {
    expect(stemLatvian(word)).toBe(stem);
  });

  it.each([
    ['miastach', 'miast'],
    ['rodzinom', 'rodzin'],
    ['przedsiębiorczości', 'przedsiębiorcz'],
    ['mieszkaniach', 'mieszkan'],
    ['dom', 'dom'],
  ])('when Polish %s is stemmed, then it gives %s', (word, stem) => {
    expect(stemPolish(word)).toBe(stem);
  });

  it('when a stem is made, then it is lower-cased and folded', () => {
    expect(stemWord('Łodzi', 'pl')).toBe('lodz');
  });
});
