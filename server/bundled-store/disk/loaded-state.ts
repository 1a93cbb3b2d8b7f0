import { Collection } from '../collection';
import { MemoryStore, type MutationSink } from '../store';
import { canonicalKey, isPlainObject, type Doc } from '../values';
import { Op, type StoredRecord } from './records';

type CollectionState = { options: Doc; indexes: Map<string, Doc>; docs: Map<string, Doc> };

function text(meta: Doc, field: string): string {
  const value = meta[field];
  if (typeof value !== 'string') throw new Error(`record without '${field}'`);
  return value;
}

/**
 * The data as plain maps while the snapshot and the journal are read. Every record states the new value of what
 * it touched, so applying a record that the snapshot already contains changes nothing. Natural order is kept:
 * a document put again keeps its place, as an update does in memory.
 */
export class LoadedState {
  private readonly databases = new Map<string, Map<string, CollectionState>>();
  documentCount = 0;

  apply(record: StoredRecord): void {
    const { op, meta } = record;
    switch (op) {
      case Op.Header:
      case Op.End:
        return;
      case Op.Put: {
        if (!record.doc) throw new Error('put record without a document');
        this.collection(meta).docs.set(canonicalKey(record.doc._id), record.doc);
        return;
      }
      case Op.Delete:
        this.existing(meta)?.docs.delete(canonicalKey(meta.id));
        return;
      case Op.CreateCollection: {
        const state = this.collection(meta);
        state.options = isPlainObject(meta.o) ? meta.o : {};
        return;
      }
      case Op.DropCollection:
        this.databases.get(text(meta, 'd'))?.delete(text(meta, 'c'));
        return;
      case Op.CreateIndexes: {
        const state = this.collection(meta);
        for (const spec of Array.isArray(meta.specs) ? meta.specs : []) {
          if (isPlainObject(spec) && typeof spec.name === 'string') state.indexes.set(spec.name, spec);
        }
        return;
      }
      case Op.DropIndexes: {
        const state = this.existing(meta);
        for (const name of Array.isArray(meta.names) ? meta.names : []) state?.indexes.delete(String(name));
        return;
      }
      case Op.DropDatabase:
        this.databases.delete(text(meta, 'd'));
        return;
    }
  }

  /** The store the server runs on; its changes from now on go to `sink`. */
  toStore(sink: MutationSink | undefined): MemoryStore {
    const store = new MemoryStore(sink);
    this.documentCount = 0;
    for (const [dbName, collections] of this.databases) {
      if (collections.size === 0) continue;
      const db = store.database(dbName);
      for (const [name, state] of collections) {
        db.restore(Collection.restore(dbName, name, state.options, state.docs.values(), [...state.indexes.values()], sink));
        this.documentCount += state.docs.size;
      }
    }
    return store;
  }

  private existing(meta: Doc): CollectionState | undefined {
    return this.databases.get(text(meta, 'd'))?.get(text(meta, 'c'));
  }

  private collection(meta: Doc): CollectionState {
    const dbName = text(meta, 'd');
    const name = text(meta, 'c');
    let collections = this.databases.get(dbName);
    if (!collections) {
      collections = new Map();
      this.databases.set(dbName, collections);
    }
    let state = collections.get(name);
    if (!state) {
      state = { options: {}, indexes: new Map(), docs: new Map() };
      collections.set(name, state);
    }
    return state;
  }
}
