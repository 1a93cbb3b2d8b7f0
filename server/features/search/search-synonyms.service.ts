import { Types, type Connection } from 'mongoose';
import { NotFoundError, refusal, ValidationError } from '../../lib/errors';
import { foldText } from '../../lib/fold';
import type { Actor, Can } from '../../lib/policy';
import { SEARCH_INDEXES, type SearchEngine, type SearchIndexName } from '../../lib/search';
import { searchModels, type SynonymGroupDoc } from './search.model';
import baseSynonyms from './synonyms.json';

export type SynonymGroup = { key: string; terms: string[]; source: 'base' | 'custom'; id?: string };

// Imported rather than read from disk, so the build carries the file into dist/ with the code.
function loadBaseGroups(): SynonymGroup[] {
  return baseSynonyms.groups.map((g) => ({ key: g.key, terms: g.terms, source: 'base' as const }));
}

/**
 * Meilisearch synonyms as a map: every term of a group lists all the others, lower-cased, plus each
 * term's folded spelling, so a query typed without ł or ø still reaches the group.
 */
export function synonymMap(groups: readonly { terms: readonly string[] }[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.terms.flatMap((t) => [t.toLowerCase(), foldText(t.toLowerCase())]))];
    for (const term of terms) {
      const others = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      map.set(term, others);
    }
  }
  return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([term, others]) => [term, [...others].sort()]));
}

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
      ...custom.map((g) => ({ key: g.terms[0] ?? g._id.toHexString(), terms: g.terms, source: 'custom' as const, id: g._id.toHexString() })),
    ];
  }

  /** The synonyms setting of the indexes, from the base file and the coordinator's groups. */
  async function settings(): Promise<{ synonyms: Record<string, string[]> }> {
    return { synonyms: synonymMap(await listGroups()) };
  }

  /** Sends the synonyms when they differ from the live ones; a stopped engine gets them on its next sync. */
  /** Every index gets the same synonyms (practices and recommendations are searched with one query). */
  async function apply(): Promise<boolean> {
    const wanted = await settings();
    let changed = false;
    for (const name of Object.keys(SEARCH_INDEXES) as SearchIndexName[]) {
      if (await deps.search.ensureIndex(deps.search.indexUid(name), name, wanted)) changed = true;
    }
    return changed;
  }

  return {
    listGroups,
    settings,
    apply,

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
