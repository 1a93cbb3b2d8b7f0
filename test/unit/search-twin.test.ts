import { conceptToken, twinText } from '../../server/features/search/search-concepts';
import { BASE_CONCEPTS } from '../../server/features/search/search-synonyms.service';
import { wordForms } from '../../server/lib/stemming/stemmers';

describe('the stemmed twin of a text', () => {
  it('when a word has forms besides itself, then the twin holds all of them, the word as written included', () => {
    const forms = wordForms('miastach');
    expect(forms.length).toBeGreaterThan(1);

    expect(twinText('miastach', undefined).split(' ')).toEqual(forms);
  });

  it('when a word is its own only form, then the twin leaves it out: the field as written already holds it', () => {
    expect(wordForms('in')).toEqual(['in']);

    expect(twinText('in miastach', undefined)).toBe(` ${wordForms('miastach').join(' ')}`);
  });

  it('when a word has letters Meilisearch does not fold, then its folded form stays in the twin', () => {
    expect(twinText('Łódź', undefined).split(' ')).toContain('lodz');
  });
});

describe('the compact twin of a long text', () => {
  it('when a word is a term of a concept, then the compact twin holds its concept token and none of its stems', () => {
    const forms = wordForms('families');
    expect(forms.length).toBeGreaterThan(1);

    const compact = twinText('families', BASE_CONCEPTS, true).split(' ');

    expect(compact).toEqual([conceptToken('families')]);
    expect(twinText('families', BASE_CONCEPTS).split(' ')).toEqual([...forms, conceptToken('families')]);
  });

  it('when a term has letters Meilisearch does not fold, then the compact twin keeps its folded form', () => {
    expect(twinText('młodzież', BASE_CONCEPTS, true).split(' ')).toEqual(['mlodziez', conceptToken('youth')]);
  });

  it('when a word is no term of a concept, then the compact twin holds all its forms but the word as written', () => {
    const forms = wordForms('miastach');
    expect(forms).toContain('miastach');

    expect(twinText('miastach', BASE_CONCEPTS, true).split(' ')).toEqual(forms.filter((f) => f !== 'miastach'));
  });

  it('when a word as written has diacritics, then the compact twin keeps its folded form', () => {
    expect(twinText('miastów', BASE_CONCEPTS, true).split(' ')).toContain('miastow');
  });
});
