import request from 'supertest';
import { DEMO_IMPORT_PREFIX, seedDemoData, type SeedReport } from '../../scripts/seed/seed-demo-data';
import type { User } from '../../server/features/users/users.service';
import { TEST_PASSWORD } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

// The demo recommendations, edition and adoption cells, seeded in a database of this file's own (the
// --reset case replaces them, which no other file's assertions should see).
let ctx: TestContext;
let report: SeedReport;
let coordinator: User;

beforeAll(async () => {
  ctx = await createTestContext();
  report = await seedDemoData(ctx.services, { password: TEST_PASSWORD });
  coordinator = (await ctx.services.users.findByEmail('demo.coordinator@example.org'))!;
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

const readPracticeIds = async () =>
  new Set((await ctx.db.collection('practices').find({ importKey: { $regex: `^${DEMO_IMPORT_PREFIX}` } }, { projection: { _id: 1 } }).toArray()).map((p) => String(p._id)));

describe('demo recommendations, edition and adoption', () => {
  type StoredRecommendation = {
    _id: { toHexString(): string };
    importKey?: string;
    status: string;
    content: { title: string; measureGroup?: string; evidence: { practiceId: string; reason: string }[] };
  };
  const demoKey = { importKey: { $regex: '^demo:' } };
  const recommendations = async () => (await ctx.db.collection('recommendations').find(demoKey).toArray()) as unknown as StoredRecommendation[];
  const demoPracticeIds = readPracticeIds;
  const counts = async () => ({
    recommendations: await ctx.db.collection('recommendations').countDocuments(),
    recommendationRevisions: await ctx.db.collection('recommendation_revisions').countDocuments(),
    editions: await ctx.db.collection('proposal_editions').countDocuments(),
    editionRevisions: await ctx.db.collection('proposal_edition_revisions').countDocuments(),
    adoption: await ctx.db.collection('adoption').countDocuments(),
    adoptionHistory: await ctx.db.collection('adoption_history').countDocuments(),
  });

  it('when seeded, then at least nine final demo recommendations exist, three per measure group, each citing 2–5 demo practices with reasons', async () => {
    const recs = await recommendations();
    const practiceIds = await demoPracticeIds();

    expect(recs.length).toBeGreaterThanOrEqual(9);
    expect(report.proposals.recommendations.created).toBe(recs.length);
    const perGroup = new Map<string, number>();
    for (const rec of recs) perGroup.set(rec.content.measureGroup ?? '', (perGroup.get(rec.content.measureGroup ?? '') ?? 0) + 1);
    expect(Object.fromEntries(perGroup)).toEqual({ 'birth-rate-family-support': 3, 'working-age-people': 3, remigration: 3 });
    for (const rec of recs) {
      const cited = rec.content.evidence.map((c) => String(c.practiceId));
      expect({ key: rec.importKey, status: rec.status, citations: cited.length >= 2 && cited.length <= 5 }).toEqual({ key: rec.importKey, status: 'final', citations: true });
      expect({ key: rec.importKey, notDemo: cited.filter((id) => !practiceIds.has(id)) }).toEqual({ key: rec.importKey, notDemo: [] });
      expect(new Set(cited).size).toBe(cited.length);
      expect(rec.content.evidence.every((c) => c.reason.trim().length > 20)).toBe(true);
    }
  });

  it('when a visitor opens a demo recommendation, then it is public, labelled as demo data, and shows its cited practices', async () => {
    const [rec] = await recommendations();

    const res = await request(ctx.app).get(`/recommendations/${rec!._id.toHexString()}`).expect(200);
    const api = await request(ctx.app).get(`/api/recommendations/${rec!._id.toHexString()}`).expect(200);
    const evidence = await request(ctx.app).get(`/api/recommendations/${rec!._id.toHexString()}/evidence`).expect(200);
    const list = await request(ctx.app).get('/api/recommendations?perPage=100').expect(200);

    expect(res.text).toContain('Demo data');
    expect(res.text).toContain(rec!.content.title);
    expect(api.body).toMatchObject({ demo: true, status: 'final' });
    expect((list.body.items as { id: string; demo: boolean }[]).find((r) => r.id === api.body.id)).toMatchObject({ demo: true });
    const listPage = await request(ctx.app).get('/recommendations').expect(200);
    expect(listPage.text).toMatch(new RegExp(`data-recommendation="${api.body.id}"[\\s\\S]*?data-demo>Demo data<`));
    // Every cited demo practice is published, so the whole evidence stands.
    expect(evidence.body.summary).toMatchObject({ practices: rec!.content.evidence.length, withdrawn: 0 });
    expect(evidence.body.summary.documented + evidence.body.summary.illustrative).toBe(rec!.content.evidence.length);
  });

  it('when seeded, then one demo edition is published, containing every demo recommendation, and marked as demo data', async () => {
    const recs = await recommendations();

    const { body } = await request(ctx.app).get('/api/proposals').expect(200);
    const published = (body.items as { id: string; status: string; demo: boolean; number?: number; recommendationCount: number }[]).filter((e) => e.status === 'published');

    expect(report.proposals.edition).toBe('created');
    expect(published).toEqual([expect.objectContaining({ number: 1, demo: true, recommendationCount: recs.length })]);
    const document = await request(ctx.app).get(`/api/proposals/${published[0]!.id}`).expect(200);
    expect(document.body.publishedAt).toBe('2019-11-21T10:00:00.000Z');
    expect(document.body.introduction).toMatch(/^_Demo data/);
    const contained = (document.body.groups as { recommendations: { id: string }[] }[]).flatMap((g) => g.recommendations.map((r) => r.id));
    expect(contained.sort()).toEqual(recs.map((r) => r._id.toHexString()).sort());
  });

  it('when seeded, then some cities have adoption rows, every one of them marked illustrative and saying it claims nothing about the real city', async () => {
    const { body } = await request(ctx.app).get('/api/adoption').expect(200);
    const recorded = (body.rows as { cells: { city: string; recorded: boolean; illustrative: boolean; note?: string; reason?: string }[] }[]).flatMap((r) =>
      r.cells.filter((c) => c.recorded),
    );

    expect(report.proposals.adoption.created).toBe(recorded.length);
    expect(recorded.length).toBeGreaterThanOrEqual(3);
    expect(new Set(recorded.map((c) => c.city)).size).toBeGreaterThanOrEqual(3);
    expect(body.illustrative).toBe(true);
    for (const cell of recorded) {
      expect({ city: cell.city, illustrative: cell.illustrative }).toEqual({ city: cell.city, illustrative: true });
      expect(`${cell.note ?? ''} ${cell.reason ?? ''}`).toMatch(/Illustrative example: demo data[\s\S]*says nothing about/);
    }
  });

  it('when the seed runs a second time, then no recommendation, edition, adoption row or revision is added', async () => {
    const before = await counts();

    const again = await seedDemoData(ctx.services, { password: TEST_PASSWORD });

    expect(again.proposals).toMatchObject({
      recommendations: { created: 0, existing: report.proposals.recommendations.created },
      edition: 'existing',
      adoption: { created: 0, existing: report.proposals.adoption.created },
      removed: 0,
    });
    expect(await counts()).toEqual(before);
  });

  it('when the seed runs with --reset, then the demo set is replaced by an equal one, the coordinator’s own work is kept, and a run after it adds nothing', async () => {
    const own = await ctx.services.recommendations.create(coordinator, { title: 'The coordinator’s own recommendation' });
    const before = await counts();
    const oldIds = (await recommendations()).map((r) => r._id.toHexString());

    const reset = await seedDemoData(ctx.services, { password: TEST_PASSWORD, reset: true });

    expect(reset.proposals).toMatchObject({
      recommendations: { created: report.proposals.recommendations.created, existing: 0 },
      edition: 'created',
      adoption: { created: report.proposals.adoption.created, existing: 0 },
    });
    expect(reset.proposals.removed).toBe(report.proposals.recommendations.created + 1 + report.proposals.adoption.created);
    const after = await counts();
    expect({ recommendations: after.recommendations, editions: after.editions, adoption: after.adoption }).toEqual({
      recommendations: before.recommendations,
      editions: before.editions,
      adoption: before.adoption,
    });
    const newIds = (await recommendations()).map((r) => r._id.toHexString());
    expect(newIds.filter((id) => oldIds.includes(id))).toEqual([]);
    expect(await ctx.services.recommendations.exists(own.id)).toBe(true);
    const practiceIds = await demoPracticeIds();
    for (const rec of await recommendations()) expect(rec.content.evidence.every((c) => practiceIds.has(String(c.practiceId)))).toBe(true);
    const { body } = await request(ctx.app).get('/api/proposals').expect(200);
    expect((body.items as { status: string }[]).filter((e) => e.status === 'published')).toHaveLength(1);

    const afterReset = await counts();
    const again = await seedDemoData(ctx.services, { password: TEST_PASSWORD });
    expect(again.proposals).toMatchObject({ recommendations: { created: 0 }, edition: 'existing', adoption: { created: 0 } });
    expect(await counts()).toEqual(afterReset);
  });
});
