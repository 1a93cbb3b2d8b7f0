import { twinText } from '../../server/features/search/search-concepts';
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
