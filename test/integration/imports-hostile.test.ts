/** Files that cannot or should not import, and who may import at all: clear 4xx answers, never a 500. */
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createUser, signedInAgent } from '../support/factories';
import { csvOf, dryRun, runImport, settled, uploadVia } from '../support/imports';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let coordinatorAuth: string;
let partnerAuth: string;
let plannerAuth: string;

type StoredPractice = { _id: unknown; status: string; city: string; importKey?: string; working: Record<string, unknown>; published?: Record<string, unknown> };
const imported = (jobId: string) =>
  ctx.db
    .collection<StoredPractice>('practices')
    .find({ importKey: { $regex: `^import:${jobId}:` } })
    .sort({ importKey: 1 })
    .toArray();

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  coordinatorAuth = await bearerFor(ctx, coordinator);
  partnerAuth = await bearerFor(ctx, await createUser(ctx, { role: 'partner', city: 'daugavpils' }));
  plannerAuth = await bearerFor(ctx, await createUser(ctx, { role: 'planner' }));
}, 120_000);

afterAll(async () => {
  await ctx.services.imports.stop();
  await ctx.close();
});

describe('hostile and broken files', () => {
  it('when cells look like spreadsheet formulas, then they are stored as plain text, exactly as given', async () => {
    const formula = "=cmd|' /C calc'!A0";
    const file = csvOf(['title', 'summary', 'city', 'stakeholders'], [['=HYPERLINK("http://evil.example","x")', formula, 'kaunas', '@SUM(1+1)']]);

    const dry = await dryRun(ctx.app, coordinatorAuth, file, 'formulas.csv');
    const job = await runImport(ctx.app, coordinatorAuth, dry.id, 'all-or-nothing');
    const [practice] = await imported(job.id);

    expect(practice?.working).toMatchObject({ title: '=HYPERLINK("http://evil.example","x")', summary: formula, stakeholders: '@SUM(1+1)' });
  });

  it.each([
    ['a PNG named .csv', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'data.csv', /not a CSV or JSON file/],
    ['a spreadsheet (.xlsx)', Buffer.from('504b0304140006000800', 'hex'), 'practices.xlsx', /not a CSV or JSON file/],
    ['a Word document name', Buffer.from('title\nx', 'utf8'), 'practices.docx', /not a CSV or JSON file/],
    ['Windows-1257 text', Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x52, 0xee, 0x67, 0x61]), 'riga.csv', /not UTF-8/],
    ['an unclosed quote', Buffer.from('title,summary\n"Open quote,never closed\n', 'utf8'), 'broken.csv', /cannot be read near line/],
    ['unknown columns', Buffer.from('title,colour,size\nA practice,blue,3\n', 'utf8'), 'odd.csv', /Unknown columns: colour, size/],
    ['no title column', Buffer.from('summary\nJust a summary\n', 'utf8'), 'nameless.csv', /no title column/],
    ['a header only', Buffer.from('title,summary\n', 'utf8'), 'header.csv', /no rows/],
    ['an empty file', Buffer.alloc(0), 'empty.csv', /empty/],
    ['JSON that is not a list', Buffer.from('{"title":"One"}', 'utf8'), 'one.json', /must be a list/],
    ['broken JSON', Buffer.from('[{"title":', 'utf8'), 'broken.json', /JSON cannot be read/],
  ])('when the file is %s, then it is refused with a clear 400 and nothing is stored', async (_what, file, name, message) => {
    const jobsBefore = await ctx.db.collection('imports').countDocuments();

    const res = await uploadVia(ctx.app, coordinatorAuth, file, name);

    expect(res.status).toBe(400);
    expect(res.body.error.fields.file[0]).toMatch(message);
    expect(await ctx.db.collection('imports').countDocuments()).toBe(jobsBefore);
  });

  it('when the file has more rows than the limit, then it is refused whole with the numbers', async () => {
    const lines = ['title', ...Array.from({ length: 20001 }, (_, i) => `Practice number ${i}`)].join('\n');

    const res = await uploadVia(ctx.app, coordinatorAuth, Buffer.from(lines, 'utf8'), 'many.csv');

    expect(res.status).toBe(400);
    expect(res.body.error.fields.file[0]).toBe('The file has 20001 rows; at most 20000 can be imported at once. Split it into smaller files.');
  });

  it('when the file is larger than the limit, then it is refused with 413 and the limit, on the API and on the page', async () => {
    const huge = Buffer.alloc(25 * 1024 * 1024 + 10, 'a');

    const api = await uploadVia(ctx.app, coordinatorAuth, huge, 'huge.csv');
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const page = await agent.post('/imports').field('_csrf', csrf).attach('file', huge, 'huge.csv');

    expect(api.status).toBe(413);
    expect(api.body.error.message).toMatch(/25 MB/);
    expect(page.status).toBe(413);
    expect(page.text).toMatch(/data-refusal/);
    expect(page.text).toMatch(/25 MB/);
  });

  it('when no file or a stray field is sent, then the answer is a 400 with the reason', async () => {
    const none = await request(ctx.app).post('/api/imports').set('Authorization', coordinatorAuth).field('publish', 'true');
    const stray = await uploadVia(ctx.app, coordinatorAuth, csvOf(['title'], [['A practice title']]), 'x.csv', { colour: 'blue' });
    const badFlag = await uploadVia(ctx.app, coordinatorAuth, csvOf(['title'], [['A practice title']]), 'x.csv', { publish: 'maybe' });

    expect([none.status, stray.status, badFlag.status]).toEqual([400, 400, 400]);
    expect(none.body.error.fields.file).toEqual(['Choose a file to upload.']);
    expect(stray.body.error.fields).toEqual({ colour: ['This field is not part of an import.'] });
    expect(badFlag.body.error.fields).toEqual({ publish: ['Please answer yes or no.'] });
  });

  it('when an unknown or malformed import id or a bad query is asked for, then 404 or 400, never 500', async () => {
    const statuses = await Promise.all(
      ['/api/imports/5f0000000000000000000000', '/api/imports/not-an-id', '/api/imports/5f0000000000000000000000/rows'].map(
        async (path) => (await request(ctx.app).get(path).set('Authorization', coordinatorAuth)).status,
      ),
    );
    const job = await dryRun(ctx.app, coordinatorAuth, csvOf(['title', 'city'], [['Query test practice', 'kaunas']]), 'q.csv');
    const badQuery = await request(ctx.app).get(`/api/imports/${job.id}/rows?page=0&show=everything`).set('Authorization', coordinatorAuth);
    const badMode = await request(ctx.app).post(`/api/imports/${job.id}/start`).set('Authorization', coordinatorAuth).send({ mode: 'some' });

    expect(statuses).toEqual([404, 404, 404]);
    expect(badQuery.status).toBe(400);
    expect(Object.keys(badQuery.body.error.fields).sort()).toEqual(['page', 'show']);
    expect(badMode.status).toBe(400);
    expect(badMode.body.error.fields.mode).toEqual(['Choose “all or nothing” or “accepted rows only”.']);
  });
});

