import { settingsDiff } from '../../server/lib/search';

describe('settingsDiff', () => {
  it('when live settings equal the declared ones in another order, then nothing is sent', () => {
    const diff = settingsDiff(
      { filterableAttributes: ['city', 'themes'], typoTolerance: { enabled: true } },
      {
        filterableAttributes: ['themes', 'city'],
        typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      },
    );

    expect(diff).toEqual({});
  });

  it('when searchable attributes are reordered, then the change is sent because order is ranking', () => {
    const diff = settingsDiff(
      { searchableAttributes: ['title', 'summary'] },
      { searchableAttributes: ['summary', 'title'] },
    );

    expect(diff).toEqual({ searchableAttributes: ['title', 'summary'] });
  });

  it('when one setting differs, then only that one is sent', () => {
    const diff = settingsDiff(
      { sortableAttributes: ['publishedAt'], filterableAttributes: ['city'] },
      { sortableAttributes: [], filterableAttributes: ['city'] },
    );

    expect(diff).toEqual({ sortableAttributes: ['publishedAt'] });
  });
});
