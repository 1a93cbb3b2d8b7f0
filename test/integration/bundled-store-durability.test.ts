import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection, type Document } from 'mongodb';
import net from 'node:net';
import { MongoWireServer } from '../../server/bundled-store/server';
import { decodeMessage, encodeOpMsg, MessageFramer, type OpMsgRequest } from '../../server/bundled-store/wire-protocol';
import { projectRoot } from '../../server/lib/paths';

// The durable mode of the bundled store, through a real driver and real files. The crash test runs the store in a
// child process and kills it, because only a process that really dies shows what reached the disk.

const cli = path.join(projectRoot, 'server', 'bundled-store', 'cli.ts');

type StoreProcess = { child: ChildProcessWithoutNullStreams; uri: string; output: () => string };

function spawnStore(dataDir: string): { child: ChildProcessWithoutNullStreams; output: () => string; ready: Promise<string> } {
  // Node itself with tsx's loader, not the tsx wrapper: a SIGKILL must reach the store, not a parent of it.
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening: (mongodb:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`store exited (${code}):\n${output}`)));
  });
  return { child, output: () => output, ready };
}

async function startStoreProcess(dataDir: string): Promise<StoreProcess> {
  const run = spawnStore(dataDir);
  return { child: run.child, uri: await run.ready, output: run.output };
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const connect = (uri: string) => MongoClient.connect(uri, { serverSelectionTimeoutMS: 3000, maxPoolSize: 32 });

let dataDir: string;
let logs: string[];
const log = (message: string) => void logs.push(message);

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-store-'));
  logs = [];
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('bundled store: durable mode', () => {
  it('when the store is killed with SIGKILL during a burst of concurrent writes, then every acknowledged write is there after restart and nothing else is damaged', async () => {
    const store = await startStoreProcess(dataDir);
    const writers = 16;
    const acknowledged = new Map<string, Document>();
    const attempted = new Map<string, Document>();
    const increments = { acknowledged: new Array<number>(writers).fill(0), attempted: new Array<number>(writers).fill(0) };
    const before: Document[] = Array.from({ length: 40 }, (_, i) => ({ _id: `before-${i}`, key: `before-${i}`, n: i }));
    let killed = false;
    try {
      const client = await connect(store.uri);
      const items: Collection = client.db('burst').collection('items');
      await items.createIndex({ key: 1 }, { unique: true });
      await items.insertMany(before);
      await client.db('burst').collection('counters').insertMany(Array.from({ length: writers }, (_, w) => ({ _id: w as unknown as never, n: 0 })));

      const writer = async (w: number) => {
        for (let i = 0; i < 10_000 && !killed; i++) {
          const doc = { _id: `w${w}-${i}`, key: `w${w}-${i}`, w, i, text: 'x'.repeat(200 + ((w * 31 + i) % 500)) };
          attempted.set(doc._id, doc);
          increments.attempted[w] = (increments.attempted[w] ?? 0) + 1;
          try {
            await items.insertOne(doc as unknown as Document);
            acknowledged.set(doc._id, doc);
            await client.db('burst').collection('counters').updateOne({ _id: w as unknown as never }, { $inc: { n: 1 } });
            increments.acknowledged[w] = (increments.acknowledged[w] ?? 0) + 1;
          } catch {
            return; // the store is gone: this write was never acknowledged
          }
        }
      };
      const burst = Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      while (acknowledged.size < 600) await new Promise((r) => setTimeout(r, 10));
      store.child.kill('SIGKILL');
      killed = true;
      await exited(store.child);
      await burst;
      await client.close(true);
    } finally {
      store.child.kill('SIGKILL');
    }

    const restarted = await MongoWireServer.start({ dataDir, log });
    try {
      const client = await connect(restarted.uri);
      const items = client.db('burst').collection('items');
      const stored = new Map((await items.find({}).toArray()).map((doc) => [String(doc._id), doc]));
      const counters = await client.db('burst').collection('counters').find({}).sort({ _id: 1 }).toArray();

      const missing = [...acknowledged.keys()].filter((id) => !stored.has(id));
      expect({ acknowledged: acknowledged.size, missing }).toEqual({ acknowledged: acknowledged.size, missing: [] });
      for (const doc of before) expect(stored.get(doc._id)).toEqual(doc);
      for (const [id, doc] of stored) {
        if (id.startsWith('before-')) continue;
        // Anything beyond the acknowledged writes is a write that was in flight, stored whole, never a fragment.
        expect(doc).toEqual(attempted.get(id));
      }
      expect(counters).toHaveLength(writers);
      for (const counter of counters) {
        const w = counter._id as unknown as number;
        expect(counter.n).toBeGreaterThanOrEqual(increments.acknowledged[w] as number);
        expect(counter.n).toBeLessThanOrEqual(increments.attempted[w] as number);
      }
      expect((await items.indexes()).map((index) => index.name)).toEqual(['_id_', 'key_1']);
      await expect(items.insertOne({ key: 'before-3' })).rejects.toMatchObject({ code: 11000 });
      expect(logs.join('\n')).toContain('removing the stale lock of process');
      await client.close();
    } finally {
      await restarted.stop();
    }
  }, 180_000);

  it('when many commands arrive together, then they share journal syncs (group commit) and every reply follows its sync, in order', async () => {
    const server = await MongoWireServer.start({ dataDir, log });
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const before = server.storage!.stats;
    // Fifty inserts in one write: a driver pipelines like this when many requests share one connection.
    socket.write(
      Buffer.concat(Array.from({ length: 50 }, (_, i) => encodeOpMsg(i + 1, 0, { insert: 'burst', documents: [{ _id: i }], $db: 'app' }))),
    );
    const framer = new MessageFramer();
    const replies: OpMsgRequest[] = [];
    for await (const chunk of socket) {
      replies.push(...framer.push(chunk as Buffer).map((message) => decodeMessage(message) as OpMsgRequest));
      if (replies.length >= 50) break;
    }
    const after = server.storage!.stats;
    await server.stop();

    expect(replies.map((reply) => reply.header.responseTo)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(replies.every((reply) => reply.command.ok === 1 && reply.command.n === 1)).toBe(true);
    expect(after.records - before.records).toBe(51); // the collection, then fifty documents
    expect(after.syncs - before.syncs).toBeLessThan(10);
  });

  it('when the journal ends with a torn record, then the store drops it with a log line and keeps everything before it', async () => {
    const first = await MongoWireServer.start({ dataDir, log });
    const client = await connect(first.uri);
    await client.db('app').collection('notes').insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i as unknown as never, text: `note ${i}` })));
    await client.db('app').collection('notes').insertOne({ _id: 20 as unknown as never, text: 'the last one' });
    await client.close();
    await first.stop();
    const journal = fs.readdirSync(dataDir).find((name) => name.startsWith('journal-')) as string;
    const file = path.join(dataDir, journal);
    // A crash in the middle of writing the last record: its tail never reached the disk.
    fs.truncateSync(file, fs.statSync(file).size - 7);

    const second = await MongoWireServer.start({ dataDir, log });
    const reader = await connect(second.uri);
    const notes = await reader.db('app').collection('notes').find({}).sort({ _id: 1 }).toArray();
    await reader.close();
    await second.stop();

    expect(notes.map((note) => note._id)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(logs.join('\n')).toMatch(new RegExp(`dropped a torn record at the end of ${journal} \\(byte \\d+, \\d+ bytes: record of \\d+ bytes cut short\\)`));
  });

  it('when a record in the journal fails its checksum, then it and what follows are dropped, never applied', async () => {
    const first = await MongoWireServer.start({ dataDir, log });
    const client = await connect(first.uri);
    await client.db('app').collection('notes').insertOne({ _id: 1 as unknown as never, text: 'kept' });
    await client.db('app').collection('notes').insertOne({ _id: 2 as unknown as never, text: 'garbled' });
    await client.close();
    await first.stop();
    const file = path.join(dataDir, fs.readdirSync(dataDir).find((name) => name.startsWith('journal-')) as string);
    const bytes = fs.readFileSync(file);
    const at = bytes.lastIndexOf(Buffer.from('garbled'));
    bytes[at] = 'G'.charCodeAt(0);
    fs.writeFileSync(file, bytes);

    const second = await MongoWireServer.start({ dataDir, log });
    const reader = await connect(second.uri);
    const notes = await reader.db('app').collection('notes').find({}).toArray();
    await reader.close();
    await second.stop();

    expect(notes).toEqual([{ _id: 1, text: 'kept' }]);
    expect(logs.join('\n')).toContain('checksum mismatch');
  });

  it('when a second process opens the same data folder, then it is refused with a message saying what to do', async () => {
    const holder = await MongoWireServer.start({ dataDir, log });
    try {
      const second = spawnStore(dataDir);
      await expect(second.ready).rejects.toThrow(/store exited \(1\)/);

      expect(second.output()).toContain(`The bundled store's data folder ${dataDir} is in use by process ${process.pid}`);
      expect(second.output()).toContain('stop the other one first, or set DATA_DIR to another folder');
    } finally {
      await holder.stop();
    }
    expect(fs.existsSync(path.join(dataDir, 'LOCK'))).toBe(false);
  }, 60_000);

  it('when the journal grows past its limit, then it is compacted into a new snapshot and a restart loads the same data', async () => {
    const server = await MongoWireServer.start({ dataDir, log, compactAfterBytes: 64 * 1024 });
    const client = await connect(server.uri);
    const docs = client.db('app').collection('docs');
    await docs.createIndex({ slug: 1 }, { unique: true });
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => docs.insertOne({ slug: `d-${batch}-${i}`, body: 'y'.repeat(1000) })),
      );
      await docs.updateMany({ slug: { $regex: `^d-${batch}-` } }, { $set: { batch } });
    }
    await docs.deleteMany({ slug: { $regex: '-(0|1)$' } });
    const expected = await docs.find({}).sort({ slug: 1 }).toArray();
    await client.close();
    const { compactions } = server.storage!.stats;
    await server.stop();

    const reopened = await MongoWireServer.start({ dataDir, log });
    const reader = await connect(reopened.uri);
    const loaded = await reader.db('app').collection('docs').find({}).sort({ slug: 1 }).toArray();
    const indexes = await reader.db('app').collection('docs').indexes();
    await reader.close();
    await reopened.stop();

    expect(compactions).toBeGreaterThanOrEqual(2);
    expect(logs.join('\n')).toMatch(/compacted the journal into a \d+ KiB snapshot/);
    expect(loaded).toEqual(expected);
    expect(loaded).toHaveLength(10 * 28);
    expect(indexes.find((index) => index.name === 'slug_1')).toMatchObject({ unique: true });
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('journal-'))).toHaveLength(1);
  }, 60_000);

  it('when the snapshot was changed on disk, then the store refuses to start and says how to recover', async () => {
    const first = await MongoWireServer.start({ dataDir, log });
    const client = await connect(first.uri);
    await client.db('app').collection('notes').insertOne({ text: 'something' });
    await client.close();
    await first.stop();
    const second = await MongoWireServer.start({ dataDir, log });
    await second.stop();
    const snapshot = path.join(dataDir, 'snapshot');
    const bytes = fs.readFileSync(snapshot);
    bytes[bytes.lastIndexOf(Buffer.from('something'))] = 'S'.charCodeAt(0);
    fs.writeFileSync(snapshot, bytes);

    await expect(MongoWireServer.start({ dataDir, log })).rejects.toThrow(
      /The bundled store's file .*snapshot is damaged \(checksum mismatch at byte \d+\)\. .*npm run restore/,
    );
    expect(fs.existsSync(path.join(dataDir, 'LOCK'))).toBe(false);
  });
});
