import type { Connection } from 'mongoose';
import { isMongoReachable } from '../../lib/db';
import type { SearchEngine } from '../../lib/search';

export type Readiness = {
  ready: boolean;
  checks: { mongodb: 'ok' | 'unavailable'; meilisearch: 'ok' | 'unavailable' };
  failed: string[];
};

export type HealthService = ReturnType<typeof createHealthService>;

export function createHealthService(connection: Connection, search: SearchEngine) {
  return {
    async readiness(): Promise<Readiness> {
      const [mongo, meili] = await Promise.all([isMongoReachable(connection), search.isHealthy().catch(() => false)]);
      const checks = { mongodb: mongo ? 'ok' : 'unavailable', meilisearch: meili ? 'ok' : 'unavailable' } as const;
      const failed = Object.entries(checks)
        .filter(([, state]) => state !== 'ok')
        .map(([name]) => name);
      return { ready: failed.length === 0, checks, failed };
    },
  };
}
