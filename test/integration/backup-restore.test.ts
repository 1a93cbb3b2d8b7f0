import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { runBackup } from '../../scripts/backup';
import { runRestore } from '../../scripts/restore';
import { openScriptDatabase, type ScriptDatabase } from '../../scripts/lib/script-engines';
import { seedDemoData } from '../../scripts/seed/seed-demo-data';
import { loadConfig } from '../../server/lib/config';
import { silentLogger } from '../../server/lib/logger';
import { SearchEngine } from '../../server/lib/search';
import { TEST_PASSWORD } from '../support/factories';
import { createTestContext, testEngines, uniqueName, type TestContext } from '../support/test-context';

// The demo data set goes out through `npm run backup` and back in through `npm run restore`: from the test
// MongoDB into a fresh DATA_DIR (the engine `npm start` would choose there: the bundled store on this machine),
// then out of that again. Everything must come back identical, and the search index must be rebuilt.

let ctx: TestContext;
let tmp: string;
const restorePrefix = `${uniqueName()}_`;

type Io = { lines: string[]; errors: string[] };
const io = (env: NodeJS.ProcessEnv) => {
  const seen: Io = { lines: [], errors: [] };
  return { seen, io: { env, out: (l: string) => void seen.lines.push(l), err: (l: string) => void seen.errors.push(l) } };
};

function sourceEnv(): NodeJS.ProcessEnv {
  const uri = new URL(testEngines().mongoUri);
  uri.pathname = `/${ctx.db.name}`;
  return { MONGODB_URI: uri.toString(), UPLOADS_DIR: ctx.config.uploadsDir, DATA_DIR: ctx.tmpDir, LOG_LEVEL: 'silent' };
}

/** A fresh installation: its own DATA_DIR and uploads, no MONGODB_URI, the test Meilisearch under its own prefix. */
function freshEnv(name: string): NodeJS.ProcessEnv {
  const { meiliHost, meiliKey } = testEngines();
  return {
    DATA_DIR: path.join(tmp, name, 'data'),
    UPLOADS_DIR: path.join(tmp, name, 'uploads'),
    MEILI_HOST: meiliHost,
    MEILI_MASTER_KEY: meiliKey,
    MEILI_INDEX_PREFIX: restorePrefix,
    LOG_LEVEL: 'silent',
  };
}

async function snapshot(db: ScriptDatabase['db']): Promise<Record<string, { docs: unknown[]; indexes: string[] }>> {
  const native = db.db!;
  const names = (await native.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Record<string, { docs: unknown[]; indexes: string[] }> = {};
  for (const name of names) {
    out[name] = {
      docs: await native.collection(name).find({}).sort({ _id: 1 }).toArray(),
      indexes: (await native.collection(name).indexes()).map((i) => String(i.name)).sort(),
    };
  }
  return out;
}

const filesOf = (dir: string) =>
  fs.existsSync(dir)
    ? Object.fromEntries(
        fs
          .readdirSync(dir)
          .filter((f) => !f.startsWith('.'))
          .sort()
          .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]),
      )
    : {};

beforeAll(async () => {
  ctx = await createTestContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-backup-test-'));
  await seedDemoData(ctx.services, { password: TEST_PASSWORD });
}, 180_000);

