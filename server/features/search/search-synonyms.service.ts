import { Types, type Connection } from 'mongoose';
import { NotFoundError, refusal, ValidationError } from '../../lib/errors';
import { foldText } from '../../lib/fold';
import type { Actor, Can } from '../../lib/policy';
import { SEARCH_INDEXES, type SearchEngine, type SearchIndexName } from '../../lib/search';
import { queryPhrase, type StemLanguage } from '../../lib/stemming/stemmers';
import { ConceptIndex } from './search-concepts';
import { SynonymVocabulary, type QueryAids } from './search-query-plan';
import { searchModels, type SynonymGroupDoc } from './search.model';
import baseSynonyms from './synonyms.json';

export type SynonymGroup = {
  key: string;
  terms: string[];
  source: 'base' | 'custom';
  id?: string;
  /** The base set says which language each term is in; a coordinator's group does not. */
  byLanguage?: Partial<Record<StemLanguage, string[]>>;
};

// Imported rather than read from disk, so the build carries the file into dist/ with the code.
export const BASE_CONCEPTS = new ConceptIndex(baseSynonyms.groups);

function loadBaseGroups(): SynonymGroup[] {
  return baseSynonyms.groups.map((g) => {
    const byLanguage = g.terms as Partial<Record<StemLanguage, string[]>>;
    return { key: g.key, terms: Object.values(byLanguage).flat(), byLanguage, source: 'base' as const };
  });
}

/**
 * The spellings under which a coordinator's term is found: lower-cased, folded (a query typed without
 * ł or ø) and as the query side stems it (queryPhrase), since the query's stems come first. The base
 * groups are not Meilisearch synonyms at all but concepts marked in the index (search-concepts.ts).
 */
function spellings(group: Pick<SynonymGroup, 'terms'>): Set<string> {
  const out = new Set<string>();
  for (const term of group.terms) {
    const lower = term.toLowerCase().trim().replace(/\s+/g, ' ');
    for (const spelling of lower ? [lower, foldText(lower), queryPhrase(lower)] : []) if (spelling) out.add(spelling);
  }
  return out;
}

/** Meilisearch synonyms as a map: every spelling of every term of a group lists all the others. */
export function synonymMap(groups: readonly Pick<SynonymGroup, 'terms'>[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...spellings(group)];
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return Object.fromEntries(
    [...map].sort(([a], [b]) => a.localeCompare(b)).map(([term, others]) => [term, [...others].sort()]),
  );
}

// How long the query side trusts its copy of the coordinator's groups; a change made on this instance
// is seen at once, one made on another instance within this time.
const VOCABULARY_TTL_MS = 60_000;

export type SynonymsService = ReturnType<typeof createSynonymsService>;

export function createSynonymsService(connection: Connection, deps: { search: SearchEngine; can: Can }) {
  const { SynonymGroup } = searchModels(connection);
  const base = loadBaseGroups();

  function assertManager(actor: Actor | null) {
    if (!deps.can(actor, 'search.manage')) throw refusal(Boolean(actor));
  }

  async function listGroups(): Promise<SynonymGroup[]> {
    const custom = await SynonymGroup.find().sort({ createdAt: 1 }).lean<SynonymGroupDoc[]>();
    return [
      ...base,
      ...custom.map((g) => ({
        key: g.terms[0] ?? g._id.toHexString(),
        terms: g.terms,
        source: 'custom' as const,
        id: g._id.toHexString(),
      })),
    ];
  }

  const customGroups = async () => (await listGroups()).filter((g) => g.source === 'custom');

  /**
   * The synonyms setting of an index. Practices carry the base groups as concepts in their documents
   * (search-concepts.ts), so their index gets only the coordinator's groups; recommendations, searched
   * as written, get every group as Meilisearch synonyms.
   */
  async function settings(index: SearchIndexName = 'practices'): Promise<{ synonyms: Record<string, string[]> }> {
    return { synonyms: synonymMap(index === 'practices' ? await customGroups() : await listGroups()) };
  }

  let aidsCache: { at: number; value: Promise<QueryAids> } | undefined;

  /** The synonym map and its single-word spellings, for the query side (cached). */
  function queryAids(): Promise<QueryAids> {
    if (!aidsCache || Date.now() - aidsCache.at > VOCABULARY_TTL_MS) {
      const value = customGroups().then((groups) => {
        const synonyms = synonymMap(groups);
        return {
          synonyms,
          concepts: BASE_CONCEPTS,
          vocabulary: new SynonymVocabulary([...Object.keys(synonyms), ...BASE_CONCEPTS.terms]),
        };
      });
      const cached = { at: Date.now(), value };
      // A failed read is not kept: the next search tries again.
      value.catch(() => {
        if (aidsCache === cached) aidsCache = undefined;
      });
      aidsCache = cached;
    }
    return aidsCache.value;
  }

  /**
   * Sends each index (or the ones named) its synonyms when they differ from the live ones; a stopped
   * engine gets them on its next sync.
   */
  async function apply(names = Object.keys(SEARCH_INDEXES) as SearchIndexName[]): Promise<boolean> {
    aidsCache = undefined;
    let changed = false;
    for (const name of names) {
      if (await deps.search.ensureIndex(deps.search.indexUid(name), name, await settings(name))) changed = true;
    }
    return changed;
  }

  return {
    listGroups,
    settings,
    apply,
    queryAids,

    /** Saved first (MongoDB is the truth); applying may fail while Meilisearch is down and is retried by the sync. */
    async addGroup(actor: Actor | null, terms: string[]): Promise<SynonymGroup> {
      assertManager(actor);
      const cleaned = [...new Set(terms.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))];
      if (cleaned.length < 2 || cleaned.length > 30 || cleaned.some((t) => t.length > 60)) {
        throw new ValidationError('error.message.validation', { terms: ['search.synonyms.error.terms'] });
      }
      const doc = await SynonymGroup.create({ terms: cleaned, createdBy: new Types.ObjectId(actor!.id) });
      await apply().catch(() => false);
      return { key: cleaned[0]!, terms: cleaned, source: 'custom', id: doc._id.toHexString() };
    },

    async removeGroup(actor: Actor | null, id: string): Promise<void> {
      assertManager(actor);
      if (!Types.ObjectId.isValid(id)) throw new NotFoundError();
      const res = await SynonymGroup.deleteOne({ _id: new Types.ObjectId(id) });
      if (res.deletedCount === 0) throw new NotFoundError();
      await apply().catch(() => false);
    },
  };
}
