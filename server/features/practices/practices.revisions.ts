import { NotFoundError } from '../../lib/errors';
import { changedFields } from './practices.content';
import type { PracticesContext } from './practices.context';
import { diffSnapshots, type FieldDiff } from './practices.diff';
import { signedIn, type editing } from './practices.editing';
import type { Attachment, PracticeDoc, PracticeSnapshot, RevisionDoc, RevisionKind } from './practices.model';
import { actionInput, parseInput } from './practices.schema';
import type { Caller, PracticeJson } from './practices.view';
import type { PracticeStatus } from '../../lib/policy';

export type RevisionSummary = {
  number: number;
  at: Date;
  by: string;
  byName: string | undefined;
  kind: RevisionKind;
  changedFields: string[];
  status: PracticeStatus;
  note: string | undefined;
  restoredFrom: number | undefined;
};

export type Revision = RevisionSummary & { snapshot: PracticeSnapshot };

export type RevisionDiff = { from: RevisionSummary; to: RevisionSummary; fields: FieldDiff[] };

export function revisions(ctx: PracticesContext, edits: Pick<ReturnType<typeof editing>, 'editEffects'>) {
  const { models, store, deps } = ctx;
  const { PracticeRevision } = models;

  async function names(docs: RevisionDoc[]): Promise<Map<string, string>> {
    const ids = [...new Set(docs.map((d) => d.by.toHexString()))];
    const users = await Promise.all(ids.map((id) => deps.users.findById(id)));
    return new Map(users.flatMap((u) => (u ? [[u.id, u.name] as const] : [])));
  }

  const summary = (doc: RevisionDoc, byName: Map<string, string>): RevisionSummary => ({
    number: doc.number,
    at: doc.at,
    by: doc.by.toHexString(),
    byName: byName.get(doc.by.toHexString()),
    kind: doc.kind,
    changedFields: doc.changedFields,
    status: doc.status,
    note: doc.note,
    restoredFrom: doc.restoredFrom,
  });

  async function loadForHistory(caller: Caller, id: string): Promise<PracticeDoc> {
    const doc = await store.load(id);
    store.authorize(caller, 'practice.history', doc);
    return doc;
  }

  async function findRevision(doc: PracticeDoc, number: number): Promise<RevisionDoc> {
    const revision = await PracticeRevision.findOne({ practiceId: doc._id, number }).lean<RevisionDoc>();
    if (!revision) throw new NotFoundError();
    return revision;
  }

  /**
   * Snapshots keep attachments without their extracted text (it can be large, and the files are kept
   * until a purge), so a restored attachment takes its text from the current copies or from its file.
   */
  async function withText(doc: PracticeDoc, attachments: PracticeSnapshot['attachments']): Promise<Attachment[]> {
    const known = new Map(
      [...(doc.published?.attachments ?? []), ...doc.working.attachments].map((a) => [a.id, a.text]),
    );
    return Promise.all(
      attachments.map(async (a) => ({
        ...a,
        text: known.get(a.id) ?? (await deps.files.storedTextOf(a.storedName, a.mimeType)),
      })),
    );
  }

  return {
    /** The history, newest first, without the snapshots. */
    async listRevisions(caller: Caller, id: string): Promise<RevisionSummary[]> {
      const doc = await loadForHistory(caller, id);
      const docs = await PracticeRevision.find({ practiceId: doc._id }, { snapshot: 0 })
        .sort({ number: -1 })
        .lean<RevisionDoc[]>();
      const byName = await names(docs);
      return docs.map((d) => summary(d, byName));
    },

    async getRevision(caller: Caller, id: string, number: number): Promise<Revision> {
      const doc = await loadForHistory(caller, id);
      const revision = await findRevision(doc, number);
      return { ...summary(revision, await names([revision])), snapshot: revision.snapshot };
    },

    /** What changed from revision `a` to revision `b` (either order), field by field. */
    async diffRevisions(caller: Caller, id: string, a: number, b: number): Promise<RevisionDiff> {
      const doc = await loadForHistory(caller, id);
      const [from, to] = await Promise.all([findRevision(doc, a), findRevision(doc, b)]);
      const byName = await names([from, to]);
      return {
        from: summary(from, byName),
        to: summary(to, byName),
        fields: diffSnapshots(from.snapshot, to.snapshot),
      };
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
      const revision = await findRevision(doc, number);
      const { city, cityName, country, attachments, ...content } = revision.snapshot;
      const working = { ...content, attachments: await withText(doc, attachments ?? []) };
      const place = { city, cityName, country };
      const fields = changedFields({ ...doc.working, city: doc.city, country: doc.country }, { ...working, ...place });
      const { set, unset } = edits.editEffects(caller, doc, working);
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
