import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { EJSON } from 'bson';
import type { Connection } from 'mongoose';
import { pack } from 'tar-stream';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, collectionEntry, MANIFEST_NAME, parseUploadEntry, type Manifest } from './archive-format';

export type Progress = { start(total: number, label: string): void; advance(by?: number): void; stop(): void };
export const silentProgress: Progress = { start: () => undefined, advance: () => undefined, stop: () => undefined };

type DumpedCollection = { name: string; documents: number; indexes: number; metadata: string; bsonFile: string; bytes: number };

/** Every regular file of the uploads folder that an archive may carry (temporary and hidden files are not). */
export function listUploads(uploadsDir: string): { relative: string; bytes: number }[] {
  if (!fs.existsSync(uploadsDir)) return [];
  const files: { relative: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const relative = path.relative(uploadsDir, full).split(path.sep).join('/');
        if (parseUploadEntry(`uploads/${relative}`)) files.push({ relative, bytes: fs.statSync(full).size });
      }
    }
  };
  walk(uploadsDir);
  return files.sort((a, b) => a.relative.localeCompare(b.relative));
}

/** One collection to a temporary file of raw BSON, as the server sends it (no decoding, so every type survives). */
async function dumpCollection(db: Connection, name: string, tmp: string, progress: Progress): Promise<DumpedCollection> {
  const native = db.db!;
  const info = (await native.listCollections({ name }).toArray())[0] as { options?: Record<string, unknown> } | undefined;
  const indexes = await native.collection(name).indexes();
  const bsonFile = path.join(tmp, `${name}.bson`);
  const out = fs.createWriteStream(bsonFile, { mode: 0o600 });
  let documents = 0;
  let bytes = 0;
  const cursor = native.collection(name).find({}, { raw: true, batchSize: 1000 });
  for await (const raw of cursor) {
    const buffer = raw as unknown as Buffer;
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    documents += 1;
    bytes += buffer.length;
    progress.advance();
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const metadata = EJSON.stringify({ options: info?.options ?? {}, indexes }, undefined, 2, { relaxed: false });
  return { name, documents, indexes: indexes.length, metadata, bsonFile, bytes };
}

async function addFile(archive: ReturnType<typeof pack>, name: string, file: string, size: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const entry = archive.entry({ name, size, mode: 0o600 }, (err) => (err ? reject(err) : resolve()));
    fs.createReadStream(file).on('error', reject).pipe(entry);
  });
}

export type BackupResult = { file: string; manifest: Manifest; bytes: number };

/**
 * Writes the archive: collections are first dumped to a private temporary folder (so the manifest, written
 * first, knows every count), then packed with the uploads into `<out>.partial`, which is renamed to `out` only
 * when complete. The archive holds password hashes and personal data: it is readable by its owner only.
 */
export async function writeBackup(options: {
  db: Connection;
  uploadsDir: string;
  out: string;
  engine: string;
  app: { name: string; version: string };
  progress?: Progress;
}): Promise<BackupResult> {
  const progress = options.progress ?? silentProgress;
  const native = options.db.db;
  if (!native) throw new Error('not connected');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-backup-'));
  const partial = `${options.out}.partial`;
  try {
    const names = (await native.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((name) => !name.startsWith('system.'))
      .sort();
    let total = 0;
    for (const name of names) total += await native.collection(name).estimatedDocumentCount();
    const uploads = listUploads(options.uploadsDir);
    progress.start(total + uploads.length, 'documents and files');

    const dumped: DumpedCollection[] = [];
    for (const name of names) dumped.push(await dumpCollection(options.db, name, tmp, progress));
    const buildInfo = await native.admin().command({ buildInfo: 1 });
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_VERSION,
      createdAt: new Date().toISOString(),
      app: options.app,
      node: process.version,
      source: { engine: options.engine, database: options.db.name, serverVersion: String(buildInfo.version) },
      collections: dumped.map(({ name, documents, indexes }) => ({ name, documents, indexes })),
      uploads: { files: uploads.length, bytes: uploads.reduce((sum, f) => sum + f.bytes, 0) },
    };

    fs.mkdirSync(path.dirname(options.out), { recursive: true, mode: 0o700 });
    const archive = pack();
    const written = pipeline(archive, createGzip(), fs.createWriteStream(partial, { mode: 0o600 }));
    const add = (name: string, text: string) =>
      new Promise<void>((resolve, reject) => archive.entry({ name, mode: 0o600 }, text, (err) => (err ? reject(err) : resolve())));
    await add(MANIFEST_NAME, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const collection of dumped) {
      await add(collectionEntry(collection.name, 'metadata.json'), collection.metadata);
      await addFile(archive, collectionEntry(collection.name, 'bson'), collection.bsonFile, collection.bytes);
    }
    for (const upload of uploads) {
      await addFile(archive, `uploads/${upload.relative}`, path.join(options.uploadsDir, upload.relative), upload.bytes);
      progress.advance();
    }
    archive.finalize();
    await written;
    fs.renameSync(partial, options.out);
    progress.stop();
    return { file: options.out, manifest, bytes: fs.statSync(options.out).size };
  } catch (err) {
    progress.stop();
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
