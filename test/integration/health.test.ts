import fs from 'node:fs';
import request from 'supertest';
import createApp from '../../server/app';
import { SearchEngine } from '../../server/lib/search';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { completePracticeBody, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

describe('health endpoints', () => {
  it('when the process is up, then /healthz answers ok', async () => {
    const res = await request(ctx.app).get('/healthz').expect(200);

    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when both engines answer, then /readyz is ready', async () => {
    const res = await request(ctx.app).get('/readyz').expect(200);

    expect(res.body).toEqual({
      ready: true,
      database: 'mongodb',
      checks: { mongodb: 'ok', meilisearch: 'ok' },
      failed: [],
      searchIndex: { pending: 0, oldestPendingSeconds: null },
    });
  });

  it('when the app runs on the bundled store, then /readyz names it and never its folder', async () => {
    const app = createApp({ ...ctx.deps, database: { kind: 'bundled-store', detail: '/srv/kb/data/bundled-store' } });

    const res = await request(app).get('/readyz').expect(200);

    expect(res.body).toMatchObject({ ready: true, database: 'bundled-store' });
    expect(JSON.stringify(res.body)).not.toContain('/srv/kb');
  });

  it('when Meilisearch cannot be reached, then /readyz is 503 and names it', async () => {
    const deadPort = await findFreePort();
    const app = createApp({ ...ctx.deps, search: new SearchEngine(`http://127.0.0.1:${deadPort}`, 'x') });

    const res = await request(app).get('/readyz').expect(503);

    expect(res.body).toMatchObject({
      ready: false,
      checks: { mongodb: 'ok', meilisearch: 'unavailable' },
      failed: ['meilisearch'],
    });
  });

  it('when MongoDB is disconnected, then /readyz is 503 and names it', async () => {
    const other = await createTestContext();
    await other.db.dropDatabase();
    await other.db.close();

    const res = await request(other.app).get('/readyz').expect(503);

    expect(res.body).toMatchObject({ ready: false, checks: { mongodb: 'unavailable', meilisearch: 'ok' }, failed: ['mongodb'] });
    // close() skips the database it can no longer reach and removes the rest: indexes and the temp folder.
    await other.close();
    expect(fs.existsSync(other.tmpDir)).toBe(false);
  });
});

describe('/readyz search backlog', () => {
  it('when practices with dates years back wait to be indexed, then their wait counts from the save, not from those dates', async () => {
    const author = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
    const longAgo = new Date('2018-05-15T10:00:00Z');
    await ctx.services.practices.seedPractice({
      content: completePracticeBody({ title: 'Presented at the kick-off in 2018' }),
      status: 'published',
      createdBy: author.id,
      createdAt: longAgo,
      date: new Date('2018-06-01T10:00:00Z'),
    });

    const res = await request(ctx.app).get('/readyz').expect(200);

    expect(res.body.searchIndex.pending).toBe(1);
    // Seconds since the seed ran, on any machine; the dates in the record are about 7 years old.
    expect(res.body.searchIndex.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
    expect(res.body.searchIndex.oldestPendingSeconds).toBeLessThan(120);
    await ctx.services.searchIndexing.sync.drain();
    expect((await request(ctx.app).get('/readyz')).body.searchIndex).toEqual({ pending: 0, oldestPendingSeconds: null });
  });

  it('when a waiting practice is edited again, then its wait still counts from its first unindexed change', async () => {
    const author = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
    const draft = await ctx.services.practices.create(author, completePracticeBody({ title: 'Waiting since the first save' }));
    await new Promise((r) => setTimeout(r, 2100));

    await ctx.services.practices.update(author, draft.id, { revision: draft.revision, summary: 'Edited while still waiting for the index.' });
    const waited = (await request(ctx.app).get('/readyz')).body.searchIndex;

    expect(waited.pending).toBe(1);
    expect(waited.oldestPendingSeconds).toBeGreaterThanOrEqual(2);
    await ctx.services.searchIndexing.sync.drain();
    const stored = await ctx.db.collection('practices').findOne({ 'working.title': 'Waiting since the first save' });
    expect(stored).not.toHaveProperty('pendingSince');
  });
});
