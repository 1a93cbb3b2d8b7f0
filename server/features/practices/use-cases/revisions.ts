import type { PracticeStatus } from '../../../lib/policy';
import type { Revision as RevisionOf, RevisionDiff as RevisionDiffOf, RevisionSummary as RevisionSummaryOf } from '../../../lib/versioned';
import type { PracticeDoc, PracticeSnapshot, RevisionKind } from '../persistence/practice-model';
import type { Caller } from '../domain/access';
import { changedFields } from '../domain/content';
import { actionInput } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import type { Attachment } from '../domain/practice-fields';
import type { PracticesContext } from './context';
import { editEffects, signedIn } from './edit-rules';
import { snapshotJson, type PracticeJson } from './presenters';

export type RevisionSummary = RevisionSummaryOf<PracticeStatus, RevisionKind>;
/** One revision with its snapshot, presented field by field (never the stored snapshot itself). */
export type Revision = Omit<RevisionOf<PracticeSnapshot, PracticeStatus, RevisionKind>, 'snapshot'> & { snapshot: Record<string, unknown> };
export type RevisionDiff = RevisionDiffOf<PracticeStatus, RevisionKind>;
export type HistoryPage = { practice: PracticeJson; revisions: RevisionSummary[]; from: number | undefined; to: number | undefined; diff: RevisionDiff | undefined };

/** The history of a practice (the revision log underneath), and the coordinator's restore. */
export function revisions(ctx: PracticesContext) {
  const { models, store, deps } = ctx;
  const log = models.revisions;

  async function loadForHistory(caller: Caller, id: string): Promise<PracticeDoc> {
    const doc = await store.load(id);
    store.authorize(caller, 'practice.history', doc);
    return doc;
  }

  /**
   * Snapshots keep attachments without their extracted text (it can be large, and the files are kept
   * until a purge), so a restored attachment takes its text from the current copies or from its file.
   */
  async function withText(doc: PracticeDoc, attachments: PracticeSnapshot['attachments']): Promise<Attachment[]> {
    const known = new Map([...(doc.published?.attachments ?? []), ...doc.working.attachments].map((a) => [a.id, a.text]));
    return Promise.all(
      attachments.map(async (a) => ({ ...a, text: known.get(a.id) ?? (await deps.files.storedTextOf(a.storedName, a.mimeType)) })),
    );
  }

  return {
    /**
     * The history page from one read of the practice: the practice as this reader may see it, every
     * revision newest first, and the diff between `from` and `to` (by default the latest two).
     */
    async history(caller: Caller, id: string, pick: { from?: number | undefined; to?: number | undefined } = {}): Promise<HistoryPage> {
      const doc = await loadForHistory(caller, id);
      const list = await log.list(doc._id);
      const from = pick.from ?? list[1]?.number;
      const to = pick.to ?? list[0]?.number;
      const diff = from !== undefined && to !== undefined ? await log.diff(doc._id, from, to) : undefined;
      return { practice: store.json(doc, caller), revisions: list, from, to, diff };
    },

    /** The history, newest first, without the snapshots. */
    async listRevisions(caller: Caller, id: string): Promise<RevisionSummary[]> {
      return log.list((await loadForHistory(caller, id))._id);
    },

    async getRevision(caller: Caller, id: string, number: number): Promise<Revision> {
      const doc = await loadForHistory(caller, id);
      const revision = await log.get(doc._id, number);
      return { ...revision, snapshot: snapshotJson(doc._id.toHexString(), revision.snapshot) };
    },

    /** What changed from revision `a` to revision `b` (either order), field by field. */
    async diffRevisions(caller: Caller, id: string, a: number, b: number): Promise<RevisionDiff> {
      return log.diff((await loadForHistory(caller, id))._id, a, b);
    },

    /**
     * Brings back an old revision's content and place as a NEW revision; history is never rewritten.
     * It is an edit like any other: on a published practice the curator's restore is live at once.
     */
    async restoreRevision(caller: Caller, id: string, number: number, body: unknown = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.restore', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const revision = await log.find(doc._id, number);
      const { city, cityName, country, attachments, ...content } = revision.snapshot;
      const working = { ...content, attachments: await withText(doc, attachments ?? []) };
      const place = { city, cityName, country };
      const fields = changedFields({ ...doc.working, city: doc.city, country: doc.country }, { ...working, ...place });
      const { set, unset } = editEffects(store, caller, doc, working);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'restore', changedFields: fields, set: { ...set, ...place }, unset, restoredFrom: number },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },
  };
}
