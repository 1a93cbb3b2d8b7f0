import fs from 'node:fs';
import path from 'node:path';
import type { Collection } from '../collection';
import type { Durability } from '../durability';
import type { MemoryStore, MutationSink } from '../store';
import type { Doc } from '../values';
import { acquireDataLock, type DataLock } from './data-lock';
import {
  captureStore,
  JournalFile,
  listJournals,
  readJournal,
  readSnapshot,
  SNAPSHOT_FILE,
  writeSnapshot,
} from './files';
import { LoadedState } from './loaded-state';
import { encodeRecord, Op, type OpCode } from './records';

export type DiskStorageOptions = {
  dir: string;
  log: (message: string) => void;
  /** The journal is compacted into a new snapshot once it holds this many bytes (and more than the snapshot). */
  compactAfterBytes?: number;
};

const DEFAULT_COMPACT_AFTER = 64 * 1024 * 1024;

type PendingGroup = { file: JournalFile; chunks: Buffer[] };
type Waiter = { seq: number; done: (ok: boolean) => void };

export type StorageStats = {
  generation: number;
  journalBytes: number;
  snapshotBytes: number;
  compactions: number;
  /** Journal records written, and the fdatasync calls that made them durable (fewer under load: group commit). */
  records: number;
  syncs: number;
};

/**
 * The bundled store's durable mode. Every change is appended to the journal, and a reply is sent only once the
 * journal holds the change on disk (fdatasync). Changes that arrive while a sync runs are written together by the
 * next one (group commit), so concurrent clients share the cost of a sync.
 *
 * Files in the data folder:
 *   snapshot                 the whole data as of generation G (written beside, then renamed into place)
 *   journal-<G>.log, ...     changes since; replayed over the snapshot at start-up
 *   LOCK                     the process that uses the folder
 * A snapshot of generation G contains everything in journals older than G, so those are deleted once it is in place.
 */
export class DiskStorage implements MutationSink, Durability {
  store!: MemoryStore;
  private journal!: JournalFile;
  private pending: PendingGroup[] = [];
  private waiters: Waiter[] = [];
  private appended = 0;
  private durable = 0;
  private flushing = false;
  private compacting: Promise<void> | undefined;
  private snapshotBytes = 0;
  /** Bytes in the current journal, counting records not yet written: what the compaction trigger looks at. */
  private journalBytes = 0;
  private compactions = 0;
  private syncs = 0;
  private closed = false;
  failure: Error | undefined;
  private readonly compactAfter: number;

  private constructor(
    private readonly options: DiskStorageOptions,
    private readonly lock: DataLock,
  ) {
    this.compactAfter = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER;
  }

  /** Takes the folder's lock, loads the snapshot and replays the journal, then compacts both into a new snapshot. */
  static async open(options: DiskStorageOptions): Promise<DiskStorage> {
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const lock = acquireDataLock(options.dir, (message) => options.log(`bundled store: ${message}`));
    const storage = new DiskStorage(options, lock);
    try {
      await storage.load();
    } catch (err) {
      lock.release();
      throw err;
    }
    return storage;
  }

  get stats(): StorageStats {
    return {
      generation: this.journal.generation,
      journalBytes: this.journalBytes,
      snapshotBytes: this.snapshotBytes,
      compactions: this.compactions,
      records: this.appended,
      syncs: this.syncs,
    };
  }

  private async load(): Promise<void> {
    const { dir, log } = this.options;
    const started = Date.now();
    const state = new LoadedState();
    const snapshot = readSnapshot(dir);
    const base = snapshot?.generation ?? 0;
    for (const record of snapshot?.records ?? []) state.apply(record);
    let replayed = 0;
    const journals = listJournals(dir);
    for (const journal of journals.filter((j) => j.generation >= base)) {
      const read = readJournal(journal);
      for (const record of read.records) state.apply(record);
      replayed += Math.max(0, read.records.length - 1);
      if (read.damage) {
        log(
          `bundled store: dropped a torn record at the end of ${path.basename(journal.file)} (byte ${read.at}, ` +
            `${read.droppedBytes} bytes: ${read.damage}); it was being written when the process stopped and was never acknowledged`,
        );
      }
    }
    this.store = state.toStore(this);
    const generation = Math.max(base, ...journals.map((j) => j.generation)) + 1;
    this.snapshotBytes = await writeSnapshot(dir, generation, captureStore(this.store));
    this.journal = await JournalFile.create(dir, generation);
    this.journalBytes = this.journal.bytes;
    this.removeJournalsBefore(generation);
    fs.rmSync(path.join(dir, 'snapshot.tmp'), { force: true });
    log(
      `bundled store: ${state.documentCount} documents loaded from ${dir} ` +
        `(${snapshot ? 'snapshot' : 'no snapshot'} + ${replayed} journal records) in ${Date.now() - started} ms`,
    );
  }

  // --- MutationSink: each change becomes one journal record ---

  put(collection: Collection, _doc: Doc, bytes: Uint8Array): void {
    this.append(Op.Put, { d: collection.dbName, c: collection.name }, bytes);
  }

