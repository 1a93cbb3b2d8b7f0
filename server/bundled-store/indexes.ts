import { CommandError } from './errors';
import { compileFilter } from './query-engine';
import { canonicalKey, collectPathValues, formatValue, isPlainObject, type Doc } from './values';

const SPECIAL_INDEX_TYPES = new Set(['text', '2dsphere', '2d', 'hashed', 'geoHaystack']);
// Index build options that only steer how an index is built or are not persisted in the catalog by mongod.
const TRANSIENT_OPTIONS = new Set(['background', 'commitQuorum']);

export interface IndexKey {
  readonly keyValue: Doc;
  readonly canonical: string;
}

/**
 * One index of a collection. Unique indexes keep their keys to enforce the constraint. Indexes that can
 * narrow a query (plain ascending/descending keys, not partial) also keep postings: each value of their
 * first field, with the documents holding it, so a filter naming that field by equality or `$in` reads
 * only those documents. The filter is still applied to them in full: postings only choose candidates.
 */
export class Index {
  readonly spec: Doc;
  readonly name: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly expireAfterSeconds: number | undefined;
  private readonly partialFilter: ((doc: Doc) => boolean) | undefined;
  private readonly entries = new Map<string, string>();
  /** First-field value (canonical) → ids of the documents holding it; undefined when this index cannot narrow. */
  private readonly postings: Map<string, Set<string>> | undefined;
  /** Ids of documents that have the (top-level, single) field at all, for `$exists: true`. */
  private readonly present: Set<string> | undefined;

  constructor(spec: Doc) {
    this.spec = spec;
    this.name = spec.name as string;
    this.fields = Object.keys(spec.key as Doc);
    this.unique = spec.unique === true || this.name === '_id_';
    this.sparse = spec.sparse === true;
    this.expireAfterSeconds = typeof spec.expireAfterSeconds === 'number' ? spec.expireAfterSeconds : undefined;
    const partial = spec.partialFilterExpression;
    this.partialFilter = isPlainObject(partial) ? compileFilter(partial) : undefined;
    const first = this.fields[0] as string;
    const plain = Object.values(spec.key as Doc).every((direction) => typeof direction === 'number');
    // A positional path (`a.0`) means something else to a query than to an index: such indexes only constrain.
    if (plain && !this.partialFilter && !first.split('.').some((part) => /^\d+$/.test(part))) {
      this.postings = new Map();
      if (this.fields.length === 1 && !first.includes('.')) this.present = new Set();
    }
  }

  /** The first field, when this index keeps postings for it. */
  get lookupField(): string | undefined {
    return this.postings ? this.fields[0] : undefined;
  }

  /** Ids of the documents whose first field holds any of the values (canonical keys). */
  idsWithAny(canonicalValues: readonly string[]): Set<string> {
    if (canonicalValues.length === 1) return this.postings?.get(canonicalValues[0] as string) ?? new Set();
    const ids = new Set<string>();
    for (const value of canonicalValues) for (const id of this.postings?.get(value) ?? []) ids.add(id);
    return ids;
  }

  /** Ids of the documents that have the field, when this index can tell (a single top-level field). */
  get idsWithField(): ReadonlySet<string> | undefined {
    return this.present;
  }

  /** Every document is posted, sparse index or not: lookups are by non-null values only. */
  private postingKeys(doc: Doc): string[] {
    return [...new Set(collectPathValues(doc, this.fields[0] as string).map((v) => canonicalKey(v ?? null)))];
  }

  get keyPattern(): Doc {
    return this.spec.key as Doc;
  }

  /** The index keys of a document: several for an array field (multikey), none when sparse/partial skip it. */
  keysOf(doc: Doc): IndexKey[] {
    if (this.partialFilter && !this.partialFilter(doc)) return [];
    const perField = this.fields.map((field) => collectPathValues(doc, field));
    if (this.sparse && perField.every((values) => values.every((v) => v === undefined))) return [];
    let combos: unknown[][] = [[]];
    for (const values of perField) combos = combos.flatMap((combo) => values.map((v) => [...combo, v ?? null]));
    const seen = new Set<string>();
    const keys: IndexKey[] = [];
    for (const combo of combos) {
      const canonical = canonicalKey(combo);
      if (seen.has(canonical)) continue;
      seen.add(canonical);
      const keyValue: Doc = {};
      this.fields.forEach((field, i) => (keyValue[field] = combo[i]));
      keys.push({ keyValue, canonical });
    }
    return keys;
  }

  /** The first key of `doc` already owned by another document, if any. */
  findConflict(doc: Doc, docId: string): IndexKey | undefined {
    if (!this.unique) return undefined;
    return this.keysOf(doc).find((key) => {
      const owner = this.entries.get(key.canonical);
      return owner !== undefined && owner !== docId;
    });
  }

