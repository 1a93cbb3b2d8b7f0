import request from 'supertest';
import createApp from '../../server/app';
import { SearchEngine } from '../../server/lib/search';
import { findFreePort } from '../../server/lib/embedded/free-port';
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
      checks: { mongodb: 'ok', meilisearch: 'ok' },
      failed: [],
      searchIndex: { pending: 0, oldestPendingSeconds: null },
    });
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

    expect(res.body.failed).toEqual(['mongodb']);
    await other.search.dropOwnIndexes();
  });
});