  delete(collection: Collection, id: unknown): void {
    this.append(Op.Delete, { d: collection.dbName, c: collection.name, id });
  }

  createCollection(collection: Collection): void {
    this.append(Op.CreateCollection, { d: collection.dbName, c: collection.name, o: collection.options });
  }

  dropCollection(dbName: string, name: string): void {
    this.append(Op.DropCollection, { d: dbName, c: name });
  }

  createIndexes(collection: Collection, specs: Doc[]): void {
    this.append(Op.CreateIndexes, { d: collection.dbName, c: collection.name, specs });
  }

  dropIndexes(collection: Collection, names: string[]): void {
    this.append(Op.DropIndexes, { d: collection.dbName, c: collection.name, names });
  }

  dropDatabase(dbName: string): void {
    this.append(Op.DropDatabase, { d: dbName });
  }

  // --- Durability ---

  /** Calls `done(true)` once everything changed so far is on disk: at once when nothing is waiting. */
  whenDurable(done: (ok: boolean) => void): void {
    if (this.failure) done(false);
    else if (this.durable >= this.appended) done(true);
    else this.waiters.push({ seq: this.appended, done });
  }

  /** Waits for every pending change to reach the disk, then releases the folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settled();
    await this.compacting;
    await this.journal.close().catch(() => undefined);
    this.lock.release();
  }

  /** Compacts now (tests and operators); normally it starts by itself when the journal grows. */
  async compact(): Promise<void> {
    if (!this.compacting) this.compacting = this.runCompaction().finally(() => (this.compacting = undefined));
    await this.compacting;
  }

  private append(op: OpCode, meta: Doc, body?: Uint8Array): void {
    if (this.failure || this.closed) return;
    const record = encodeRecord(op, meta, body);
    const last = this.pending.at(-1);
    if (last && last.file === this.journal) last.chunks.push(record);
    else this.pending.push({ file: this.journal, chunks: [record] });
    this.appended += 1;
    this.journalBytes += record.length;
    if (!this.flushing) {
      this.flushing = true;
      // After the current turn of the event loop, so commands that arrived together share one sync.
      setImmediate(() => void this.flush());
    }
    if (!this.compacting && this.journalBytes > Math.max(this.compactAfter, this.snapshotBytes)) {
      this.compacting = this.runCompaction()
        .catch((err: unknown) => this.options.log(`bundled store: compaction failed, will retry: ${String(err)}`))
        .finally(() => (this.compacting = undefined));
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const groups = this.pending;
        this.pending = [];
        const upTo = this.appended;
        for (const group of groups) {
          await group.file.append(Buffer.concat(group.chunks));
          await group.file.sync();
          this.syncs += 1;
        }
        this.durable = upTo;
        this.release();
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.flushing = false;
    }
  }

  /** Waiters are released in the order they were registered, which keeps each connection's replies in order. */
  private release(): void {
    const ready: Waiter[] = [];
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) (waiter.seq <= this.durable ? ready : waiting).push(waiter);
    this.waiters = waiting;
    for (const waiter of ready) waiter.done(true);
  }

  /** A write the disk refused leaves memory ahead of the disk: stop answering rather than acknowledge it. */
  private fail(err: unknown): void {
    this.failure = err instanceof Error ? err : new Error(String(err));
    this.options.log(
      `bundled store: writing the journal failed (${this.failure.message}); it refuses every command until restarted`,
    );
    this.pending = [];
    for (const waiter of this.waiters.splice(0)) waiter.done(false);
  }

  private settled(): Promise<void> {
    return new Promise((resolve) => this.whenDurable(() => resolve()));
  }

  /**
   * New changes go to a new journal from this instant; the data as of this instant is written as the new snapshot.
   * A crash before the rename replays the old snapshot and both journals; after it, the new snapshot and the new
   * journal. Either way every acknowledged change is there.
   */
  private async runCompaction(): Promise<void> {
    const { dir, log } = this.options;
    const started = Date.now();
    const next = this.journal.generation + 1;
    const journal = await JournalFile.create(dir, next);
    const previous = this.journal;
    this.journal = journal;
    this.journalBytes = journal.bytes;
    const switchedAt = this.appended;
    const data = captureStore(this.store);
    this.snapshotBytes = await writeSnapshot(dir, next, data);
    await new Promise<void>((resolve) => this.waitFor(switchedAt, resolve));
    await previous.close().catch(() => undefined);
    this.removeJournalsBefore(next);
    this.compactions += 1;
    log(
      `bundled store: compacted the journal into a ${Math.round(this.snapshotBytes / 1024)} KiB snapshot in ${Date.now() - started} ms`,
    );
  }

  private waitFor(seq: number, resolve: () => void): void {
    if (this.failure || this.durable >= seq) resolve();
    else this.waiters.push({ seq, done: () => resolve() });
  }

  private removeJournalsBefore(generation: number): void {
    for (const journal of listJournals(this.options.dir)) {
      if (journal.generation < generation) fs.rmSync(journal.file, { force: true });
    }
  }

  /** For messages: where the data lives. */
  get snapshotFile(): string {
    return path.join(this.options.dir, SNAPSHOT_FILE);
  }
}
