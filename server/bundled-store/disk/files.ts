import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BSON } from 'bson';
import type { MemoryStore } from '../store';
import type { Doc } from '../values';
import { encodeRecord, Op, readRecords, type StoredRecord } from './records';

export const SNAPSHOT_FILE = 'snapshot';
const SNAPSHOT_TMP = 'snapshot.tmp';
const JOURNAL_NAME = /^journal-(\d{8})\.log$/;
const WRITE_CHUNK = 1024 * 1024;

export const journalName = (generation: number): string => `journal-${String(generation).padStart(8, '0')}.log`;

/** A folder's entry for a new or renamed file is only durable once the folder itself is synced. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

/** The disk is not what was written: refuse to guess, and say so. */
export class StoreDamagedError extends Error {
  constructor(file: string, reason: string) {
    super(
      `The bundled store's file ${file} is damaged (${reason}). It was complete when written, so the disk changed ` +
        'it. Nothing was modified: restore the folder from a backup (npm run restore), or move it aside to start empty.',
    );
    this.name = 'StoreDamagedError';
  }
}

/** One journal file, written append-only; its first record names its generation. */
export class JournalFile {
  private constructor(
    readonly generation: number,
    readonly file: string,
    private readonly handle: FileHandle,
    public bytes: number,
  ) {}

  static async create(dir: string, generation: number): Promise<JournalFile> {
    const file = path.join(dir, journalName(generation));
    const handle = await fsp.open(file, 'w', 0o600);
    const header = encodeRecord(Op.Header, { format: 'decode-kb-journal', version: 1, generation });
    await writeAll(handle, header);
    await handle.datasync();
    await syncDir(dir);
    return new JournalFile(generation, file, handle, header.length);
  }

  async append(buffer: Buffer): Promise<void> {
    await writeAll(this.handle, buffer);
    this.bytes += buffer.length;
  }

  sync(): Promise<void> {
    return this.handle.datasync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export type JournalOnDisk = { generation: number; file: string };

export function listJournals(dir: string): JournalOnDisk[] {
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, match: JOURNAL_NAME.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ generation: Number(match[1]), file: path.join(dir, name) }))
    .sort((a, b) => a.generation - b.generation);
}

export type JournalRead = { records: StoredRecord[]; droppedBytes: number; damage: string | undefined; at: number };

/** A journal's intact records; a damaged tail (a write cut short by a crash) is reported, not applied. */
export function readJournal(journal: JournalOnDisk): JournalRead {
  const bytes = fs.readFileSync(journal.file);
  const read = readRecords(bytes);
  const header = read.records[0];
  if (read.validBytes > 0 && (header?.op !== Op.Header || header.meta.generation !== journal.generation)) {
    throw new StoreDamagedError(journal.file, 'its header does not match its name');
  }
  return {
    records: read.records,
    droppedBytes: bytes.length - read.validBytes,
    damage: read.damage,
    at: read.validBytes,
  };
}

export type SnapshotRead = { generation: number; records: StoredRecord[] } | undefined;

/** The last complete snapshot; one is only ever renamed into place after it was written whole and synced. */
export function readSnapshot(dir: string): SnapshotRead {
  const file = path.join(dir, SNAPSHOT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const read = readRecords(fs.readFileSync(file));
  if (read.damage) throw new StoreDamagedError(file, `${read.damage} at byte ${read.validBytes}`);
  const header = read.records[0];
  if (header?.op !== Op.Header || typeof header.meta.generation !== 'number') {
    throw new StoreDamagedError(file, 'no header');
  }
  if (read.records.at(-1)?.op !== Op.End) throw new StoreDamagedError(file, 'no end record');
  return { generation: header.meta.generation, records: read.records };
}

export type CapturedCollection = { dbName: string; name: string; options: Doc; indexes: Doc[]; docs: Doc[] };

/**
 * The whole data at one instant. Stored documents are never changed in place (an update stores a new object),
 * so holding these references keeps this instant while the server goes on writing.
 */
export function captureStore(store: MemoryStore): CapturedCollection[] {
  return store.listDatabases().flatMap((db) =>
    [...db.collections.values()].map((collection) => ({
      dbName: db.name,
      name: collection.name,
      options: collection.options,
      indexes: collection.listIndexes().filter((spec) => spec.name !== '_id_'),
      docs: collection.documents(),
    })),
  );
}

/** Writes a new snapshot beside the old one, syncs it, then renames it into place: a crash leaves one or the other. */
export async function writeSnapshot(dir: string, generation: number, data: CapturedCollection[]): Promise<number> {
  const tmp = path.join(dir, SNAPSHOT_TMP);
  const handle = await fsp.open(tmp, 'w', 0o600);
  let written = 0;
  let documents = 0;
  try {
    let chunk: Buffer[] = [encodeRecord(Op.Header, { format: 'decode-kb-snapshot', version: 1, generation, createdAt: new Date() })];
    let chunkBytes = 0;
    const push = async (record: Buffer) => {
      chunk.push(record);
      chunkBytes += record.length;
      if (chunkBytes >= WRITE_CHUNK) {
        const buffer = Buffer.concat(chunk);
        chunk = [];
        chunkBytes = 0;
        await writeAll(handle, buffer);
        written += buffer.length;
      }
    };
    for (const collection of data) {
      const ns = { d: collection.dbName, c: collection.name };
      await push(encodeRecord(Op.CreateCollection, { ...ns, o: collection.options }));
      if (collection.indexes.length > 0) await push(encodeRecord(Op.CreateIndexes, { ...ns, specs: collection.indexes }));
      for (const doc of collection.docs) await push(encodeRecord(Op.Put, ns, BSON.serialize(doc)));
      documents += collection.docs.length;
    }
    chunk.push(encodeRecord(Op.End, { collections: data.length, documents }));
    const last = Buffer.concat(chunk);
    await writeAll(handle, last);
    written += last.length;
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, path.join(dir, SNAPSHOT_FILE));
  await syncDir(dir);
  return written;
}
