import { checkSaves, type AckedSave, type IndexedPractice, type StoredPractice } from '../../bench/mixed-load-check';

const ack = (
  practiceId: string,
  revision: number,
  working: string,
  published: string | null = 'published text',
  client = 1,
): AckedSave => ({
  practiceId,
  client,
  revision,
  working,
  published,
});

const stored = (
  revision: number,
  working: string,
  history: [number, string][],
  published: string | null = 'published text',
): StoredPractice => ({
  revision,
  working,
  published,
  history: new Map(history),
});

describe('the mixed load lost-save check', () => {
  it('when every acknowledged save is in the history, the last is stored and the index holds the record, then nothing is lost', () => {
    const acks = [ack('p1', 3, 'third'), ack('p1', 2, 'second'), ack('p2', 5, 'live', 'live', 2)];
    const result = checkSaves(
      acks,
      new Map([
        [
          'p1',
          stored(3, 'third', [
            [2, 'second'],
            [3, 'third'],
          ]),
        ],
        ['p2', stored(5, 'live', [[5, 'live']], 'live')],
      ]),
      new Map<string, IndexedPractice>([
        ['p1', { revision: 3, summary: 'published text' }],
        ['p2', { revision: 5, summary: 'live' }],
      ]),
    );
    expect(result).toEqual({ practices: 2, acknowledged: 3, lost: [] });
  });

  it('when a later write replaced the last acknowledged text, then that save is reported lost', () => {
    const result = checkSaves(
      [ack('p1', 2, 'mine')],
      new Map([['p1', stored(2, 'someone else', [[2, 'mine']])]]),
      new Map([['p1', { revision: 2, summary: 'published text' }]]),
    );
    expect(result.lost).toEqual([
      { practiceId: 'p1', revision: 2, client: 1, problem: 'stored working copy is not the last acknowledged text' },
    ]);
  });

  it('when two saves were acknowledged with the same revision, then the second is reported as an overwrite', () => {
    const result = checkSaves(
      [ack('p1', 4, 'a', 'published text', 1), ack('p1', 4, 'b', 'published text', 2)],
      new Map([['p1', stored(4, 'b', [[4, 'b']])]]),
      new Map([['p1', { revision: 4, summary: 'published text' }]]),
    );
    expect(result.lost.map((l) => l.problem)).toEqual([
      // The first of the pair sorts first; its text is not what the history holds for revision 4.
      'revision 4 in the history holds other text',
      'revision 4 acknowledged twice (clients 1 and 2)',
    ]);
  });

  it('when an earlier acknowledged revision is missing from the history, then it is reported even though the last one is stored', () => {
    const result = checkSaves(
      [ack('p1', 2, 'second'), ack('p1', 3, 'third')],
      new Map([['p1', stored(3, 'third', [[3, 'third']])]]),
      new Map([['p1', { revision: 3, summary: 'published text' }]]),
    );
    expect(result.lost).toEqual([
      { practiceId: 'p1', revision: 2, client: 1, problem: 'revision 2 missing from the history' },
    ]);
  });

  it('when the record moved past the last acknowledged revision, then the save is reported and the index is not judged', () => {
    const result = checkSaves([ack('p1', 2, 'mine')], new Map([['p1', stored(3, 'mine', [[2, 'mine']])]]), new Map());
    expect(result.lost).toEqual([
      { practiceId: 'p1', revision: 2, client: 1, problem: 'stored at revision 3, last acknowledged 2' },
    ]);
  });

  it('when the index is behind or missing, then the last save of each practice is reported', () => {
    const result = checkSaves(
      [ack('p1', 2, 'live', 'live'), ack('p2', 7, 'draft')],
      new Map([
        ['p1', stored(2, 'live', [[2, 'live']], 'live')],
        ['p2', stored(7, 'draft', [[7, 'draft']])],
      ]),
      new Map([['p1', { revision: 1, summary: 'old' }]]),
    );
    expect(result.lost.map((l) => [l.practiceId, l.problem])).toEqual([
      ['p1', 'index at revision 1, stored 2'],
      ['p2', 'not in the search index'],
    ]);
  });

  it('when the index holds the right revision but other text, or the practice is gone, then the save is reported', () => {
    const result = checkSaves(
      [ack('p1', 2, 'live', 'live'), ack('p2', 3, 'x')],
      new Map([['p1', stored(2, 'live', [[2, 'live']], 'live')]]),
      new Map([['p1', { revision: 2, summary: 'stale' }]]),
    );
    expect(result.lost.map((l) => [l.practiceId, l.problem])).toEqual([
      ['p1', 'index summary differs from the stored published copy'],
      ['p2', 'practice not found'],
    ]);
  });
});
