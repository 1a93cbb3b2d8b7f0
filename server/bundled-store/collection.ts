import { ObjectId, UUID } from 'bson';
import { CommandError } from './errors';
import { Index, duplicateKeyError, idIndexSpec, indexOptionsKey, parseIndexSpec } from './indexes';
import { MAX_BSON_OBJECT_SIZE } from './wire-protocol';
import type { MutationSink } from './store';
import {
  canonicalKey,
  cloneDocument,
  encodeDocument,
  formatValue,
  isOperatorObject,
  isPlainObject,
  withIdFirst,
  type Doc,
} from './values';

function assertValidId(id: unknown): void {
  if (Array.isArray(id)) throw new CommandError('InvalidIdField', `can't use an array for _id`);
  if (id instanceof RegExp) throw new CommandError('InvalidIdField', `can't use a regex for _id`);
  if (id === undefined) throw new CommandError('InvalidIdField', `can't use undefined for _id`);
}

function assertSize(bytes: Uint8Array): void {
  const size = bytes.length;
  if (size > MAX_BSON_OBJECT_SIZE) {
    throw new CommandError(
      'BSONObjectTooLarge',
      `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`,
    );
  }
}

export interface CreateIndexesResult {
  numIndexesBefore: number;
  numIndexesAfter: number;
  note?: string;
}

/**
 * A value an index lookup can stand in for equality with: a scalar whose index key equals exactly the
 * values MongoDB's equality matches. Not null (it also matches missing fields), not arrays or documents
 * (whole-value matches), not regular expressions, and not strings under a collation (case-folded).
 */
function isLookupValue(value: unknown, collation: unknown): boolean {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof RegExp) return false;
  if (isPlainObject(value)) return false;
  if (typeof value === 'string') return !isPlainObject(collation) || collation.locale === 'simple';
  // Of the BSON classes only those whose key is their value; a Decimal128 equals a number MongoDB-wise.
  return ['number', 'boolean', 'bigint'].includes(typeof value) || value instanceof Date || value instanceof ObjectId;
}

/**
 * A collection keeps documents in insertion order (natural order) keyed by their canonical `_id`.
 * Stored documents are never mutated: updates store a new copy, so cursors may hold references safely.
 */
export class Collection {
  readonly uuid = new UUID();
  private readonly docs = new Map<string, Doc>();
  /** Each document's place in natural order (insertion order; a replacement keeps its place). */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  private readonly indexes = new Map<string, Index>([['_id_', new Index(idIndexSpec())]]);

  constructor(
    readonly dbName: string,
    readonly name: string,
    readonly options: Doc = {},
    private sink?: MutationSink,
  ) {}

  /**
   * A collection as it was on disk: documents in natural order, then its indexes built over them. Built as
   * a whole, because replaying changes one by one could meet unique-key clashes that the final data has not.
   */
  static restore(
    dbName: string,
    name: string,
    options: Doc,
    docs: Iterable<Doc>,
    indexSpecs: Doc[],
    sink?: MutationSink,
  ): Collection {
    const collection = new Collection(dbName, name, options);
    const idIndex = collection.indexes.get('_id_') as Index;
    for (const doc of docs) {
      const id = canonicalKey(doc._id);
      collection.docs.set(id, doc);
      collection.order.set(id, collection.nextOrder++);
      idIndex.add(doc, id);
    }
    collection.createIndexes(indexSpecs.filter((spec) => spec.name !== '_id_'));
    collection.sink = sink;
    return collection;
  }

  get ns(): string {
    return `${this.dbName}.${this.name}`;
  }

  get count(): number {
    this.purgeExpired();
    return this.docs.size;
  }

  /** Current documents in natural order; TTL-expired ones are deleted first (TTL is honoured lazily). */
  all(): Doc[] {
    this.purgeExpired();
    return Array.from(this.docs.values());
  }

