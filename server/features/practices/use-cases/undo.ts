import { UNDO_WINDOW_MS } from '../../../lib/policy';
import { actorOf, type Caller } from '../domain/access';
import type { PracticesContext } from './context';
import { undoOffers } from './presenters';

/** A practice its deleter may still bring back, as the undo offer on their city's page names it. */
export type DeletionUndo = { id: string; title: string; revision: number; until: Date | null };

/** What a person may still take back after deleting (attachments: see attachments.ts and the practice view). */
export function undoing(ctx: PracticesContext) {
  const { reads, deps } = ctx;

  return {
    /**
     * The practices of the caller's city that the caller deleted and may still bring back: once deleted
     * they are gone from every list the partner sees, so their city's page offers the undo.
     */
    async undoableDeletions(caller: Caller): Promise<DeletionUndo[]> {
      if (!caller?.city) return [];
      const since = new Date(deps.now().getTime() - UNDO_WINDOW_MS);
      const docs = await reads.deletedBy(caller.city, caller.id, since);
      return docs.flatMap((doc) => {
        const offer = undoOffers(doc, actorOf(caller), deps.can).deletion;
        if (!offer) return [];
        return [{ id: doc._id.toHexString(), title: doc.working.title, revision: doc.revision, until: offer.until }];
      });
    },
  };
}
