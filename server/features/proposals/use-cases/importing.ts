import { trusted } from 'mongoose';
import type { EditionDoc } from '../persistence/edition-model';
import type { ProposalsContext } from './context';

/**
 * For imports (the demo seed): find an edition by its import key, and undo an import. Editions are written
 * through the ordinary use cases (create, publish); only the key is bookkeeping.
 */
export function importing(ctx: ProposalsContext) {
  const { Edition, revisions } = ctx.models;
  return {
    async imported(importKey: string): Promise<{ id: string; status: EditionDoc['status'] } | undefined> {
      const doc = await Edition.findOne({ importKey }, { _id: 1, status: 1 }).lean<Pick<EditionDoc, '_id' | 'status'>>();
      return doc ? { id: doc._id.toHexString(), status: doc.status } : undefined;
    },

    /** Removes every edition whose import key starts with the prefix, with its history. */
    async removeImported(importKeyPrefix: string): Promise<number> {
      if (!/^[\w.:-]{3,}$/.test(importKeyPrefix)) throw new Error('removeImported needs a specific import key prefix');
      const docs = await Edition.find({ importKey: trusted({ $regex: `^${importKeyPrefix.replace(/[.]/g, '\\.')}` }) }, { _id: 1 }).lean<Pick<EditionDoc, '_id'>[]>();
      for (const doc of docs) {
        await Edition.deleteOne({ _id: doc._id });
        await revisions.removeAll(doc._id);
      }
      return docs.length;
    },
  };
}
