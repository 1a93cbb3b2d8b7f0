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
  // Until when this instance surely holds the lease: no other can take it before it expires, so a
  // lease renewed less than half its time ago is not written again (the sync runs several times a second).
  let heldUntil = 0;
  return {
    owner,
    async acquire(): Promise<boolean> {
      const now = new Date();
      if (now.getTime() < heldUntil - ttlMs / 2) return true;
      try {
        const doc = await leases().findOneAndUpdate(
          { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
          { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs) } },
          { upsert: true, returnDocument: 'after' },
        );
        const held = doc?.owner === owner;
        heldUntil = held ? now.getTime() + ttlMs : 0;
        return held;
      } catch (err) {
        // The upsert collides with a live lease held by another instance: not ours this time.
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async release(): Promise<void> {
      heldUntil = 0;
      await leases().deleteOne({ _id: name, owner });
    },
  };
}
