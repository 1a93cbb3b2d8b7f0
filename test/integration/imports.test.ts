import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createUser, csrfFrom, signedInAgent } from '../support/factories';
import { csvOf, dryRun, reportOf, runImport, settled, type ImportState } from '../support/imports';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let admin: User;
let coordinatorAuth: string;
let adminAuth: string;

const HEADER = ['title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'period.startYear', 'period.ongoing', 'indicators'];
const goodRow = (title: string, overrides: Partial<Record<string, string>> = {}) =>
  HEADER.map((column) => ({
    title,
    summary: 'A short summary of what the city did.',
    city: 'kaunas',
    cityName: '',
    country: '',
    themes: 'youth-retention; education-skills',
    targetGroups: 'youth',
    'period.startYear': '2019',
    'period.ongoing': 'yes',
    indicators: '[{"name":"Young people staying","value":40,"unit":"people","year":2021}]',
    ...overrides,
  })[column] ?? '');

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
  admin = await createUser(ctx, { role: 'admin' });
  coordinatorAuth = await bearerFor(ctx, coordinator);
  adminAuth = await bearerFor(ctx, admin);
}, 120_000);

afterAll(async () => {
  await ctx.services.imports.stop();
  await ctx.close();
});

describe('template', () => {
  it('when the template is downloaded, then its header is the field table’s columns, it opens in Excel and its example row is accepted as it is', async () => {
    const res = await request(ctx.app).get('/api/imports/template.csv').set('Authorization', coordinatorAuth).expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?practices-import-template.csv"?/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const [header = [], example = [], ...more] = parse(res.text, { bom: true });
    expect(more).toEqual([]);
    expect(header).toEqual(expect.arrayContaining(['title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'period.startYear', 'period.endYear', 'period.ongoing', 'budget.amountEur', 'contact.email', 'indicators', 'sources', 'language', 'illustrative', 'event']));
    expect(header).not.toContain('attachments');
    expect(header.slice(0, 5)).toEqual(['title', 'summary', 'city', 'cityName', 'country']);
    // Nothing we write starts like a formula.
    expect([...header, ...example].filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);

    const job = await dryRun(ctx.app, coordinatorAuth, Buffer.from(res.text, 'utf8'), 'template.csv', { publish: 'true' });
    expect({ status: job.status, counts: job.counts }).toEqual({
      status: 'validated',
      counts: { total: 1, accepted: 1, refused: 0, written: 0, failed: 0, undone: 0 },
    });
  });
});

describe('dry run', () => {
  it('when a CSV has good and bad rows, then the report gives each row’s result by row number, with every refused field and why', async () => {
    const file = csvOf(HEADER, [
      goodRow('Youth council with a real budget'),
      goodRow('Tiny'),
      goodRow('Unknown theme practice', { themes: 'youth-retention; not-a-theme' }),
      goodRow('Bad year practice', { 'period.startYear': 'twenty' }),
      goodRow('Broken indicators practice', { indicators: '[{"name": "x",' }),
      goodRow('Nowhere practice', { city: '' }),
    ]);

    const job = await dryRun(ctx.app, coordinatorAuth, file, 'cities.csv');
    const rows = await reportOf(ctx.app, coordinatorAuth, job.id);

    expect(job.counts).toMatchObject({ total: 6, accepted: 1, refused: 5, written: 0 });
    expect(rows.map((r) => [r.number, r.state])).toEqual([
      [2, 'accepted'],
      [3, 'refused'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'refused'],
      [7, 'refused'],
    ]);
    const why = Object.fromEntries(rows.map((r) => [r.number, r.problems]));
    expect(rows[0]).toMatchObject({ title: 'Youth council with a real budget', problems: [] });
    expect(why[3]).toEqual([{ field: 'title', messages: [expect.stringMatching(/title/i)] }]);
    expect(why[4]).toEqual([{ field: 'themes', messages: [expect.stringMatching(/.+/)] }]);
    expect(why[5]).toEqual([{ field: 'period.startYear', messages: [expect.stringMatching(/year/i)] }]);
    expect(why[6]).toEqual([{ field: 'indicators', messages: ['This cell must hold a JSON list, as in the template.'] }]);
    expect(why[7]).toEqual([{ field: 'city', messages: [expect.stringMatching(/.+/)] }]);
    // A dry run writes nothing.
    expect(await imported(job.id)).toEqual([]);
    expect(await ctx.db.collection('practices').countDocuments()).toBe(0);

    // The page says the same, row by row, in the reader's language.
    const { agent } = await signedInAgent(ctx.app, coordinator);
    const page = await agent.get(`/imports/${job.id}?show=refused`).set('Accept-Language', 'lv').expect(200);
    expect(page.text).not.toMatch(/http-equiv="refresh"/);
    expect(page.text).toMatch(/data-row="3" data-state="refused"/);
    expect(page.text).not.toMatch(/data-row="2"/);
    expect(page.text).toContain('Šajā šūnā jābūt JSON sarakstam, kā veidnē.');
    expect(page.text).toMatch(/<dd data-count="refused">5<\/dd>/);
  });

  it('when the same practice fields come as JSON, then they are checked exactly like the API, unknown keys included', async () => {
    // Written as text: a literal "__proto__" key is what a hostile file would hold.
    const file = Buffer.from(
      `[{"title":"A JSON practice that is fine","city":"kaunas","themes":["youth-retention"]},
        {"title":"A JSON practice with a stray key","city":"kaunas","colour":"blue"},
        "not an object",
        {"title":"Prototype games","city":"kaunas","__proto__":{"polluted":true},"constructor":"x"}]`,
      'utf8',
    );

    const job = await dryRun(ctx.app, adminAuth, file, 'practices.json');
    const rows = await reportOf(ctx.app, adminAuth, job.id);

    expect(rows.map((r) => [r.number, r.state, r.problems.map((p) => p.field)])).toEqual([
      [1, 'accepted', []],
      [2, 'refused', ['colour']],
      [3, 'refused', ['_row']],
      [4, 'refused', expect.arrayContaining(['constructor'])],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when the rows are to be published, then an incomplete row is refused with what submission still needs', async () => {
    const file = csvOf(['title', 'city'], [['Only a title and a city', 'kaunas']]);

    const job = await dryRun(ctx.app, coordinatorAuth, file, 'drafts.csv', { publish: 'true' });
    const [row] = await reportOf(ctx.app, coordinatorAuth, job.id);

    expect(job.publish).toBe(true);
    expect(row?.state).toBe('refused');
    expect(row?.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['summary', 'themes', 'description', 'results']));
  });
});

describe('import', () => {
  it('when all-or-nothing is asked while rows are refused, then it is refused and nothing is written', async () => {
    const job = await dryRun(ctx.app, coordinatorAuth, csvOf(HEADER, [goodRow('Accepted practice here'), goodRow('Bad')]), 'mixed.csv');

    const res = await request(ctx.app).post(`/api/imports/${job.id}/start`).set('Authorization', coordinatorAuth).send({ mode: 'all-or-nothing' });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('has_refused');
    expect(res.body.error.message).toMatch(/refused/);
    expect(await imported(job.id)).toEqual([]);
  });

  it('when only the accepted rows are imported, then exactly those are written as drafts with the row’s content, and the audit log records it', async () => {
    const file = csvOf(HEADER, [goodRow('First accepted practice'), goodRow('Bad'), goodRow('Second accepted practice', { city: '', cityName: 'Tartu', country: 'ee' })]);
    const dry = await dryRun(ctx.app, coordinatorAuth, file, 'accepted-only.csv');

    const job = await runImport(ctx.app, coordinatorAuth, dry.id, 'accepted-only');
    const stored = await imported(job.id);
    const rows = await reportOf(ctx.app, coordinatorAuth, job.id);

    expect({ status: job.status, mode: job.mode, counts: job.counts }).toEqual({
      status: 'imported',
      mode: 'accepted-only',
      counts: { total: 3, accepted: 2, refused: 1, written: 2, failed: 0, undone: 0 },
    });
    expect(stored.map((p) => [p.importKey, p.status, p.city, p.working.title])).toEqual([
      [`import:${job.id}:2`, 'draft', 'kaunas', 'First accepted practice'],
      [`import:${job.id}:4`, 'draft', 'tartu-ee', 'Second accepted practice'],
    ]);
    expect(stored[0]?.working).toMatchObject({
      summary: 'A short summary of what the city did.',
      themes: ['youth-retention', 'education-skills'],
      targetGroups: ['youth'],
      period: { startYear: 2019, ongoing: true },
      indicators: [{ name: 'Young people staying', value: 40, unit: 'people', year: 2021 }],
    });
    expect(rows.map((r) => [r.number, r.state, r.practiceId])).toEqual([
      [2, 'written', String(stored[0]?._id)],
      [3, 'refused', undefined],
      [4, 'written', String(stored[1]?._id)],
    ]);
    // Written through the practices' own path: each has its first revision.
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: { $in: stored.map((p) => p._id) }, number: 1, kind: 'create' })).toBe(2);

    const audit = await ctx.services.audit.list({ action: 'practices.imported', page: 1, perPage: 50 });
    const entry = audit.events.find((e) => e.targetId === job.id);
    expect(entry).toMatchObject({
      actorEmail: coordinator.email,
      targetType: 'import',
      targetLabel: 'accepted-only.csv',
      details: { outcome: 'imported', mode: 'accepted-only', rows: 3, accepted: 2, refused: 1, written: 2, failed: 0, undone: 0 },
    });

    // Starting again is a conflict, never a second import.
    const again = await request(ctx.app).post(`/api/imports/${job.id}/start`).set('Authorization', coordinatorAuth).send({ mode: 'accepted-only' });
    expect(again.status).toBe(409);
    expect(await imported(job.id)).toHaveLength(2);
  });

  it('when a row fails while writing an all-or-nothing import, then every practice it wrote is taken back and nothing is left', async () => {
    const rows = [goodRow('Row one of four'), goodRow('Row two of four'), goodRow('Row three of four'), goodRow('Row four of four', { themes: 'digital-services' })];
    const dry = await dryRun(ctx.app, coordinatorAuth, csvOf(HEADER, rows), 'all-or-nothing.csv');
    expect(dry.counts).toMatchObject({ accepted: 4, refused: 0 });
    const before = await ctx.db.collection('practices').countDocuments();
    const revisionsBefore = await ctx.db.collection('practice_revisions').countDocuments();
    // Between the dry run and the import, the last row's theme is retired: it now fails at write time.
    await ctx.services.vocabularies.setRetired({ id: coordinator.id, role: 'coordinator' }, 'theme', 'digital-services', true);

    try {
      const job = await runImport(ctx.app, coordinatorAuth, dry.id, 'all-or-nothing');
      const report = await reportOf(ctx.app, coordinatorAuth, job.id);

      expect({ status: job.status, counts: job.counts }).toEqual({
        status: 'rolled_back',
        counts: { total: 4, accepted: 4, refused: 0, written: 0, failed: 1, undone: 3 },
      });
      expect(report.map((r) => [r.number, r.state])).toEqual([
        [2, 'undone'],
        [3, 'undone'],
        [4, 'undone'],
        [5, 'failed'],
      ]);
      expect(report[3]?.problems).toEqual([{ field: 'themes', messages: [expect.stringMatching(/.+/)] }]);
      expect(await imported(job.id)).toEqual([]);
      expect(await ctx.db.collection('practices').countDocuments()).toBe(before);
      expect(await ctx.db.collection('practice_revisions').countDocuments()).toBe(revisionsBefore);
      const audit = await ctx.services.audit.list({ action: 'practices.imported', page: 1, perPage: 50 });
      expect(audit.events.find((e) => e.targetId === job.id)?.details).toMatchObject({ outcome: 'rolled_back', written: 0, failed: 1, undone: 3 });
    } finally {
      await ctx.services.vocabularies.setRetired({ id: coordinator.id, role: 'coordinator' }, 'theme', 'digital-services', false);
    }
  });

  it('when complete rows are imported as published, then they are published and the search outbox indexes them', async () => {
    const template = await request(ctx.app).get('/api/imports/template.csv').set('Authorization', adminAuth).expect(200);
    const dry = await dryRun(ctx.app, adminAuth, Buffer.from(template.text, 'utf8'), 'publish.csv', { publish: 'true' });

    const job = await runImport(ctx.app, adminAuth, dry.id, 'all-or-nothing');
    const [practice] = await imported(job.id);
    await ctx.services.searchIndexing.sync.drain();
    const hit = await request(ctx.app).get(`/api/practices/${String(practice?._id)}`).expect(200);

    expect(job).toMatchObject({ status: 'imported', counts: { written: 1 } });
    expect(practice).toMatchObject({ status: 'published' });
    expect(practice?.published?.title).toBe(practice?.working.title);
    expect(hit.body.published.title).toBe(practice?.working.title);
    const indexed = await ctx.db.collection('practices').findOne({ _id: practice?._id });
    expect(indexed?.indexedRevision).toBe(indexed?.revision);
  });
});

describe('resuming', () => {
  it('when a row is written again (an import resumed after a restart), then the practice written first is returned, not a copy', async () => {
    const body = { title: 'Written once, asked twice', city: 'kaunas' };
    const key = `import:${'a'.repeat(24)}:2`;

    const first = await ctx.services.practices.importPractice(coordinator, body, { publish: false, importKey: key });
    const second = await ctx.services.practices.importPractice(coordinator, body, { publish: false, importKey: key });

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await ctx.db.collection('practices').countDocuments({ importKey: key })).toBe(1);
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: { $exists: true }, 'snapshot.title': body.title })).toBe(1);
  });
});

