import { CommandError } from './errors';
import { Collection } from './collection';
import { canonicalKey, type Doc } from './values';

const INVALID_DB_CHARS = /[/\\. "$\0]/;

export function assertValidDbName(name: string): void {
  if (name === '' || INVALID_DB_CHARS.test(name) || name.length > 63) {
    throw new CommandError('InvalidNamespace', `Invalid database name: '${name}'`);
  }
}

export function assertValidCollectionName(dbName: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name === '' || name.includes('$') || name.includes('\0') || name.startsWith('.')) {
    throw new CommandError('InvalidNamespace', `Invalid namespace specified '${dbName}.${String(name)}'`);
  }
}

/**
 * Receives every change to the data once it has been made in memory, in the order made: the durable mode
 * writes each one to its journal. Each change carries the whole new state of what it touched (a document,
 * an index spec), so replaying a change twice leaves the same data as replaying it once.
 */
export interface MutationSink {
  put(collection: Collection, doc: Doc, bytes: Uint8Array): void;
  delete(collection: Collection, id: unknown): void;
  createCollection(collection: Collection): void;
  dropCollection(dbName: string, name: string): void;
  createIndexes(collection: Collection, specs: Doc[]): void;
  dropIndexes(collection: Collection, names: string[]): void;
  dropDatabase(dbName: string): void;
}

export class Database {
  readonly collections = new Map<string, Collection>();

  constructor(
    readonly name: string,
    private readonly sink: MutationSink | undefined,
  ) {}

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  /** Writes create their collection implicitly, as in mongod. */
  getOrCreate(name: string): { collection: Collection; created: boolean } {
    const existing = this.collections.get(name);
    if (existing) return { collection: existing, created: false };
    assertValidCollectionName(this.name, name);
    return { collection: this.add(new Collection(this.name, name, {}, this.sink)), created: true };
  }

  create(name: string, options: Doc): Collection {
    assertValidCollectionName(this.name, name);
    const existing = this.collections.get(name);
    if (existing) {
      // Since 7.0 re-creating with identical options is a no-op; anything else is a conflict.
      if (canonicalKey(existing.options) === canonicalKey(options)) return existing;
      throw new CommandError('NamespaceExists', `Collection ${this.name}.${name} already exists.`);
    }
    return this.add(new Collection(this.name, name, options, this.sink));
  }

  drop(name: string): Collection | undefined {
    const collection = this.collections.get(name);
    if (!collection) return undefined;
    this.collections.delete(name);
    this.sink?.dropCollection(this.name, name);
    return collection;
  }

  /** A collection rebuilt from disk at start-up: already durable, so nothing is journaled. */
  restore(collection: Collection): void {
    this.collections.set(collection.name, collection);
  }

  private add(collection: Collection): Collection {
    this.collections.set(collection.name, collection);
    this.sink?.createCollection(collection);
    return collection;
  }
}

/** All databases of one server. A database exists (is listed) while it holds at least one collection. */
export class MemoryStore {
  private readonly databases = new Map<string, Database>();

  /** Without a sink the data lives in memory only (the tests' mode). */
  constructor(readonly sink?: MutationSink) {}

  database(name: string): Database {
    assertValidDbName(name);
    let db = this.databases.get(name);
    if (!db) {
      db = new Database(name, this.sink);
      this.databases.set(name, db);
    }
    return db;
  }

  dropDatabase(name: string): boolean {
    const dropped = this.databases.delete(name);
    if (dropped) this.sink?.dropDatabase(name);
    return dropped;
  }

  listDatabases(): Database[] {
    return [...this.databases.values()].filter((db) => db.collections.size > 0);
  }

  clear(): void {
    this.databases.clear();
  }
}