  add(doc: Doc, docId: string): void {
    if (this.postings) {
      for (const key of this.postingKeys(doc)) {
        const ids = this.postings.get(key);
        if (ids) ids.add(docId);
        else this.postings.set(key, new Set([docId]));
      }
      if (this.present && Object.hasOwn(doc, this.fields[0] as string)) this.present.add(docId);
    }
    if (!this.unique) return;
    for (const key of this.keysOf(doc)) this.entries.set(key.canonical, docId);
  }

  remove(doc: Doc, docId: string): void {
    if (this.postings) {
      for (const key of this.postingKeys(doc)) {
        const ids = this.postings.get(key);
        ids?.delete(docId);
        if (ids?.size === 0) this.postings.delete(key);
      }
      this.present?.delete(docId);
    }
    if (!this.unique) return;
    for (const key of this.keysOf(doc)) {
      if (this.entries.get(key.canonical) === docId) this.entries.delete(key.canonical);
    }
  }

  isExpired(doc: Doc, now: number): boolean {
    if (this.expireAfterSeconds === undefined || this.fields.length !== 1) return false;
    const dates = collectPathValues(doc, this.fields[0] as string).filter((v): v is Date => v instanceof Date);
    if (dates.length === 0) return false;
    const earliest = Math.min(...dates.map((d) => d.getTime()));
    return earliest + this.expireAfterSeconds * 1000 <= now;
  }
}

export function duplicateKeyError(ns: string, index: Index, key: IndexKey, prefix = ''): CommandError {
  return new CommandError(
    'DuplicateKey',
    `${prefix}E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: ${formatValue(key.keyValue)}`,
    { keyPattern: { ...index.keyPattern }, keyValue: key.keyValue },
  );
}

export function idIndexSpec(): Doc {
  return { v: 2, key: { _id: 1 }, name: '_id_' };
}

/** Validates one entry of `createIndexes.indexes` and returns the spec as listIndexes will show it. */
export function parseIndexSpec(raw: unknown): Doc {
  if (!isPlainObject(raw)) throw new CommandError('TypeMismatch', 'Each index specification must be an object');
  const { key, name } = raw;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new CommandError(
      'CannotCreateIndex',
      `Error in specification ${formatValue(raw)} :: caused by :: Index keys cannot be empty.`,
    );
  }
  for (const [field, direction] of Object.entries(key)) {
    const valid =
      (typeof direction === 'number' && direction !== 0 && Number.isFinite(direction)) ||
      (typeof direction === 'string' && SPECIAL_INDEX_TYPES.has(direction));
    if (!valid || field === '') {
      throw new CommandError(
        'CannotCreateIndex',
        `Error in specification ${formatValue(raw)} :: caused by :: Values in the index key pattern can only be numbers or special index types`,
      );
    }
  }
  if (typeof name !== 'string' || name === '') {
    throw new CommandError(
      'FailedToParse',
      `Error in specification ${formatValue(raw)} :: caused by :: The 'name' field is a required property of an index specification`,
    );
  }
  const ttl = raw.expireAfterSeconds;
  if (ttl !== undefined) {
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0) {
      throw new CommandError(
        'CannotCreateIndex',
        `TTL index 'expireAfterSeconds' option must be a non-negative number, got ${formatValue(ttl)}`,
      );
    }
    if (Object.keys(key).length !== 1) {
      throw new CommandError(
        'CannotCreateIndex',
        `Error in specification ${formatValue(raw)} :: caused by :: TTL indexes are single-field indexes, compound indexes do not support TTL.`,
      );
    }
  }
  if (raw.partialFilterExpression !== undefined && !isPlainObject(raw.partialFilterExpression)) {
    throw new CommandError('TypeMismatch', "The field 'partialFilterExpression' must be an object");
  }
  if (name === '_id_' && canonicalKey(key) !== canonicalKey({ _id: 1 })) {
    throw new CommandError('BadValue', "The index name '_id_' is reserved for the _id index");
  }
  const spec: Doc = { v: 2, key: { ...key }, name };
  for (const [option, value] of Object.entries(raw)) {
    if (option in spec || TRANSIENT_OPTIONS.has(option) || option === 'v') continue;
    spec[option] = value;
  }
  return spec;
}

/** Options compared to tell "same index again" (a no-op) from a conflicting definition. */
export function indexOptionsKey(spec: Doc): string {
  const options: Doc = {};
  for (const [option, value] of Object.entries(spec)) {
    if (option !== 'v' && option !== 'name' && option !== 'key') options[option] = value;
  }
  return canonicalKey(Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b))));
}
