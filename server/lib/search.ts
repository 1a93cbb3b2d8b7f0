import { createHash } from 'node:crypto';
import { Meilisearch, type Settings } from 'meilisearch';

/**
 * Every index this application owns, declared once. Settings are compared with the live ones and
 * sent only when they differ: each settings update makes Meilisearch re-index the whole index.
 * Searchable attributes are in ranking order, and the stemmed twins (each word folded and stemmed,
 * see search.document.ts) come after every field as written, so a word found as typed outranks a word
 * found in another form or spelling.
 */
export const SEARCH_INDEXES = {
  practices: {
    primaryKey: 'id',
    settings: {
      searchableAttributes: [
        'title', 'titleEn', 'summary', 'summaryEn', 'themeLabels', 'cityName', 'country', 'targetGroupLabels', 'description',
        'results', 'transferability', 'lessons', 'attachments.text', 'attachments.name',
        'stemmed.title', 'stemmed.titleEn', 'stemmed.summary', 'stemmed.summaryEn', 'stemmed.themeLabels', 'stemmed.cityName',
        'stemmed.targetGroupLabels', 'stemmed.description', 'stemmed.results', 'stemmed.transferability', 'stemmed.lessons',
        'stemmed.attachments', 'stemmed.attachmentNames',
      ],
      filterableAttributes: [
        'themes', 'city', 'country', 'targetGroups', 'startYear', 'endYear', 'ongoing', 'event', 'language', 'status', 'hasIndicators', 'id',
      ],
      sortableAttributes: ['publishedAt', 'startYear', 'budgetEur'],
      displayedAttributes: ['*'],
      typoTolerance: { enabled: true },
      pagination: { maxTotalHits: 10000 },
      faceting: { maxValuesPerFacet: 200 },
      // Proximity by attribute (are the words in the same field?) rather than by word distance: it makes
      // indexing several times faster and searching cheaper; the query's words still rank by field.
      proximityPrecision: 'byAttribute',
      // Facet values are listed, never searched: no facet-search index to build.
      facetSearch: false,
    } satisfies Settings,
  },
  // Final recommendations and those in consultation (the query filters by status for each reader).
  recommendations: {
    primaryKey: 'id',
    settings: {
      searchableAttributes: [
        'title', 'folded.title', 'summary', 'folded.summary', 'measureGroupLabels', 'themeLabels', 'targetGroupLabels',
        'problem', 'folded.problem', 'actions', 'folded.actions', 'preconditions', 'folded.preconditions', 'risks',
        'folded.risks', 'evidence', 'folded.evidence',
      ],
      filterableAttributes: [
        'id', 'status', 'measureGroup', 'themes', 'targetGroups', 'horizons', 'costBands', 'populationBands', 'trends', 'roles', 'priority',
      ],
      sortableAttributes: ['finalisedAt', 'updatedAt', 'evidenceCount', 'priorityRank'],
      displayedAttributes: ['*'],
      typoTolerance: { enabled: true },
      pagination: { maxTotalHits: 10000 },
      faceting: { maxValuesPerFacet: 200 },
    } satisfies Settings,
  },
} as const; // prettier-ignore

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
    const isMap = key === 'synonyms';
    if (!isMap && want && typeof want === 'object' && !Array.isArray(want) && have && typeof have === 'object') {
      have = Object.fromEntries(Object.keys(want).map((k) => [k, (have as Record<string, unknown>)[k]]));
    }
    if (
      JSON.stringify(normalise(want, UNORDERED_KEYS.has(key))) !==
      JSON.stringify(normalise(have, UNORDERED_KEYS.has(key)))
    ) {
      diff[key] = want;
    }
  }
  return diff;
}

const INDEXER_ACTIONS = [
  'documents.add', 'documents.get', 'documents.delete', 'indexes.create', 'indexes.get', 'indexes.update',
  'indexes.delete', 'indexes.swap', 'settings.get', 'settings.update', 'tasks.get', 'stats.get', 'version',
] as const; // prettier-ignore

