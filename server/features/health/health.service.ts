import type { Connection } from 'mongoose';
import { isMongoReachable } from '../../lib/db';
import type { DatabaseKind } from '../../lib/embedded/database-choice';
import type { SearchEngine } from '../../lib/search';

export type Readiness = {
  ready: boolean;
  /** Which database this is (never its address): MongoDB, a local mongod, or the bundled store for trying the app. */
  database: DatabaseKind;
  checks: { mongodb: 'ok' | 'unavailable'; meilisearch: 'ok' | 'unavailable' };
  failed: string[];
  /** Practices saved but not yet in the search index, and how long the oldest has waited. */
  searchIndex?: { pending: number; oldestPendingSeconds: number | null };
};

type Backlog = () => Promise<{ pending: number; oldestPendingSeconds: number | null }>;

export type HealthService = ReturnType<typeof createHealthService>;

export function createHealthService(
  connection: Connection,
  search: SearchEngine,
  options: { backlog?: Backlog; database: DatabaseKind },
) {
  const { backlog, database } = options;
  return {
    async readiness(): Promise<Readiness> {
      const [mongo, meili] = await Promise.all([isMongoReachable(connection), search.isHealthy().catch(() => false)]);
      const checks = { mongodb: mongo ? 'ok' : 'unavailable', meilisearch: meili ? 'ok' : 'unavailable' } as const;
      const failed = Object.entries(checks)
        .filter(([, state]) => state !== 'ok')
        .map(([name]) => name);
      // Indexing lag is reported, not a reason to refuse traffic: saves keep working while it catches up.
      const searchIndex =
        mongo && backlog
          ? await backlog().then(({ pending, oldestPendingSeconds }) => ({ pending, oldestPendingSeconds }))
          : undefined;
      return { ready: failed.length === 0, database, checks, failed, ...(searchIndex ? { searchIndex } : {}) };
    },
  };
}
