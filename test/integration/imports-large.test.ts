import request from 'supertest';
import { bearerFor, createUser } from '../support/factories';
import { csvOf, settled, uploadVia, type ImportState } from '../support/imports';
import { createTestContext, type TestContext } from '../support/test-context';

/**
 * Ten thousand rows go through the background job: the upload answers at once, the page's poll sees the
 * progress move, and every row ends up written. Nothing here asserts how long it takes (that depends on
 * the machine); the limits are generous because the machine running the suite may be loaded.
 */
const ROWS = 10_000;
const HOUR = 60 * 60 * 1000;

let ctx: TestContext;
let auth: string;

beforeAll(async () => {
  ctx = await createTestContext();
  auth = await bearerFor(ctx, await createUser(ctx, { role: 'coordinator' }));
}, 120_000);

afterAll(async () => {
  await ctx.services.imports.stop();
  await ctx.close();
}, 120_000);

/** Polls until the job is no longer active, keeping every progress report it saw. */
async function watch(id: string): Promise<{ job: ImportState; seen: { done: number; of: number }[] }> {
  const seen: { done: number; of: number }[] = [];
  for (;;) {
    const res = await request(ctx.app).get(`/api/imports/${id}`).set('Authorization', auth).expect(200);
    const job = res.body as ImportState;
    if (job.progress) seen.push(job.progress);
    if (!job.active) return { job, seen };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it(
  'when 10,000 rows are imported, then the job reports progress while it works and writes every row',
  async () => {
    const cities = ['daugavpils', 'kaunas'];
    const rows = Array.from({ length: ROWS }, (_, i) => [`Imported practice number ${i + 1}`, 'What the city did, in one line.', cities[i % 2] ?? 'kaunas', 'youth-retention', '2020']);
    const file = csvOf(['title', 'summary', 'city', 'themes', 'period.startYear'], rows);

    const upload = await uploadVia(ctx.app, auth, file, 'ten-thousand.csv');
    expect(upload.status).toBe(202);
    const id = (upload.body as ImportState).id;
    const dry = await watch(id);
    expect(dry.job).toMatchObject({ status: 'validated', counts: { total: ROWS, accepted: ROWS, refused: 0 } });

    const start = await request(ctx.app).post(`/api/imports/${id}/start`).set('Authorization', auth).send({ mode: 'all-or-nothing' });
    expect(start.status).toBe(202);
    const done = await watch(id);
    const final = await settled(ctx.app, auth, id);

    expect(final).toMatchObject({ status: 'imported', counts: { total: ROWS, written: ROWS, failed: 0, undone: 0 } });
    // Progress moved forward and never past the total.
    const progress = [...dry.seen, ...done.seen];
    expect(progress.every((p) => p.done <= p.of)).toBe(true);
    expect(done.seen.length).toBeGreaterThan(0);
    expect(await ctx.db.collection('practices').countDocuments({ importKey: { $regex: `^import:${id}:` } })).toBe(ROWS);
    expect(await ctx.db.collection('practice_revisions').countDocuments({ kind: 'create' })).toBe(ROWS);
  },
  2 * HOUR,
);
