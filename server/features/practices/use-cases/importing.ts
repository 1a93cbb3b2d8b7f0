import { Types, trusted } from 'mongoose';
import { isDuplicateKey } from '../../../lib/db';
import { ValidationError, type FieldErrors } from '../../../lib/errors';
import type { User } from '../../users';
import { actorOf, type Caller } from '../domain/access';
import { changedFields, missingForSubmission } from '../domain/content';
import type { PracticeDoc } from '../persistence/practice-model';
import type { PracticesContext } from './context';
import { signedIn } from './edit-rules';
import { newPractice } from './editing';

export type ImportOptions = {
  /** Publish each practice at once (every field submission needs must then be filled in); else drafts. */
  publish: boolean;
};

export type ImportCheck = { ok: true; title: string; city: string; cityName: string } | { ok: false; errors: FieldErrors };

/** Import keys are ours (`import:<job>:<row>`): nothing a client sends becomes a pattern. */
const IMPORT_KEY = /^[\w:.-]{3,200}$/;

/**
 * Bulk import by the curators: each row is the body of `POST /api/practices` and goes through the same
 * checks (schema, place, vocabularies, event) and the same write (store.insert, so the search outbox
 * picks it up). Rows carry an import key, which makes writing a row again a no-op and lets a whole import
 * be taken back.
 */
export function importing(ctx: PracticesContext) {
  const { models, store, deps } = ctx;

  function importer(caller: Caller): User {
    if (!deps.can(actorOf(caller), 'practice.import')) store.deny(caller);
    return signedIn(caller);
  }

  async function prepare(body: unknown, options: ImportOptions) {
    // An importer acts for every city, so the row must say whose practice it is (no "own city" default).
    const prepared = await newPractice(deps, body, undefined);
    if (options.publish) {
      const missing = missingForSubmission({ working: prepared.working, ...prepared.place });
      if (Object.keys(missing).length > 0) throw new ValidationError('practices.error.incomplete', missing);
    }
    return prepared;
  }

  return {
    /** The dry run of one row: what would be written, or every reason it would be refused. */
    async checkImport(caller: Caller, body: unknown, options: ImportOptions): Promise<ImportCheck> {
      importer(caller);
      try {
        const { working, place } = await prepare(body, options);
        return { ok: true, title: working.title, city: place.city, cityName: place.cityName };
      } catch (err) {
        if (err instanceof ValidationError) return { ok: false, errors: err.fields };
        throw err;
      }
    },

    /**
     * Writes one row (checked again: vocabularies or events may have changed since the dry run). Writing
     * the same import key twice returns the practice written the first time.
     */
    async importPractice(caller: Caller, body: unknown, options: ImportOptions & { importKey: string }): Promise<{ id: string; created: boolean }> {
      const user = importer(caller);
      if (!IMPORT_KEY.test(options.importKey)) throw new Error('importPractice needs an import key of its own making');
      const { working, place } = await prepare(body, options);
      try {
        const doc = await store.insert(
          { working, status: options.publish ? 'published' : 'draft', location: place, by: new Types.ObjectId(user.id), importKey: options.importKey },
          { changedFields: changedFields({}, { ...working, ...place }) },
        );
        return { id: doc._id.toHexString(), created: true };
      } catch (err) {
        // Written before (a resumed import): the unique import key says so without a lookup per row.
        if (!isDuplicateKey(err)) throw err;
        const existing = await models.Practice.findOne({ importKey: options.importKey }, { _id: 1 }).lean<Pick<PracticeDoc, '_id'>>();
        if (!existing) throw err;
        return { id: existing._id.toHexString(), created: false };
      }
    },

    /**
     * Takes an import back: every practice whose import key starts with the prefix is erased with its
     * history. The import's own audit entry says so; the rows are not audited one by one.
     */
    async undoImport(caller: Caller, importKeyPrefix: string): Promise<{ removed: number; kept: number }> {
      importer(caller);
      if (!IMPORT_KEY.test(importKeyPrefix)) throw new Error('undoImport needs a specific import key prefix');
      const pattern = `^${importKeyPrefix.replace(/[.]/g, '\\.')}`;
      const docs = await models.Practice.find({ importKey: trusted({ $regex: pattern }) }).lean<PracticeDoc[]>();
      let removed = 0;
      for (const doc of docs) {
        // Guarded by the revision read just now: a practice someone edited meanwhile is kept and counted.
        if (await store.erase(doc)) removed += 1;
      }
      return { removed, kept: docs.length - removed };
    },
  };
}