/** A stable UUID per installation and purpose, so restarts find the key they created instead of adding one. */
function keyUid(prefix: string, purpose: string): string {
  const hex = createHash('sha256').update(`decode-kb:${prefix}:${purpose}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function ensureKey(
  admin: Meilisearch,
  options: { prefix: string; purpose: string; actions: string[]; indexes: string[] },
): Promise<string> {
  const uid = keyUid(options.prefix, options.purpose);
  try {
    return (await admin.getKey(uid)).key;
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'api_key_not_found') throw err;
  }
  const created = await admin.createKey({
    uid,
    name: `decode-kb ${options.purpose}${options.prefix ? ` (${options.prefix})` : ''}`,
    description: `DeCoDe knowledge base: ${options.purpose} key`,
    actions: options.actions,
    indexes: options.indexes,
    expiresAt: null,
  });
  return created.key;
}

export class SearchEngine {
  /** Indexing and settings: never handed to request handlers that only search. */
  readonly client: Meilisearch;
  /** Searching only: the key request handlers use. */
  readonly searchClient: Meilisearch;

  constructor(
    readonly host: string,
    keys: string | { indexer: string; search: string },
    readonly indexPrefix = '',
  ) {
    const { indexer, search } = typeof keys === 'string' ? { indexer: keys, search: keys } : keys;
    this.client = new Meilisearch({ host, apiKey: indexer, timeout: 10000 });
    // Meilisearch writes a search answer of more than a few KB in several pieces with Nagle's algorithm
    // on, so over a kept-alive connection its last piece waits for this side's delayed ACK (40 ms on
    // Linux) on nearly every search. A new connection is acknowledged at once: `npm run bench` measured
    // the page's main query at 64 ms with keep-alive and 24 ms without.
    this.searchClient = new Meilisearch({
      host,
      apiKey: search,
      timeout: 5000,
      requestInit: { headers: { Connection: 'close' } },
    });
  }

  /**
   * Uses the master key once, at start-up, to create (or find) two restricted keys; the running
   * server holds only those, so the master key is never used at request time.
   */
  static async connect(host: string, masterKey: string, indexPrefix = ''): Promise<SearchEngine> {
    const admin = new Meilisearch({ host, apiKey: masterKey, timeout: 10000 });
    const indexes = [`${indexPrefix}*`];
    const [indexer, search] = await Promise.all([
      ensureKey(admin, { prefix: indexPrefix, purpose: 'indexer', actions: [...INDEXER_ACTIONS], indexes }),
      ensureKey(admin, { prefix: indexPrefix, purpose: 'search', actions: ['search'], indexes }),
    ]);
    return new SearchEngine(host, { indexer, search }, indexPrefix);
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

  async indexExists(uid: string): Promise<boolean> {
    return this.client.getRawIndex(uid).then(
      () => true,
      (err: unknown) => {
        if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
        throw err;
      },
    );
  }

  /** Creates the index if missing and applies settings that differ; true when something was sent. */
  async ensureIndex(uid: string, name: SearchIndexName, extra: Settings = {}): Promise<boolean> {
    const declared = SEARCH_INDEXES[name];
    // Tasks queue behind others (a settings change re-indexes everything): wait as long as for settings.
    if (!(await this.indexExists(uid)))
      await this.client.createIndex(uid, { primaryKey: declared.primaryKey }).waitTask({ timeout: 120000 });
    const diff = settingsDiff({ ...declared.settings, ...extra }, await this.client.index(uid).getSettings());
    if (Object.keys(diff).length === 0) return false;
    await this.client.index(uid).updateSettings(diff).waitTask({ timeout: 120000 });
    return true;
  }

  /** Every declared index; `extra` adds settings kept elsewhere (the synonyms). Returns the changed ones. */
  async ensureIndexes(extra: Partial<Record<SearchIndexName, Settings>> = {}): Promise<SearchIndexName[]> {
    const changed: SearchIndexName[] = [];
    for (const name of Object.keys(SEARCH_INDEXES) as SearchIndexName[]) {
      if (await this.ensureIndex(this.indexUid(name), name, extra[name])) changed.push(name);
    }
    return changed;
  }

  /** Removes every index with this engine's prefix; used by tests that share one Meilisearch. */
  async dropOwnIndexes(): Promise<void> {
    if (!this.indexPrefix) throw new Error('Refusing to drop indexes without a prefix');
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    for (const idx of results.filter((i) => i.uid.startsWith(this.indexPrefix))) {
      await this.client.deleteIndex(idx.uid).waitTask({ timeout: 120000 });
    }
  }
}