describe('authorization', () => {
  it('when a partner or a planner tries, then every import route refuses them; a visitor is sent to sign in', async () => {
    const job = await dryRun(ctx.app, coordinatorAuth, csvOf(['title', 'city'], [['Authorization test practice', 'kaunas']]), 'auth.csv');
    for (const auth of [partnerAuth, plannerAuth]) {
      const statuses = [
        (await request(ctx.app).get('/api/imports').set('Authorization', auth)).status,
        (await uploadVia(ctx.app, auth, csvOf(['title'], [['A practice title']]), 'x.csv')).status,
        (await request(ctx.app).get(`/api/imports/${job.id}`).set('Authorization', auth)).status,
        (await request(ctx.app).get(`/api/imports/${job.id}/rows`).set('Authorization', auth)).status,
        (await request(ctx.app).post(`/api/imports/${job.id}/start`).set('Authorization', auth).send({ mode: 'accepted-only' })).status,
        (await request(ctx.app).get('/api/imports/template.csv').set('Authorization', auth)).status,
      ];
      expect(statuses).toEqual([403, 403, 403, 403, 403, 403]);
    }
    const visitor = await request(ctx.app).get('/imports');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Fimports');
    expect((await request(ctx.app).get('/api/imports')).status).toBe(401);
    expect((await settled(ctx.app, coordinatorAuth, job.id)).status).toBe('validated');
    expect(await imported(job.id)).toEqual([]);
  });
});
