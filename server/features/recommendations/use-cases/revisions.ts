import type { RecommendationStatus } from '../../../lib/policy';
import type { Revision as RevisionOf, RevisionDiff as RevisionDiffOf, RevisionSummary as RevisionSummaryOf } from '../../../lib/versioned';
import type { RecommendationDoc, RecommendationSnapshot, RevisionKind } from '../persistence/recommendation-model';
import type { Caller } from '../domain/access';
import { changedFields } from '../domain/content';
import { actionInput, parseInput } from '../domain/input';
import type { RecommendationsContext } from './context';
import type { RecommendationJson } from './presenters';
import { signedIn } from './rules';

export type RevisionSummary = RevisionSummaryOf<RecommendationStatus, RevisionKind>;
export type Revision = RevisionOf<RecommendationSnapshot, RecommendationStatus, RevisionKind>;
export type RevisionDiff = RevisionDiffOf<RecommendationStatus, RevisionKind>;

/** The history of a recommendation (the kit's revision log), the curators' restore, and frozen revisions. */
export function revisions(ctx: RecommendationsContext) {
  const { models, store } = ctx;
  const log = models.revisions;

  async function loadForHistory(caller: Caller, id: string): Promise<RecommendationDoc> {
    const doc = await store.load(id);
    store.authorize(caller, 'recommendation.history', doc);
    return doc;
  }

  return {
    /** The history, newest first, without the snapshots. */
    async listRevisions(caller: Caller, id: string): Promise<RevisionSummary[]> {
      return log.list((await loadForHistory(caller, id))._id);
    },

    async getRevision(caller: Caller, id: string, number: number): Promise<Revision> {
      return log.get((await loadForHistory(caller, id))._id, number);
    },

    async diffRevisions(caller: Caller, id: string, a: number, b: number): Promise<RevisionDiff> {
      return log.diff((await loadForHistory(caller, id))._id, a, b);
    },

    /**
     * Brings back an old revision's content (its evidence included) as a NEW revision; history is never
     * rewritten. On a final recommendation the restored text is public at once, like any curator's edit.
     */
    async restoreRevision(caller: Caller, id: string, number: number, body: unknown = {}): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.restore', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const revision = await log.find(doc._id, number);
      const content = revision.snapshot;
      const fields = changedFields(doc.content, content);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'restore', changedFields: fields, set: { content }, restoredFrom: number },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },

    /**
     * Revision `number` exactly as it was written: its content (evidence included), status and date. For
     * server-side features that freeze a recommendation at a revision (an edition of the proposals
     * document); no policy check: the caller decides what it may show.
     */
    async frozenRevision(id: string, number: number): Promise<{ id: string; number: number; at: Date; status: RecommendationStatus; content: RecommendationSnapshot }> {
      const doc = await store.load(id);
      const revision = await log.find(doc._id, number);
      return { id: doc._id.toHexString(), number: revision.number, at: revision.at, status: revision.status, content: revision.snapshot };
    },
  };
}
