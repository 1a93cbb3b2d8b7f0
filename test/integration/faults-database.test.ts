import pino from 'pino';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { FaultProxy } from '../support/fault-proxy';
import { textOf } from '../support/search-documents';
import { bearerFor, createUser, signedInAgent } from '../support/factories';
import { createAuthors, publishedPractice, revisionsOf, type Authors } from '../support/search-fixtures';
import { createTestContext, testEngines, type TestContext } from '../support/test-context';

/**
 * The database stopped, and then hung: the app reaches MongoDB through a relay that refuses or
 * freezes on command, with the real server (and its data) behind it.
 */
let proxy: FaultProxy;
let ctx: TestContext;
let who: Authors;
let planner: User;
let bearer: string;
const logLines: string[] = [];

// A frozen server is declared down after the driver's 5 s check limit (DB_TIMEOUTS), plus slack for a loaded machine.
const FAST_MS = 10_000;
const DB_MESSAGE = /database is not answering/i;

beforeAll(async () => {
  const target = new URL(testEngines().mongoUri);
  proxy = await FaultProxy.start({ host: target.hostname, port: Number(target.port) });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  ctx = await createTestContext({}, { mongoUri: proxy.uriFor(testEngines().mongoUri), logger });
  who = await createAuthors(ctx);
  planner = await createUser(ctx, { role: 'planner' });
  bearer = await bearerFor(ctx, planner);
}, 120_000);

afterAll(async () => {
  await ctx.services.searchIndexing.stop();
  await proxy.set('up');
  await ctx.close();
  await proxy.stop();
});

afterEach(async () => {
  await proxy.set('up');
  await untilOk(() => request(ctx.app).get('/api/practices'));
});

async function untilOk(send: () => PromiseLike<{ status: number }>, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await send();
    if (res.status === 200) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`still ${res.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function timed<T>(send: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const started = Date.now();
  const res = await send();
  return { res, ms: Date.now() - started };
}

describe('the database stopped', () => {
  it('when MongoDB refuses connections, then pages and the API answer 503 saying so, and answer again once it is back', async () => {
    await proxy.set('refused');

    const home = await request(ctx.app).get('/');
    const list = await request(ctx.app).get('/recommendations');
    const api = await request(ctx.app).get('/api/practices').set('Authorization', bearer);
    const lv = await request(ctx.app).get('/api/practices').set('Cookie', 'lang=lv');

    for (const page of [home, list]) {
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBe('30');
      expect(page.text).toContain('Temporarily unavailable');
      expect(page.text).toMatch(DB_MESSAGE);
      expect(page.text).not.toContain('Something went wrong');
    }
    expect(api.status).toBe(503);
    expect(api.body).toEqual({ error: { code: 'database_unavailable', message: expect.stringMatching(DB_MESSAGE) } });
    expect(lv.body.error.message).toMatch(/datubāze/i);
    expect(logLines.join('\n')).toMatch(/database unavailable/);

    await proxy.set('up');
    await untilOk(() => request(ctx.app).get('/'));
    const back = await request(ctx.app).get('/api/practices').set('Authorization', bearer);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ items: [], total: 0 });
  });

  it('when a signed-in member posts a form while MongoDB is down, then the answer is 503 and nothing is half-saved', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, who.partner);
    const before = await ctx.db.collection('practices').countDocuments();
    await proxy.set('refused');

    const res = await agent.post('/practices').type('form').send({ _csrf: csrf, title: 'Written during the outage', intent: 'draft' });

    expect(res.status).toBe(503);
    expect(res.text).toMatch(DB_MESSAGE);
    await proxy.set('up');
    await untilOk(() => request(ctx.app).get('/api/practices'));
    expect(await ctx.db.collection('practices').countDocuments()).toBe(before);
  });
});

describe('the database hung', () => {
  it('when MongoDB stops answering, then pages, the API and /readyz answer 503 within seconds, and recover by themselves', async () => {
    await proxy.set('frozen');

    const home = await timed(() => request(ctx.app).get('/'));
    const api = await timed(() => request(ctx.app).get('/api/practices').set('Authorization', bearer));
    const ready = await timed(() => request(ctx.app).get('/readyz'));

    if (process.env.FAULT_TIMINGS) console.log({ home: home.ms, api: api.ms, ready: ready.ms });
    expect({ status: home.res.status, fast: home.ms < FAST_MS }).toEqual({ status: 503, fast: true });
    expect(home.res.text).toMatch(DB_MESSAGE);
    expect({ status: api.res.status, fast: api.ms < FAST_MS }).toEqual({ status: 503, fast: true });
    expect(api.res.body.error.code).toBe('database_unavailable');
    expect({ status: ready.res.status, fast: ready.ms < FAST_MS }).toEqual({ status: 503, fast: true });
    expect(ready.res.body).toMatchObject({ ready: false, failed: ['mongodb'] });

    await proxy.set('up');
    await untilOk(() => request(ctx.app).get('/'));
    expect((await request(ctx.app).get('/readyz')).body).toMatchObject({ ready: true, failed: [] });
  });
});

describe('search without the database', () => {
  it('when MongoDB is down, then a visitor still searches, with labels in their language', async () => {
    await publishedPractice(ctx, who, { title: 'Youth guarantee internships in Latgale', themes: ['youth-retention'] });
    await ctx.services.searchIndexing.sync.drain();
    // A first search while everything is up: labels read then are what the page falls back on.
    expect((await request(ctx.app).get('/search?q=internships')).status).toBe(200);
    await proxy.set('refused');

    const page = await request(ctx.app).get('/search?q=internships&themes=youth-retention');
    const api = await request(ctx.app).get('/api/search?q=internships');

    expect(page.status).toBe(200);
    expect(textOf(page.text)).toContain('Youth guarantee internships in Latgale');
    expect(textOf(page.text)).toContain('Theme: Youth retention');
    expect(api.status).toBe(200);
    expect(api.body.hits.map((h: { title: string }) => h.title)).toEqual(['Youth guarantee internships in Latgale']);
  });
});

describe('the search sync through a database outage', () => {
  it('when MongoDB goes away while practices wait to be indexed, then the sync retries and indexes them once it is back', async () => {
    const waiting = await publishedPractice(ctx, who, { title: 'Saved just before the database went away' });
    await proxy.set('refused');
    ctx.services.searchIndexing.sync.start(100);
    await new Promise((r) => setTimeout(r, 3000));
    expect(logLines.join('\n')).toMatch(/search sync failed/);

    await proxy.set('up');
    const deadline = Date.now() + 60_000;
    while ((await revisionsOf(ctx, waiting.id).catch(() => ({ revision: 1, indexedRevision: 0 }))).indexedRevision === 0) {
      if (Date.now() > deadline) throw new Error('the sync did not resume');
      await new Promise((r) => setTimeout(r, 200));
    }
    await ctx.services.searchIndexing.sync.stop();

    const { revision, indexedRevision } = await revisionsOf(ctx, waiting.id);
    expect(indexedRevision).toBe(revision);
    const hit = await request(ctx.app).get('/api/search?q=went+away');
    expect(hit.body.hits.map((h: { title: string }) => h.title)).toEqual(['Saved just before the database went away']);
  });
});