afterAll(async () => {
  const search = await SearchEngine.connect(testEngines().meiliHost, testEngines().meiliKey, restorePrefix);
  await search.dropOwnIndexes();
  await ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run backup and npm run restore', () => {
  it('when the demo data is backed up and restored into a fresh installation, then every document, index and upload comes back and search finds it', async () => {
    const archive = path.join(tmp, 'demo.tar.gz');
    const backup = io(sourceEnv());
    expect(await runBackup(['--out', archive], backup.io)).toBe(0);
    expect(backup.seen.lines[0]).toMatch(/^Backup written: .*demo\.tar\.gz \(\d+\.\d MB\)$/);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

    const restore = io(freshEnv('restored'));
    const code = await runRestore([archive], restore.io);
    expect({ code, errors: restore.seen.errors }).toEqual({ code: 0, errors: [] });

    const config = loadConfig(freshEnv('restored'));
    const target = await openScriptDatabase(config, silentLogger);
    try {
      const [before, after] = [await snapshot(ctx.db), await snapshot(target.db)];
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const name of Object.keys(before)) {
        expect({ name, ...after[name] }).toEqual({ name, ...before[name] });
      }
      expect((before.practices?.docs.length ?? 0)).toBeGreaterThan(20);
      expect(filesOf(config.uploadsDir)).toEqual(filesOf(ctx.config.uploadsDir));
      expect(Object.keys(filesOf(config.uploadsDir)).length).toBeGreaterThan(5);
      expect(fs.existsSync(path.join(config.dataDir, 'demo-seeded'))).toBe(true);
    } finally {
      await target.close();
    }

    const published = await ctx.db.collection('practices').countDocuments({ status: 'published' });
    const search = await SearchEngine.connect(testEngines().meiliHost, testEngines().meiliKey, restorePrefix);
    const stats = await search.client.index(search.indexUid('practices')).getStats();
    expect(stats.numberOfDocuments).toBe(published);
    expect(restore.seen.lines).toContain(`Search index rebuilt: ${published} published practices.`);

    // And out again, this time from the fresh installation's own engine, started by the script.
    const again = path.join(tmp, 'again.tar.gz');
    const second = io(freshEnv('restored'));
    expect(await runBackup(['--out', again], second.io)).toBe(0);
    const counts = (lines: string[]) => lines.filter((l) => /documents, \d+ indexes|files,/.test(l));
    expect(counts(second.seen.lines)).toEqual(counts(backup.seen.lines));
  }, 300_000);

  it('when the target already holds data, then restore refuses, names what is there and changes nothing', async () => {
    const archive = path.join(tmp, 'demo.tar.gz');
    const config = loadConfig(freshEnv('restored'));
    const uploadsBefore = filesOf(config.uploadsDir);
    const attempt = io(freshEnv('restored'));

    expect(await runRestore([archive], attempt.io)).toBe(1);

    expect(attempt.seen.errors.join('\n')).toMatch(/The database "decode" is not empty: .*practices \(\d+\).*A restore only loads into an empty database/);
    expect(filesOf(config.uploadsDir)).toEqual(uploadsBefore);
  }, 120_000);

  it('when the archive is cut short, then restore fails saying so and leaves the target empty', async () => {
    const archive = path.join(tmp, 'demo.tar.gz');
    const cut = path.join(tmp, 'cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(archive).subarray(0, Math.floor(fs.statSync(archive).size * 0.6)));
    const attempt = io(freshEnv('cut'));

    expect(await runRestore([cut], attempt.io)).toBe(1);

    expect(attempt.seen.errors.join('\n')).toMatch(/cut\.tar\.gz is damaged or cut short \(.*\); nothing was restored\./);
    const config = loadConfig(freshEnv('cut'));
    const target = await openScriptDatabase(config, silentLogger);
    try {
      expect(await snapshot(target.db)).toEqual({});
    } finally {
      await target.close();
    }
    expect(filesOf(config.uploadsDir)).toEqual({});
  }, 120_000);

  it('when an archive tries to write outside the uploads folder, then restore refuses it and writes nothing there', async () => {
    const hostile = path.join(tmp, 'hostile.tar.gz');
    const archive = pack();
    const written = pipeline(archive, createGzip(), fs.createWriteStream(hostile));
    const manifest = {
      format: 'decode-kb-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      app: { name: 'decode-knowledge-base', version: '0.1.0' },
      node: process.version,
      source: { engine: 'mongodb', database: 'x', serverVersion: '7.0.0' },
      collections: [],
      uploads: { files: 1, bytes: 4 },
    };
    archive.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
    archive.entry({ name: 'uploads/../../escaped.txt' }, 'evil');
    archive.finalize();
    await written;
    const attempt = io(freshEnv('hostile'));

    expect(await runRestore([hostile], attempt.io)).toBe(1);

    expect(attempt.seen.errors.join('\n')).toContain('the archive holds an entry it should not: "uploads/../../escaped.txt"; nothing was restored.');
    expect(fs.existsSync(path.join(tmp, 'escaped.txt'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'hostile', 'escaped.txt'))).toBe(false);
  }, 120_000);
});
