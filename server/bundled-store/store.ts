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

export class Database {
  readonly collections = new Map<string, Collection>();

  constructor(readonly name: string) {}

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  /** Writes create their collection implicitly, as in mongod. */
  getOrCreate(name: string): { collection: Collection; created: boolean } {
    const existing = this.collections.get(name);
    if (existing) return { collection: existing, created: false };
    assertValidCollectionName(this.name, name);
    const collection = new Collection(this.name, name);
    this.collections.set(name, collection);
    return { collection, created: true };
  }

  create(name: string, options: Doc): Collection {
    assertValidCollectionName(this.name, name);
    const existing = this.collections.get(name);
    if (existing) {
      // Since 7.0 re-creating with identical options is a no-op; anything else is a conflict.
      if (canonicalKey(existing.options) === canonicalKey(options)) return existing;
      throw new CommandError('NamespaceExists', `Collection ${this.name}.${name} already exists.`);
    }
    const collection = new Collection(this.name, name, options);
    this.collections.set(name, collection);
    return collection;
  }

  drop(name: string): Collection | undefined {
    const collection = this.collections.get(name);
    this.collections.delete(name);
    return collection;
  }
}

/** All databases of one server. A database exists (is listed) while it holds at least one collection. */
export class MemoryStore {
  private readonly databases = new Map<string, Database>();

  database(name: string): Database {
    assertValidDbName(name);
    let db = this.databases.get(name);
    if (!db) {
      db = new Database(name);
      this.databases.set(name, db);
    }
    return db;
  }

  dropDatabase(name: string): boolean {
    return this.databases.delete(name);
  }

  listDatabases(): Database[] {
    return [...this.databases.values()].filter((db) => db.collections.size > 0);
  }

  clear(): void {
    this.databases.clear();
  }
}
