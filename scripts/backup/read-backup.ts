import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { BSON, EJSON, type Document } from 'bson';
import type { Connection } from 'mongoose';
import { extract } from 'tar-stream';
import { MANIFEST_NAME, manifestSchema, parseCollectionEntry, parseUploadEntry, type Manifest } from './archive-format';
import { silentProgress, type Progress } from './write-backup';

/** The archive or the target is not what a restore needs; nothing was changed, or everything was undone. */
export class RestoreError extends Error {}

const BATCH_DOCUMENTS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;
const MAX_METADATA_BYTES = 1024 * 1024;

async function readText(stream: AsyncIterable<unknown>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RestoreError('the archive is damaged: a metadata entry is far too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits a stream of concatenated BSON documents, keeping every BSON type as it was (no promotion to JS numbers). */
async function* bsonDocuments(stream: AsyncIterable<unknown>): AsyncGenerator<{ doc: Document; bytes: number }> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let offset = 0;
    while (pending.length - offset >= 4) {
      const size = pending.readInt32LE(offset);
      if (size < 5 || size > 16 * 1024 * 1024 + 16 * 1024) throw new RestoreError('the archive is damaged: invalid BSON document');
      if (pending.length - offset < size) break;
      const bytes = pending.subarray(offset, offset + size);
      yield { doc: BSON.deserialize(bytes, { promoteValues: false, bsonRegExp: true }), bytes: size };
      offset += size;
    }
    pending = pending.subarray(offset);
  }
  if (pending.length > 0) throw new RestoreError('the archive is damaged: a document is cut short');
}

