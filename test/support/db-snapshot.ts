import { createHash } from 'node:crypto';
import { EJSON } from 'bson';
import type { Connection } from '../../server/lib/db';

/**
 * Collections that change on any request, whatever it does: the session store (rolling sessions push
 * the idle deadline forward) and the rate-limit counters (they count attempts, refused ones too).
 */
const BOOKKEEPING = new Set(['sessions', 'rate_limits']);

/** Fields that record use, not content: an API token's last use changes with every call it authenticates. */
const BOOKKEEPING_FIELDS: Record<string, readonly string[]> = { apitokens: ['lastUsedAt'] };

export type DbSnapshot = Record<string, { count: number; sha256: string }>;

/**
 * Every collection of the test database by name, with its document count and a hash of its documents in
 * _id order: two snapshots are equal exactly when nothing was stored, changed or removed in between.
 */
export async function dbSnapshot(db: Connection, options: { ignore?: readonly string[] } = {}): Promise<DbSnapshot> {
  const ignore = new Set([...BOOKKEEPING, ...(options.ignore ?? [])]);
  const names = (await db.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !ignore.has(n)).sort();
  const snapshot: DbSnapshot = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    const hash = createHash('sha256');
    for (const doc of docs) {
      for (const field of BOOKKEEPING_FIELDS[name] ?? []) delete doc[field];
      hash.update(EJSON.stringify(doc, { relaxed: false })).update('\n');
    }
    snapshot[name] = { count: docs.length, sha256: hash.digest('hex') };
  }
  return snapshot;
}
