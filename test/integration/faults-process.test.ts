import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { SearchEngine } from '../../server/lib/search';
import { listening, startAppProcess, statusOf, waitForApp, type AppProcess } from '../support/app-process';
import { completePracticeBody, createUser } from '../support/factories';
import { FaultProxy } from '../support/fault-proxy';
import { createTestContext, testEngines, uniqueName, type TestContext } from '../support/test-context';

/** Faults of whole processes: the real server (server/main.ts) is started, starved and killed. */
let dataDir: string;
let app: AppProcess | undefined;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-faults-'));
});

afterEach(async () => {
  await app?.kill();
  app = undefined;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const uriWithDb = (uri: string, db: string) => {
  const url = new URL(uri);
  url.pathname = `/${db}`;
  return url.toString();
};

async function dropDatabase(name: string): Promise<void> {
  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(testEngines().mongoUri);
  await client.db(name).dropDatabase();
  await client.close();
}

describe('the embedded Meilisearch dies', () => {
  it('when it is killed with SIGKILL, then the app starts it again and search answers without an app restart', async () => {
    const db = uniqueName();
    app = await startAppProcess({ MONGODB_URI: uriWithDb(testEngines().mongoUri, db), DATA_DIR: dataDir });
    try {
      await listening(app);
      expect(await statusOf(app, '/search?q=youth')).toBe(200);
      const started = app.logLines().find((l) => l.msg === 'embedded Meilisearch started');
      const meiliPid = Number(started?.pid);

      process.kill(meiliPid, 'SIGKILL');
      await waitForApp(app, () => app!.logLines().some((l) => l.msg === 'embedded Meilisearch restarted'), 'the restart');
      await waitForApp(app, async () => (await statusOf(app!, '/search?q=youth')) === 200, 'search to answer again', 30_000);

      const ready = (await (await app.get('/readyz')).json()) as { ready: boolean };
      expect(ready.ready).toBe(true);
      expect(app.child.exitCode).toBeNull();
      const restarted = app.logLines().find((l) => l.msg === 'embedded Meilisearch restarted');
      expect(restarted).toMatchObject({ restarts: 1 });
      expect(restarted?.pid).not.toBe(meiliPid);
      expect(app.logLines().find((l) => l.msg === 'embedded Meilisearch exited unexpectedly; restarting')).toMatchObject({
        pid: meiliPid,
        signal: 'SIGKILL',
      });
    } finally {
      await app.kill();
      await dropDatabase(db);
    }
  }, 180_000);
});

describe('the database goes away under the running server', () => {
  it('when MongoDB stops and then hangs, then the process stays up, answers 503 and serves again when it is back', async () => {
    const target = new URL(testEngines().mongoUri);
    const proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port) });
    const db = uniqueName();
    const engines = testEngines();
    app = await startAppProcess({
      MONGODB_URI: uriWithDb(proxy.uriFor(engines.mongoUri), db),
      MEILI_HOST: engines.meiliHost,
      MEILI_MASTER_KEY: engines.meiliKey,
      MEILI_INDEX_PREFIX: `${db}_`,
      DATA_DIR: dataDir,
    });
    try {
      await listening(app);
      expect(await statusOf(app, '/')).toBe(200);

      await proxy.set('refused');
      const refused = [await statusOf(app, '/'), await statusOf(app, '/api/practices'), await statusOf(app, '/recommendations')];
      await proxy.set('frozen');
      const frozen = [await statusOf(app, '/'), await statusOf(app, '/api/practices')];
      // Long enough for the sync worker, sessions and health checks to hit the outage too.
      await new Promise((r) => setTimeout(r, 3000));
      const body = (await (await app.get('/api/practices')).json()) as { error?: { code: string } };
      await proxy.set('up');
      await waitForApp(app, async () => (await statusOf(app!, '/')) === 200, 'pages to answer again', 60_000);

      expect(refused).toEqual([503, 503, 503]);
      expect(frozen).toEqual([503, 503]);
      expect(body.error?.code).toBe('database_unavailable');
      expect(await statusOf(app, '/api/practices')).toBe(200);
      expect(app.child.exitCode).toBeNull();
      expect(app.logLines().filter((l) => Number(l.level) >= 60)).toEqual([]);
      expect(app.logLines().some((l) => l.msg === 'database unavailable; answered 503')).toBe(true);
    } finally {
      await app.kill();
      await proxy.stop();
      await dropDatabase(db);
      await new SearchEngine(engines.meiliHost, engines.meiliKey, `${db}_`).dropOwnIndexes();
    }
  }, 180_000);
});

