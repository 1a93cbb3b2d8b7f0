import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { extractText } from '../../server/lib/text-extraction';
import { completePracticeBody, createUser, signedInAgent } from '../support/factories';
import { listedPractices, overviewFixture, type OverviewFixture } from '../support/overview-fixtures';
import { csvOf, textBody } from '../support/csv';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let fx: OverviewFixture;
let planner: User;

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await overviewFixture(ctx);
  planner = await createUser(ctx, { role: 'planner' });
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

const binary = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('search exports', () => {
  it('when a visitor downloads a search as CSV, then the rows are every hit of that search, in UTF-8 with a BOM and English headings', async () => {
    const res = await request(ctx.app).get('/api/exports/search.csv?themes=youth-retention').set('Accept-Language', 'en').buffer(true).parse(textBody).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="search-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = csvOf(res);
    const api = await request(ctx.app).get('/api/search?themes=youth-retention&hitsPerPage=50').expect(200);
    expect(csv.header.slice(0, 4)).toEqual(['ID', 'Web page', 'Title', 'Summary']);
    expect(csv.column('ID').sort()).toEqual((api.body.hits as { id: string }[]).map((h) => h.id).sort());
    expect(csv.rows).toHaveLength(3);
    expect(res.headers['x-total-count']).toBe('3');
    expect(csv.column('Summary')).toContain('Summary of kau-youth: ł ė ș ø ā.');
    expect(csv.column('Themes')).toContain('Youth retention; Civic participation');
    expect(csv.column('Presented at')).toContain('Youth depopulation — how can it be prevented?');
  });

  it('when a Latvian reader downloads JSON, then the same rows come with typed values and what was asked', async () => {
    const res = await request(ctx.app).get('/api/exports/search.json?city=kaunas&sort=start-year-asc').set('Accept-Language', 'lv').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ total: 2, count: 2, truncated: false, query: { filters: { city: ['kaunas'] }, sort: 'start-year-asc' } });
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((i) => i.title)).toEqual(['Practice kau-youth', 'Practice kau-digital']);
    expect(items[1]).toMatchObject({ country: 'Lietuva', startYear: 2020, ongoing: true, themes: ['Digitālie pakalpojumi', 'Jauniešu noturēšana'] });
  });

  it('when the search parameters are wrong, then the answer is 400 with the parameter named, never a 500', async () => {
    const res = await request(ctx.app).get('/api/exports/search.csv?colour=blue').expect(400);
    expect(res.body.error.fields.colour).toBeDefined();
    await request(ctx.app).get('/api/exports/search.json?from=abc').expect(400);
    await request(ctx.app).get('/api/exports/search.json?q[$gt]=x').expect(400);
    await request(ctx.app).get('/api/exports/search.json?themes=%22%20OR%20city%20%3D%20%22x').expect(200);
  });
});

describe('practice exports', () => {
  it('when a visitor exports practices, then the rows are exactly the published practices, without workflow columns', async () => {
    const res = await request(ctx.app).get('/api/exports/practices.csv').set('Accept-Language', 'en').buffer(true).parse(textBody).expect(200);
    const csv = csvOf(res);
    const listed = await listedPractices(ctx);
    const listedIds = listed.map((p) => p._id.toHexString());
    expect(csv.column('ID').sort()).toEqual(listedIds.sort());
    expect(csv.header).not.toContain('Workflow status');
    expect(csv.header).not.toContain('Submitted');
    const body = res.body as string;
    expect(body).not.toContain('vejle-draft');
    expect(body).not.toContain('kau-deleted');
    expect(body).not.toContain('dgp-archived');
    expect(body).not.toContain('inese@example.lv');
  });

  it('when a partner exports drafts, then only their own city’s drafts come, with their status', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.partners.vejle as User);
    const res = await agent.get('/api/exports/practices.json?status=draft').expect(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((i) => i.title)).toEqual(['Practice vejle-draft']);
    expect(items[0]).toMatchObject({ status: 'draft', city: 'Vejle' });

    await agent.get('/api/exports/practices.json?status=draft&city=kaunas').expect(403);
  });

  it('when the coordinator exports submitted practices, then every city’s come; a planner or visitor asking for them is refused', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.coordinator);
    const res = await agent.get('/api/exports/practices.csv?status=submitted').set('Accept-Language', 'en').buffer(true).parse(textBody).expect(200);
    const csv = csvOf(res);
    expect(csv.column('Title')).toEqual(['Practice lodz-submitted']);
    expect(csv.column('Workflow status')).toEqual(['submitted']);

    const asPlanner = await signedInAgent(ctx.app, planner);
    await asPlanner.agent.get('/api/exports/practices.csv?status=submitted').expect(403);
    await request(ctx.app).get('/api/exports/practices.csv?status=draft').expect(401);
  });

  it('when filters are unknown or hostile, then the answer is 400', async () => {
    await request(ctx.app).get('/api/exports/practices.csv?page=2').expect(400);
    await request(ctx.app).get('/api/exports/practices.csv?status=nonsense').expect(400);
    await request(ctx.app).get('/api/exports/practices.json?city[$ne]=x').expect(400);
    await request(ctx.app).get('/api/exports/practices.json?__proto__=x').expect(400);
  });

  it('when a title starts like a spreadsheet formula, then the CSV cell is kept as text', async () => {
    const partner = fx.partners.daugavpils as User;
    const { id } = await ctx.services.practices.create(partner, completePracticeBody({ title: '=HYPERLINK("http://x.test","click")' }));
    await ctx.services.practices.submit(partner, id);
    await ctx.services.practices.publish(fx.coordinator, id);
    const res = await request(ctx.app).get('/api/exports/practices.csv').buffer(true).parse(textBody).expect(200);
    expect(csvOf(res).column('Title')).toContain(`'=HYPERLINK("http://x.test","click")`);
  });
});

