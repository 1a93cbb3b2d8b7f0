import { foldText, needsFolding } from '../../server/lib/fold';

describe('foldText', () => {
  it.each([
    ['Łódź', 'Lodz'],
    ['łódź', 'lodz'],
    ['jaunieši', 'jauniesi'],
    ['Kauno jaunimas', 'Kauno jaunimas'],
    ['Bosætningsstrategi', 'Bosaetningsstrategi'],
    ['flytning til Vejle, Sønderjylland', 'flytning til Vejle, Sonderjylland'],
    ['Straße', 'Strasse'],
    ['Oradea, Bihor: tineri și familii', 'Oradea, Bihor: tineri si familii'],
    ['jóvenes, despoblación', 'jovenes, despoblacion'],
    ['città, più', 'citta, piu'],
    ['Młodzi w Łodzi', 'Mlodzi w Lodzi'],
  ])('when %p is folded, then it reads %p', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('when text has nothing to fold, then it is unchanged and needs no folded copy', () => {
    expect(needsFolding('Magdeburg urban restructuring')).toBe(false);
    expect(needsFolding('Łódź')).toBe(true);
  });
});
