import request from 'supertest';
import { createUser, signedInAgent } from '../support/factories';
import { csvOf, textBody } from '../support/csv';
import { overviewFixture, type OverviewFixture } from '../support/overview-fixtures';
import { recommendationOverviewFixture, type RecommendationOverviewFixture } from '../support/recommendation-overview';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let fx: OverviewFixture;
let recs: RecommendationOverviewFixture;

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await overviewFixture(ctx);
  recs = await recommendationOverviewFixture(ctx, fx);
}, 180_000);

afterAll(async () => {
  await ctx.close();
});

type Stored = { _id: unknown; status: string; reached: string; deleted: boolean };
/** The stored recommendations in these statuses (not deleted): the truth each role's export must equal. */
async function storedIds(statuses: string[]): Promise<string[]> {
  const docs = await ctx.db.collection<Stored>('recommendations').find({ deleted: false }).toArray();
  return docs.filter((d) => statuses.includes(d.status)).map((d) => String(d._id)).sort();
}

describe('recommendation exports', () => {
  it('when a visitor downloads the recommendations as CSV, then the rows are exactly the final ones, in UTF-8 with a BOM', async () => {
    const res = await request(ctx.app).get('/api/exports/recommendations.csv').set('Accept-Language', 'en').buffer(true).parse(textBody).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="recommendations-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = csvOf(res);
    expect(csv.header).toEqual([
      'ID', 'Web page', 'Title', 'Summary', 'Workflow status', 'Measure group', 'Themes', 'Target groups', 'Priority', 'Actions',
      'Practices cited', 'In the plans of', 'Demo data', 'Revision', 'Made final', 'Last changed',
    ]); // prettier-ignore
    expect(csv.column('ID').sort()).toEqual(await storedIds(['final']));
    expect(csv.column('ID').sort()).toEqual([recs.returns, recs.youth].sort());
    expect(res.headers['x-total-count']).toBe('2');
    const returns = csv.rows.find((r) => r[0] === recs.returns)!;
    expect(returns[csv.header.indexOf('In the plans of')]).toBe('Daugavpils; Kaunas');
    expect(returns[csv.header.indexOf('Measure group')]).toBe('Remigration');
    expect(returns[csv.header.indexOf('Practices cited')]).toBe('3');
    expect(returns[csv.header.indexOf('Web page')]).toMatch(new RegExp(`/recommendations/${recs.returns}$`));
  });

  it('when the coordinator downloads JSON, then every current recommendation comes, drafts and consultations too; withdrawn ones on asking', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.coordinator);
    const res = await agent.get('/api/exports/recommendations.json').set('Accept-Language', 'lv').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const items = res.body.items as { id: string; status: string; adoptedIn: string[]; themes: string[] }[];
    expect(items.map((i) => i.id).sort()).toEqual(await storedIds(['draft', 'consultation', 'final']));
    expect(res.body).toMatchObject({ total: 4, count: 4, truncated: false });
    expect(items.find((i) => i.id === recs.draft)).toMatchObject({ status: 'draft', adoptedIn: [] });
    expect(items.find((i) => i.id === recs.returns)?.themes).toEqual(['Remigrācija un diaspora']);
    const withdrawn = await agent.get('/api/exports/recommendations.json?status=withdrawn').expect(200);
    expect((withdrawn.body.items as { id: string }[]).map((i) => i.id)).toEqual([recs.withdrawn]);
  });

  it('when a partner downloads them, then consultations come besides final ones, and asking for drafts is refused', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.partners.kaunas!);
    const res = await agent.get('/api/exports/recommendations.json').expect(200);
    expect((res.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual(await storedIds(['consultation', 'final']));
    await agent.get('/api/exports/recommendations.csv?status=draft').expect(403);
    await request(ctx.app).get('/api/exports/recommendations.json?status=draft').expect(401);
    const planner = await createUser(ctx, { role: 'planner' });
    const { agent: plannerAgent } = await signedInAgent(ctx.app, planner);
    await plannerAgent.get('/api/exports/recommendations.json?status=withdrawn').expect(200);
  });

  it('when filters narrow the export, then it holds what the list shows with the same filters', async () => {
    const res = await request(ctx.app).get('/api/exports/recommendations.json?measureGroup=working-age-people').expect(200);
    expect((res.body.items as { id: string }[]).map((i) => i.id)).toEqual([recs.youth]);
    const list = await request(ctx.app).get('/api/recommendations?measureGroup=working-age-people').expect(200);
    expect(list.body.total).toBe(1);
  });

  it('when the query is hostile, then the answer is 400 with a message, never a 500', async () => {
    for (const query of ['colour=blue', 'perPage=5', 'status=bogus', 'status=final&status=draft', 'status[$ne]=draft', 'theme=%3Cscript%3E', 'priority=%00', 'measureGroup[]=a']) {
      const res = await request(ctx.app).get(`/api/exports/recommendations.json?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error?.message).toEqual(expect.any(String));
    }
    await request(ctx.app).get('/api/exports/recommendations.csv?colour=blue').expect(400);
  });

  it('when the list page is drawn, then it links both downloads with its filters', async () => {
    const res = await request(ctx.app).get('/recommendations?measureGroup=remigration').set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('href="/api/exports/recommendations.csv?measureGroup=remigration"');
    expect(res.text).toContain('href="/api/exports/recommendations.json?measureGroup=remigration"');
  });

  it('when the OpenAPI document is read, then it describes both downloads', async () => {
    const res = await request(ctx.app).get('/api/openapi.json').expect(200);
    for (const format of ['csv', 'json']) {
      const op = res.body.paths[`/api/exports/recommendations.${format}`]?.get;
      expect(op?.tags).toEqual(['Exports']);
      expect((op?.parameters as { name: string }[]).map((p) => p.name)).toEqual(['status', 'measureGroup', 'theme', 'targetGroup', 'priority']);
    }
  });
});
