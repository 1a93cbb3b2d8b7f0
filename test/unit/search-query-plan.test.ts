import baseSynonyms from '../../server/features/search/synonyms.json';
import { conceptToken } from '../../server/features/search/search-concepts';
import { createMatcher } from '../../server/features/search/search-match';
import {
  editDistance,
  planQuery,
  SynonymVocabulary,
  type QueryAids,
} from '../../server/features/search/search-query-plan';
import { BASE_CONCEPTS } from '../../server/features/search/search-synonyms.service';

const aids: QueryAids = {
  synonyms: {},
  concepts: BASE_CONCEPTS,
  vocabulary: new SynonymVocabulary(BASE_CONCEPTS.terms),
};
const marked = (q: string, text: string) =>
  createMatcher(planQuery(q, aids))(text).map((r) => text.slice(r.start, r.end));

describe('planQuery', () => {
  it('when a word is a synonym term in another case, then it is searched by the group’s concept, first', () => {
    expect(planQuery('jaunimo', aids).q).toBe(`${conceptToken('youth')} jaunimo`);
  });

  it('when a word is within a typo of a term, then it reaches the group too', () => {
    expect(planQuery('remigracjia', aids).q).toBe(`${conceptToken('return-migration')} remigracjia`);
  });

  it('when both words of a query are terms of groups, then both concepts are required', () => {
    expect(planQuery('jaunimas būstas', aids).q).toBe(
      `${conceptToken('youth')} ${conceptToken('housing')} jaunimas būstas`,
    );
  });

  it('when a phrase is a term, then it is searched by its concept once', () => {
    expect(planQuery('young people', aids).q).toBe(`${conceptToken('youth')} young people`);
  });

  it('when a word belongs to no group, then its stem goes first; quoted queries are sent as typed', () => {
    expect(planQuery('miastach', aids).q).toBe('miast miastach');
    expect(planQuery('"miastach"', aids).q).toBe('"miastach"');
    expect(planQuery('', aids).q).toBe('');
  });
});

describe('highlighting the visible hits', () => {
  it('when the query matched another form or a synonym, then the words as the practice writes them are marked', () => {
    expect(marked('miasto', 'W miastach i w mieście')).toEqual(['miastach']);
    expect(marked('youth', 'Mieszkania dla młodzieży w Łodzi')).toEqual(['młodzieży']);
    expect(marked('lodz', 'Mieszkania w Łodzi, Łódź')).toEqual(['Łodzi', 'Łódź']);
    expect(marked('young people', 'Support for young people and seniors')).toContain('young people');
  });

  it('when a word is within the typo budget, then it is marked; short words need the exact form', () => {
    expect(marked('cordinators', 'Regional coordinators in Latgale')).toEqual(['coordinators']);
    expect(marked('cat', 'a car and a cat')).toEqual(['cat']);
  });
});

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['youth', 'yuoth', 1],
    ['retention', 'retension', 1],
    ['same', 'same', 0],
  ])('when %s and %s are compared, then they are %i typos apart', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('the base synonym groups', () => {
  it('when the data file is read, then every group has terms in all nine languages, one of them a single word', () => {
    for (const group of baseSynonyms.groups) {
      const terms = group.terms as Record<string, string[]>;
      expect({ key: group.key, languages: Object.keys(terms).sort() }).toEqual({
        key: group.key,
        languages: ['da', 'de', 'en', 'es', 'it', 'lt', 'lv', 'pl', 'ro'],
      });
      for (const [language, list] of Object.entries(terms)) {
        expect({ key: group.key, language, single: list.some((t) => !t.includes(' ')) }).toEqual({
          key: group.key,
          language,
          single: true,
        });
      }
    }
  });
});
