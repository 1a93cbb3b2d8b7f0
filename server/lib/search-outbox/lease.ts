import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../db';

type LeaseDoc = { _id: string; owner: string; expiresAt: Date };

/**
 * A lease in MongoDB so that, with several app instances, one runs a job at a time. Whoever holds
 * it renews it on every run; a crashed holder's lease simply expires.
 */
export function createLease(connection: Connection, name: string, ttlMs: number, owner: string = randomUUID()) {
  const leases = () => connection.collection<LeaseDoc>('search_leases');
  return {
    owner,
    async acquire(): Promise<boolean> {
      const now = new Date();
      try {
        const doc = await leases().findOneAndUpdate(
          { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
          { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs) } },
          { upsert: true, returnDocument: 'after' },
        );
        return doc?.owner === owner;
      } catch (err) {
        // The upsert collides with a live lease held by another instance: not ours this time.
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async release(): Promise<void> {
      await leases().deleteOne({ _id: name, owner });
    },
  };
}