describe('the app is killed during a sync pass', () => {
  let ctx: TestContext;

  afterEach(async () => {
    await ctx.close();
  });

  it('when it is killed with SIGKILL while sending a batch, then after a restart the lease is taken over once it expires and every practice is indexed once, as stored', async () => {
    ctx = await createTestContext();
    const engines = testEngines();
    const author = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
    const coordinator = await createUser(ctx, { role: 'coordinator' });
    // More than one batch (200): the sync is mid-pass for a while.
    const total = 210;
    for (let i = 0; i < total; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, total - i) }, (_, j) =>
          ctx.services.practices.seedPractice({
            content: completePracticeBody({ title: `Practice number ${i + j} of the interrupted sync` }),
            status: 'published',
            createdBy: author.id,
            reviewedBy: coordinator.id,
          }),
        ),
      );
    }
    const env = {
      MONGODB_URI: uriWithDb(engines.mongoUri, ctx.db.name),
      MEILI_HOST: engines.meiliHost,
      MEILI_MASTER_KEY: engines.meiliKey,
      MEILI_INDEX_PREFIX: ctx.config.meili.indexPrefix,
      DATA_DIR: dataDir,
    };
    const admin = new Meilisearch({ host: engines.meiliHost, apiKey: engines.meiliKey });
    const indexUid = ctx.search.indexUid('practices');
    const leases = ctx.db.collection<{ _id: string; owner: string; expiresAt: Date }>('search_leases');
    const pending = () => ctx.db.collection('practices').countDocuments({ $expr: { $gt: ['$revision', '$indexedRevision'] } });

    app = await startAppProcess(env);
    await waitForApp(
      app,
      async () => (await admin.tasks.getTasks({ indexUids: [indexUid], types: ['documentAdditionOrUpdate'] })).results.length > 0,
      'the first batch to be sent',
    );
    await app.kill();

    const held = await leases.findOne({ _id: 'practices-sync' });
    expect(held?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await pending()).toBeGreaterThan(0);

    app = await startAppProcess(env);
    await waitForApp(app, async () => (await leases.findOne({ _id: 'practices-sync' }))?.owner !== held?.owner, 'the lease to be taken over');
    // The dead holder's lease was respected until it ran out: the new one was taken (expiresAt - 30 s) after that.
    const taken = await leases.findOne({ _id: 'practices-sync' });
    expect(taken!.expiresAt.getTime() - 30_000).toBeGreaterThanOrEqual(held!.expiresAt.getTime());
    await waitForApp(app, async () => (await pending()) === 0, 'the backlog to be indexed');

    const stored = await ctx.db
      .collection<{ _id: { toHexString(): string }; revision: number; published: { title: string } }>('practices')
      .find({}, { projection: { revision: 1, 'published.title': 1 } })
      .toArray();
    const indexed = await ctx.search.index('practices').getDocuments<{ id: string; revision: number; title: string }>({ limit: 1000, fields: ['id', 'revision', 'title'] });
    const byId = (rows: { id: string; revision: number; title: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(indexed.total).toBe(total);
    expect(byId(indexed.results.map(({ id, revision, title }) => ({ id, revision, title })))).toEqual(
      byId(stored.map((d) => ({ id: d._id.toHexString(), revision: d.revision, title: d.published.title }))),
    );
  }, 240_000);
});
