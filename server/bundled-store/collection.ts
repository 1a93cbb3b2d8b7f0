import { ObjectId, UUID } from 'bson';
import { CommandError } from './errors';
import { Index, duplicateKeyError, idIndexSpec, indexOptionsKey, parseIndexSpec } from './indexes';
import { MAX_BSON_OBJECT_SIZE } from './wire-protocol';
import type { MutationSink } from './store';
import { canonicalKey, cloneDocument, encodeDocument, formatValue, isPlainObject, withIdFirst, type Doc } from './values';

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
 * A collection keeps documents in insertion order (natural order) keyed by their canonical `_id`.
 * Stored documents are never mutated: updates store a new copy, so cursors may hold references safely.
 */
export class Collection {
  readonly uuid = new UUID();
  private readonly docs = new Map<string, Doc>();
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
   * The documents a filter can match. A filter naming one ObjectId `_id` (updates by id, the search sync's
   * bulk writes) gets one lookup in the `_id` map instead of a scan of the collection; any other filter
   * gets every document. The caller still applies the whole filter to what this returns.
   */
  candidates(filter: Doc): Doc[] {
    const id = filter._id;
    if (id instanceof ObjectId) {
      this.purgeExpired();
      const doc = this.docs.get(canonicalKey(id));
      return doc ? [doc] : [];
    }
    const list = isPlainObject(id) && Object.keys(id).length === 1 ? id.$in : undefined;
    if (Array.isArray(list) && list.every((v) => v instanceof ObjectId)) {
      // `{ _id: { $in: [...] } }` (reading a batch by id): the named documents, in natural order.
      this.purgeExpired();
      const wanted = new Set(list.map((v) => canonicalKey(v)));
      return [...this.docs].filter(([key]) => wanted.has(key)).map(([, doc]) => doc);
    }
    return this.all();
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
    if (toBuild.length > 0) this.sink?.createIndexes(this, toBuild.map((index) => index.spec));
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
        this.sink?.delete(this, doc._id);
      }
    }
  }
}