describe('a practice to print or keep', () => {
  it('when a visitor opens the print view, then it is the published practice with a print stylesheet and no e-mail', async () => {
    const id = fx.ids['dgp-return'] as string;
    const res = await request(ctx.app).get(`/practices/${id}/print`).set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('<h1>Practice dgp-return</h1>');
    expect(res.text).toMatch(/<link rel="stylesheet" href="\/css\/print\.css\?v=/);
    expect(res.text).toContain('Families returned');
    expect(res.text).not.toContain('inese@example.lv');
    expect(res.text).not.toContain('class="site-header"');
    const member = await signedInAgent(ctx.app, planner);
    expect((await member.agent.get(`/practices/${id}/print`).expect(200)).text).toContain('inese@example.lv');
  });

  it('when a visitor downloads the PDF, then it embeds a font with every partner-language letter and holds the practice', async () => {
    const id = fx.ids['kau-youth'] as string;
    const res = await request(ctx.app).get(`/practices/${id}/pdf`).set('Accept-Language', 'en').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="practice-kau-youth.pdf"');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    const text = await extractText(pdf, 'application/pdf');
    expect(text).toContain('Practice kau-youth');
    expect(text).toContain('ł ė ș ø ā');
    expect(text).toContain('Youth depopulation — how can it be prevented?');
    expect(text).not.toContain('inese@example.lv');
  });

  it('when someone may not read a draft, then its print view and PDF are refused as the page is', async () => {
    const draft = fx.ids['vejle-draft'] as string;
    const visitor = await request(ctx.app).get(`/practices/${draft}/pdf`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/sign-in/);
    const asPlanner = await signedInAgent(ctx.app, planner);
    await asPlanner.agent.get(`/practices/${draft}/print`).expect(403);
    const author = await signedInAgent(ctx.app, fx.partners.vejle as User);
    expect((await author.agent.get(`/practices/${draft}/print`).expect(200)).text).toContain('Practice vejle-draft');
    await request(ctx.app).get('/practices/not-an-id/pdf').expect(404);
    await request(ctx.app).get(`/practices/${draft}/print?version=nonsense`).expect(400);
  });

  it('when the practice page is read, then it links to its print view and PDF, and search and browse link to their downloads', async () => {
    const id = fx.ids['dgp-return'] as string;
    const page = await request(ctx.app).get(`/practices/${id}`).expect(200);
    expect(page.text).toContain(`href="/practices/${id}/print"`);
    expect(page.text).toContain(`href="/practices/${id}/pdf"`);
    const search = await request(ctx.app).get('/search?q=practice&city=kaunas&page=1').expect(200);
    expect(search.text).toContain('href="/api/exports/search.csv?q=practice&amp;city=kaunas"');
    const browse = await request(ctx.app).get('/search?themes=youth-retention').expect(200);
    expect(browse.text).toContain('href="/api/exports/search.json?themes=youth-retention"');
  });
});