/** Collections of the target that hold documents: a restore only goes into an empty database. */
export async function nonEmptyCollections(db: Connection): Promise<string[]> {
  const native = db.db!;
  const names = (await native.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const counts = await Promise.all(names.map(async (name) => [name, await native.collection(name).estimatedDocumentCount()] as const));
  return counts.filter(([, count]) => count > 0).map(([name, count]) => `${name} (${count})`);
}

export type RestoreResult = { manifest: Manifest; documents: number; files: number };

/**
 * Loads an archive into an empty database and an empty uploads folder. Every entry is checked (names, sizes,
 * counts against the manifest) and, if anything fails part-way, what was loaded is removed again: a restore
 * either completes or leaves the target as empty as it found it.
 */
export async function readBackup(options: {
  file: string;
  db: Connection;
  uploadsDir: string;
  progress?: Progress;
}): Promise<RestoreResult> {
  const progress = options.progress ?? silentProgress;
  const native = options.db.db;
  if (!native) throw new Error('not connected');
  const busy = await nonEmptyCollections(options.db);
  if (busy.length > 0) {
    throw new RestoreError(
      `The database "${options.db.name}" is not empty: ${busy.join(', ')}. A restore only loads into an empty database, ` +
        'so that nothing is mixed or overwritten: stop the server and restore into a new DATA_DIR, or point MONGODB_URI at an empty database.',
    );
  }
  const existingUploads = fs.existsSync(options.uploadsDir) ? fs.readdirSync(options.uploadsDir).filter((name) => name !== '.gitkeep') : [];
  if (existingUploads.length > 0) {
    throw new RestoreError(`The uploads folder ${options.uploadsDir} is not empty (${existingUploads.length} entries): restore into an empty one.`);
  }

  let manifest: Manifest | undefined;
  const restored = new Map<string, number>();
  const indexesOf = new Map<string, Document[]>();
  const written: string[] = [];
  let documents = 0;
  const source = fs.createReadStream(options.file);
  const entries = extract();
  const done = pipeline(source, createGunzip(), entries);
  try {
    for await (const entry of entries) {
      const { name, type, size } = entry.header;
      if (!manifest) {
        if (name !== MANIFEST_NAME) throw new RestoreError(`${options.file} is not a DeCoDe knowledge base backup: it does not start with ${MANIFEST_NAME}`);
        const parsed = manifestSchema.safeParse(JSON.parse(await readText(entry, MAX_METADATA_BYTES)));
        if (!parsed.success) throw new RestoreError(`${options.file} has a manifest this version cannot read (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        manifest = parsed.data;
        progress.start(manifest.collections.reduce((sum, c) => sum + c.documents, 0) + manifest.uploads.files, 'documents and files');
        continue;
      }
      if (type !== 'file') throw new RestoreError(`the archive holds a ${type ?? 'special'} entry (${name}); a backup holds files only`);
      const collection = parseCollectionEntry(name);
      const upload = parseUploadEntry(name);
      if (collection?.kind === 'metadata.json') {
        const metadata = EJSON.parse(await readText(entry, MAX_METADATA_BYTES), { relaxed: false }) as { options?: Document };
        await native.createCollection(collection.name, metadata.options ?? {});
        restored.set(collection.name, 0);
        indexesOf.set(collection.name, (metadata as { indexes?: Document[] }).indexes ?? []);
      } else if (collection?.kind === 'bson') {
        if (!restored.has(collection.name)) throw new RestoreError(`the archive is damaged: ${name} comes without its metadata`);
        let batch: Document[] = [];
        let batchBytes = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await native.collection(collection.name).insertMany(batch, { ordered: true, bypassDocumentValidation: true });
          restored.set(collection.name, (restored.get(collection.name) ?? 0) + batch.length);
          documents += batch.length;
          progress.advance(batch.length);
          batch = [];
          batchBytes = 0;
        };
        for await (const { doc, bytes } of bsonDocuments(entry)) {
          batch.push(doc);
          batchBytes += bytes;
          if (batch.length >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) await flush();
        }
        await flush();
        await createIndexes(options.db, collection.name, indexesOf.get(collection.name) ?? []);
      } else if (upload) {
        const target = path.join(options.uploadsDir, upload);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        written.push(target);
        await pipeline(entry as unknown as NodeJS.ReadableStream, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
        if (fs.statSync(target).size !== size) throw new RestoreError(`the archive is damaged: ${name} is cut short`);
        progress.advance();
      } else {
        throw new RestoreError(`the archive holds an entry it should not: ${JSON.stringify(name)}`);
      }
    }
    await done;
    if (!manifest) throw new RestoreError(`${options.file} is empty`);
    for (const expected of manifest.collections) {
      const got = restored.get(expected.name) ?? -1;
      if (got !== expected.documents) {
        throw new RestoreError(`the archive is incomplete: ${expected.name} has ${Math.max(got, 0)} of ${expected.documents} documents`);
      }
    }
    if (written.length !== manifest.uploads.files) {
      throw new RestoreError(`the archive is incomplete: ${written.length} of ${manifest.uploads.files} uploaded files`);
    }
    progress.stop();
    return { manifest, documents, files: written.length };
  } catch (err) {
    progress.stop();
    source.destroy();
    await done.catch(() => undefined);
    // Undo: the target was empty before, so emptying it again loses nothing.
    await native.dropDatabase().catch(() => undefined);
    for (const file of written) fs.rmSync(file, { force: true });
    const nothing = 'nothing was restored';
    if (err instanceof RestoreError) throw new RestoreError(`${err.message}; ${nothing}.`);
    if (err instanceof SyntaxError) throw new RestoreError(`the archive is damaged (${err.message}); ${nothing}.`);
    const code = String((err as NodeJS.ErrnoException).code ?? '');
    const message = err instanceof Error ? err.message : String(err);
    // gzip (zlib's Z_* codes) and tar (header and end-of-data checks) both say a file is damaged or cut short.
    if (code.startsWith('Z_') || /tar|header|end of (data|file)/i.test(message)) {
      throw new RestoreError(`${options.file} is damaged or cut short (${message}); ${nothing}.`);
    }
    throw err;
  }
}

/** The archived indexes, after the data (faster, and as mongorestore does); `_id_` exists already. */
async function createIndexes(db: Connection, name: string, specs: Document[]): Promise<void> {
  const wanted = specs
    .filter((spec) => spec.name !== '_id_')
    .map(({ v: _v, ns: _ns, ...spec }) => spec as { key: Document; name: string });
  if (wanted.length > 0) await db.db!.collection(name).createIndexes(wanted);
}