describe('pages without JavaScript', () => {
  it('when a coordinator uploads on the page and imports, then the page reloads itself while working and shows the result', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const form = await agent.get('/imports').expect(200);
    expect(form.text).toMatch(/enctype="multipart\/form-data"/);
    expect(form.text).toMatch(/href="\/imports\/template.csv"/);

    const upload = await agent
      .post('/imports')
      .field('_csrf', csrfFrom(form.text))
      .attach('file', csvOf(HEADER, [goodRow('Page uploaded practice'), goodRow('Bad')], ';'), 'semicolons.csv');
    expect(upload.status).toBe(303);
    const id = /^\/imports\/([0-9a-f]{24})$/.exec(upload.headers.location ?? '')?.[1] ?? '';
    const first = await agent.get(`/imports/${id}`).expect(200);
    const dry: ImportState = await settled(ctx.app, coordinatorAuth, id);
    const report = await agent.get(`/imports/${id}`).expect(200);

    if (first.text.includes('data-status="validating"')) expect(first.text).toMatch(/<meta http-equiv="refresh" content="2">/);
    expect(dry.counts).toMatchObject({ accepted: 1, refused: 1 });
    expect(report.text).not.toMatch(/http-equiv="refresh"/);
    expect(report.text).toMatch(/<button type="submit" class="button" disabled[^>]*>Import the 1 row, or nothing/);
    expect(report.text).toContain('Import only the 1 accepted row<');
    expect(report.text).toContain('Not possible: 1 row is refused.');

    const refused = await agent.post(`/imports/${id}/start`).type('form').send({ _csrf: csrf, mode: 'all-or-nothing' });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/data-problem>Some rows are refused/);

    const start = await agent.post(`/imports/${id}/start`).type('form').send({ _csrf: csrf, mode: 'accepted-only' });
    expect(start.status).toBe(303);
    await settled(ctx.app, coordinatorAuth, id);
    const done = await agent.get(`/imports/${id}`).expect(200);
    expect(done.text).toMatch(/data-status="imported"/);
    expect(done.text).toMatch(/<dd data-count="written">1<\/dd>/);
    expect(done.text).toMatch(/<a href="\/practices\/[0-9a-f]{24}">Page uploaded practice<\/a>/);
    const index = await agent.get('/imports').expect(200);
    expect(index.text).toMatch(new RegExp(`data-import="${id}"`));
  });

  it('when a bad file is uploaded on the page, then the form is shown again with the reason beside the file field', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, admin);

    const res = await agent.post('/imports').field('_csrf', csrf).attach('file', Buffer.from('title,colour\nx,y\n'), 'odd.csv');

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<p class="field-error" id="file-error">Unknown columns: colour\. Use the template’s header row\.<\/p>|<p class="field-error" id="file-error">Unknown columns: colour\. Use the template&#39;s header row\.<\/p>/);
  });
});
