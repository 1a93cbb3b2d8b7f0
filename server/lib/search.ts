import { Meilisearch, type Settings } from 'meilisearch';

/**
 * Every index this application owns, declared once. Settings are compared with the live ones and
 * sent only when they differ: each settings update makes Meilisearch re-index the whole index.
 */
export const SEARCH_INDEXES = {
  practices: {
    primaryKey: 'id',
    settings: {
      searchableAttributes: ['title', 'summary', 'themes', 'city', 'country', 'description'],
      filterableAttributes: ['themes', 'city', 'country', 'status'],
      sortableAttributes: ['publishedAt'],
      typoTolerance: { enabled: true },
    } satisfies Settings,
  },
} as const;

export type SearchIndexName = keyof typeof SEARCH_INDEXES;

// Attribute lists whose order carries no meaning; searchableAttributes order is ranking, so it is not here.
const UNORDERED_KEYS = new Set(['filterableAttributes', 'sortableAttributes', 'stopWords', 'nonSeparatorTokens']);

function normalise(value: unknown, unordered = false): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v));
    return unordered ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, normalise((value as Record<string, unknown>)[k], UNORDERED_KEYS.has(k))]),
    );
  }
  return value;
}

/** Which declared settings differ from the live ones; nested objects compare only the keys we declare. */
export function settingsDiff(declared: Settings, live: Settings): Settings {
  const diff: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(declared)) {
    let have = (live as Record<string, unknown>)[key];
    if (want && typeof want === 'object' && !Array.isArray(want) && have && typeof have === 'object') {
      have = Object.fromEntries(Object.keys(want).map((k) => [k, (have as Record<string, unknown>)[k]]));
    }
    if (JSON.stringify(normalise(want, UNORDERED_KEYS.has(key))) !== JSON.stringify(normalise(have, UNORDERED_KEYS.has(key)))) {
      diff[key] = want;
    }
  }
  return diff as Settings;
}

export class SearchEngine {
  readonly client: Meilisearch;

  constructor(
    readonly host: string,
    apiKey: string,
    readonly indexPrefix = '',
  ) {
    this.client = new Meilisearch({ host, apiKey, timeout: 10000 });
  }

  indexUid(name: SearchIndexName): string {
    return `${this.indexPrefix}${name}`;
  }

  index(name: SearchIndexName) {
    return this.client.index(this.indexUid(name));
  }

  async isHealthy(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async version(): Promise<string> {
    return (await this.client.getVersion()).pkgVersion;
  }

  /** Creates missing indexes and applies settings that differ; returns the names whose settings were changed. */
  async ensureIndexes(): Promise<SearchIndexName[]> {
    const changed: SearchIndexName[] = [];
    for (const [name, declared] of Object.entries(SEARCH_INDEXES) as [SearchIndexName, (typeof SEARCH_INDEXES)[SearchIndexName]][]) {
      const uid = this.indexUid(name);
      const exists = await this.client.getRawIndex(uid).then(
        () => true,
        (err: unknown) => {
          if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
          throw err;
        },
      );
      if (!exists) await this.client.createIndex(uid, { primaryKey: declared.primaryKey }).waitTask();
      const diff = settingsDiff(declared.settings, await this.client.index(uid).getSettings());
      if (Object.keys(diff).length > 0) {
        await this.client.index(uid).updateSettings(diff).waitTask();
        changed.push(name);
      }
    }
    return changed;
  }

  /** Removes every index with this engine's prefix; used by tests that share one Meilisearch. */
  async dropOwnIndexes(): Promise<void> {
    if (!this.indexPrefix) throw new Error('Refusing to drop indexes without a prefix');
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    for (const idx of results.filter((i) => i.uid.startsWith(this.indexPrefix))) {
      await this.client.deleteIndex(idx.uid).waitTask();
    }
  }
}
