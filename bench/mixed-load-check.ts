/**
 * The lost-save check of the mixed load phase, kept free of I/O so it can be unit-tested: given every
 * save the server acknowledged and what MongoDB and the search index hold afterwards, it names each
 * acknowledged save that is not where it must be.
 */

/** One save the server answered 200: the revision it created and the copies its answer showed. */
export type AckedSave = {
  practiceId: string;
  client: number;
  /** The revision the answer reported (the save's own revision). */
  revision: number;
  /** The summary the client sent, which the answer's working copy must show. */
  working: string;
  /** The published summary the answer showed (null while never published). */
  published: string | null;
};

/** A practice as read back after the phase: its record and, for acknowledged revisions, its history. */
export type StoredPractice = {
  revision: number;
  working: string;
  published: string | null;
  /** The working summary of each revision in the history (only the numbers asked for need be present). */
  history: ReadonlyMap<number, string>;
};

/** The practice's document in the search index after the outbox drained (undefined when absent). */
export type IndexedPractice = { revision: number; summary: string };

export type LostSave = { practiceId: string; revision: number; client: number | undefined; problem: string };

export type SaveCheck = {
  practices: number;
  acknowledged: number;
  lost: LostSave[];
};

/** The acknowledged saves per practice, newest revision last. */
function byPractice(acks: readonly AckedSave[]): Map<string, AckedSave[]> {
  const out = new Map<string, AckedSave[]>();
  for (const ack of acks) {
    const list = out.get(ack.practiceId) ?? [];
    list.push(ack);
    out.set(ack.practiceId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.revision - b.revision);
  return out;
}

/**
 * Every acknowledged save must be in the history under its own revision with its own text; two saves
 * acknowledged with the same revision mean one overwrote the other (optimistic concurrency failed).
 * The newest acknowledged save must be the stored record (nobody else writes these practices during the
 * phase), and the index must hold that record: its revision and its published summary, which is the
 * saved text itself when the save changed the published copy (a curator's edit of a published practice).
 */
export function checkSaves(
  acks: readonly AckedSave[],
  stored: ReadonlyMap<string, StoredPractice>,
  indexed: ReadonlyMap<string, IndexedPractice>,
): SaveCheck {
  const lost: LostSave[] = [];
  const grouped = byPractice(acks);
  for (const [practiceId, saves] of grouped) {
    const record = stored.get(practiceId);
    if (!record) {
      lost.push({ practiceId, revision: saves.at(-1)!.revision, client: undefined, problem: 'practice not found' });
      continue;
    }
    for (const [i, save] of saves.entries()) {
      const lose = (problem: string) =>
        lost.push({ practiceId, revision: save.revision, client: save.client, problem });
      if (i > 0 && saves[i - 1]!.revision === save.revision) {
        lose(`revision ${save.revision} acknowledged twice (clients ${saves[i - 1]!.client} and ${save.client})`);
        continue;
      }
      const inHistory = record.history.get(save.revision);
      if (inHistory === undefined) lose(`revision ${save.revision} missing from the history`);
      else if (inHistory !== save.working) lose(`revision ${save.revision} in the history holds other text`);
    }
    const last = saves.at(-1)!;
    const loseLast = (problem: string) =>
      lost.push({ practiceId, revision: last.revision, client: last.client, problem });
    if (record.revision !== last.revision) {
      loseLast(`stored at revision ${record.revision}, last acknowledged ${last.revision}`);
      continue;
    }
    if (record.working !== last.working) loseLast('stored working copy is not the last acknowledged text');
    if (record.published !== last.published) loseLast('stored published copy is not the one the last save showed');
    const doc = indexed.get(practiceId);
    if (!doc) loseLast('not in the search index');
    else if (doc.revision !== record.revision) loseLast(`index at revision ${doc.revision}, stored ${record.revision}`);
    else if (doc.summary !== (record.published ?? record.working))
      loseLast('index summary differs from the stored published copy');
  }
  return { practices: grouped.size, acknowledged: acks.length, lost };
}
