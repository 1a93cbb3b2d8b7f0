import type { Connection } from 'mongoose';

type VersionDoc = { _id: string; version: number };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export type ReferenceCache<T> = {
  /** The data, from this process's copy while it is current. */
  get(): Promise<T>;
  /** After a write: bumps the change counter (every instance reloads) and drops this copy at once. */
  changed(): Promise<void>;
};

/**
 * Reference data (the network's cities and events, the vocabularies) is read on nearly every request and
 * changes rarely. Each process keeps a copy; a change counter in MongoDB (`reference_versions`, one
 * document per set) tells every instance when to reload. A writer calls `changed()` after its write, so
 * its own instance is current at once; other instances compare the counter at most every `checkEveryMs`
 * (one small read per second, instead of several reads per request).
 */
export function createReferenceCache<T>(
  connection: Connection,
  name: string,
  load: () => Promise<T>,
  options: { checkEveryMs?: number; now?: () => number } = {},
): ReferenceCache<T> {
  const checkEveryMs = options.checkEveryMs ?? 1000;
  const now = options.now ?? Date.now;
  const versions = () => connection.collection<VersionDoc>('reference_versions');
  let copy: { version: number; value: T; checkedAt: number } | undefined;
  let loading: Promise<T> | undefined;

  const storedVersion = async () => (await versions().findOne({ _id: name }))?.version ?? 0;

  async function reload(): Promise<T> {
    // The counter is read before the data: a change that lands during the load makes the next check reload.
    const version = await storedVersion();
    // Frozen: every caller shares this copy, so none may change it for the others.
    const value = deepFreeze(await load());
    copy = { version, value, checkedAt: now() };
    return value;
  }

  async function current(): Promise<T> {
    if (copy && now() - copy.checkedAt < checkEveryMs) return copy.value;
    if (copy && (await storedVersion()) === copy.version) {
      copy.checkedAt = now();
      return copy.value;
    }
    return reload();
  }

  return {
    get() {
      // Concurrent requests share one check or load.
      loading ??= current().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    async changed() {
      copy = undefined;
      await versions().updateOne({ _id: name }, { $inc: { version: 1 } }, { upsert: true });
    },
  };
}