  /**
   * The documents a filter can match, in natural order. A top-level field the filter names by equality,
   * `$eq` or `$in` (or `$exists: true`), and that leads an index, gets the documents posted under those
   * values instead of a scan of the collection; of several such fields, the narrowest wins. Any other
   * filter gets every document. The caller still applies the whole filter to what this returns.
   */
  candidates(filter: Doc, options: { collation?: unknown } = {}): Doc[] {
    this.purgeExpired();
    let best: ReadonlySet<string> | undefined;
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith('$')) continue;
      const ids = this.lookup(field, condition, options.collation);
      if (ids && (!best || ids.size < best.size)) best = ids;
    }
    // Putting a large share back into natural order costs about what the scan it saves would.
    if (!best || best.size > this.docs.size / 2) return Array.from(this.docs.values());
    return [...best]
      .sort((a, b) => (this.order.get(a) as number) - (this.order.get(b) as number))
      .map((id) => this.docs.get(id) as Doc);
  }

  private lookup(field: string, condition: unknown, collation: unknown): ReadonlySet<string> | undefined {
    const index = [...this.indexes.values()].find((i) => i.lookupField === field);
    if (!index) return undefined;
    if (isOperatorObject(condition)) {
      if (condition.$exists === true && index.idsWithField) return index.idsWithField;
      const values = '$eq' in condition ? [condition.$eq] : Array.isArray(condition.$in) ? condition.$in : undefined;
      return values && values.every((v) => isLookupValue(v, collation))
        ? index.idsWithAny(values.map(canonicalKey))
        : undefined;
    }
    return isLookupValue(condition, collation) ? index.idsWithAny([canonicalKey(condition)]) : undefined;
  }

  /** The stored documents as they are, expired or not: what a snapshot writes. */
  documents(): Doc[] {
    return Array.from(this.docs.values());
  }

  insert(raw: Doc): Doc {
    this.purgeExpired();
    const { doc, bytes } = encodeDocument(withIdFirst(raw));
    assertValidId(doc._id);
    assertSize(bytes);
    const id = canonicalKey(doc._id);
    // Index entries are owned by document ids, so a second document with the same _id is caught here.
    if (this.docs.has(id)) {
      const idIndex = this.indexes.get('_id_') as Index;
      throw duplicateKeyError(this.ns, idIndex, { keyValue: { _id: doc._id }, canonical: id });
    }
    this.assertUnique(doc, id);
    this.index(doc, id);
    this.docs.set(id, doc);
    this.order.set(id, this.nextOrder++);
    this.sink?.put(this, doc, bytes);
    return doc;
  }

  /** Replaces a stored document by `next` (same `_id`), enforcing unique indexes against every other document. */
  replace(current: Doc, next: Doc): Doc {
    const id = canonicalKey(current._id);
    if (this.docs.get(id) !== current) throw new CommandError('InternalError', 'document changed during update');
    const { doc, bytes } = encodeDocument(withIdFirst(next));
    assertSize(bytes);
    this.assertUnique(doc, id);
    this.unindex(current, id);
    this.index(doc, id);
    this.docs.set(id, doc);
    this.sink?.put(this, doc, bytes);
    return doc;
  }

  remove(doc: Doc): boolean {
    const id = canonicalKey(doc._id);
    const stored = this.docs.get(id);
    if (!stored) return false;
    this.unindex(stored, id);
    this.docs.delete(id);
    this.order.delete(id);
    this.sink?.delete(this, stored._id);
    return true;
  }

  listIndexes(): Doc[] {
    return Array.from(this.indexes.values(), (index) => cloneDocument(index.spec));
  }

  /** All-or-nothing, like mongod: every spec is validated and built before any is added. */
  createIndexes(rawSpecs: unknown[]): CreateIndexesResult {
    const before = this.indexes.size;
    const toBuild: Index[] = [];
    for (const raw of rawSpecs) {
      const spec = parseIndexSpec(raw);
      const sameName = this.indexes.get(spec.name as string) ?? toBuild.find((i) => i.name === spec.name);
      const keyOf = canonicalKey(spec.key);
      if (sameName) {
        if (canonicalKey(sameName.keyPattern) !== keyOf) {
          throw new CommandError(
            'IndexKeySpecsConflict',
            `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatValue(spec)}, existing index: ${formatValue(sameName.spec)}`,
          );
        }
        if (indexOptionsKey(sameName.spec) !== indexOptionsKey(spec)) {
          throw new CommandError(
            'IndexOptionsConflict',
            `An equivalent index already exists with the same name but different options. Requested index: ${formatValue(spec)}, existing index: ${formatValue(sameName.spec)}`,
          );
        }
        continue;
      }
      const sameKey = [...this.indexes.values(), ...toBuild].find(
        (i) =>
          canonicalKey(i.keyPattern) === keyOf &&
          canonicalKey(i.spec.partialFilterExpression) === canonicalKey(spec.partialFilterExpression),
      );
      if (sameKey) {
        throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
      }
      const index = new Index(spec);
      this.build(index);
      toBuild.push(index);
    }
    for (const index of toBuild) this.indexes.set(index.name, index);
    if (toBuild.length > 0)
      this.sink?.createIndexes(
        this,
        toBuild.map((index) => index.spec),
      );
    return {
      numIndexesBefore: before,
      numIndexesAfter: this.indexes.size,
      ...(toBuild.length === 0 ? { note: 'all indexes already exist' } : {}),
    };
  }

  /** Drops by name or by key pattern; returns the number of indexes before the drop. */
  dropIndexes(selector: unknown): number {
    const before = this.indexes.size;
    if (selector === '*') {
      const names = [...this.indexes.keys()].filter((name) => name !== '_id_');
      for (const name of names) this.indexes.delete(name);
      if (names.length > 0) this.sink?.dropIndexes(this, names);
      return before;
    }
    const names = Array.isArray(selector) ? selector : [selector];
    const targets = names.map((entry) => {
      const index = isPlainObject(entry)
        ? [...this.indexes.values()].find((i) => canonicalKey(i.keyPattern) === canonicalKey(entry))
        : typeof entry === 'string'
          ? this.indexes.get(entry)
          : undefined;
      if (!index) {
        throw new CommandError(
          'IndexNotFound',
          isPlainObject(entry)
            ? `can't find index with key: ${formatValue(entry)}`
            : `index not found with name [${String(entry)}]`,
        );
      }
      if (index.name === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
      return index;
    });
    for (const index of targets) this.indexes.delete(index.name);
    this.sink?.dropIndexes(
      this,
      targets.map((index) => index.name),
    );
    return before;
  }

  get indexCount(): number {
    return this.indexes.size;
  }

  private build(index: Index): void {
    for (const [id, doc] of this.docs) {
      const conflict = index.findConflict(doc, id);
      if (conflict) {
        throw duplicateKeyError(
          this.ns,
          index,
          conflict,
          `Index build failed: ${this.uuid.toHexString()}: Collection ${this.ns} ( ${this.uuid.toHexString()} ) :: caused by :: `,
        );
      }
      index.add(doc, id);
    }
  }

  private assertUnique(doc: Doc, id: string): void {
    for (const index of this.indexes.values()) {
      const conflict = index.findConflict(doc, id);
      if (conflict) throw duplicateKeyError(this.ns, index, conflict);
    }
  }

  private index(doc: Doc, id: string): void {
    for (const index of this.indexes.values()) index.add(doc, id);
  }

  private unindex(doc: Doc, id: string): void {
    for (const index of this.indexes.values()) index.remove(doc, id);
  }

  private purgeExpired(): void {
    const ttl = [...this.indexes.values()].filter((i) => i.expireAfterSeconds !== undefined);
    if (ttl.length === 0) return;
    const now = Date.now();
    for (const [id, doc] of this.docs) {
      if (ttl.some((index) => index.isExpired(doc, now))) {
        this.unindex(doc, id);
        this.docs.delete(id);
        this.order.delete(id);
        this.sink?.delete(this, doc._id);
      }
    }
  }
}
