import request from 'supertest';
import type { Services } from '../../server/app';
import type { User } from '../../server/features/users/users.service';
import { createUser, signedInAgent } from '../support/factories';
import { indexedDocument, startOwnMeilisearch, waitFor, type OwnMeilisearch } from '../support/own-meilisearch';
import { completeRecommendationBody, publishedPractice } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

// The outage part runs its own Meilisearch, so stopping it affects no other test file.
let ctx: TestContext;
let coordinator: User;
let partner: User;
let planner: User;
let practiceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  partner = await createUser(ctx, { role: 'partner', city: 'lodz' });
  planner = await createUser(ctx, { role: 'planner' });
  practiceId = await publishedPractice(ctx, { author: partner, reviewer: coordinator }, { title: 'Łódź youth housing', city: 'lodz' });
}, 60_000);

afterAll(async () => {
  await ctx.close();
});

/** A recommendation taken to `status` through the service, as the coordinator would. */
async function recommendation(services: Services, status: 'draft' | 'consultation' | 'final', overrides: Record<string, unknown> = {}) {
  const r = services.recommendations;
  const rec = await r.create(coordinator, completeRecommendationBody(overrides));
  if (status === 'draft') return rec.id;
  await r.cite(coordinator, rec.id, { practiceId, reason: 'Young people stayed in the city.' });
  await r.openConsultation(coordinator, rec.id);
  if (status === 'final') await r.finalise(coordinator, rec.id);
  return rec.id;
}

type Doc = { id: string; status: string; revision: number; title: string };

describe('recommendations index: outage and reconcile', () => {
  let meili: OwnMeilisearch;
  let services: Services;

  beforeAll(async () => {
    meili = await startOwnMeilisearch(ctx);
    services = meili.services;
  }, 60_000);

  afterAll(async () => {
    await meili.close();
  });

  const sync = () => services.searchIndexing.recommendations.sync;
  const indexed = (id: string) => indexedDocument<Doc>(meili.engine, 'recommendations', id);
  const states = async (ids: string[]) =>
    (await services.recommendations.outbox.indexStates(undefined, 1000)).filter((s) => ids.includes(s.id)).map((s) => [s.id, s.revision, s.indexedRevision]);

  it('when Meilisearch is down, then saves succeed and stay pending, and are indexed with the right status once it returns', async () => {
    const before = await recommendation(services, 'final', { title: 'Final before the outage' });
    await sync().drain();
    expect((await indexed(before))?.status).toBe('final');

    await meili.stop();
    const consultation = await recommendation(services, 'consultation', { title: 'Put to consultation during the outage' });
    const draft = await recommendation(services, 'draft', { title: 'A draft during the outage' });
    await services.recommendations.withdraw(coordinator, before, { reason: 'Replaced by a better one.' });

    await expect(sync().runOnce()).rejects.toThrow();
    const waiting = await sync().status();
    expect(waiting.pending).toBe(3);
    expect(waiting.oldestPendingSeconds).not.toBeNull();
    expect((await services.recommendations.get(coordinator, before)).status).toBe('withdrawn');

    await meili.restart();
    await sync().drain();

    expect((await sync().status()).pending).toBe(0);
    expect(await indexed(before)).toBeUndefined();
    expect(await indexed(consultation)).toMatchObject({ status: 'consultation', title: 'Put to consultation during the outage' });
    expect(await indexed(draft)).toBeUndefined();
    for (const [id, revision, indexedRevision] of await states([before, consultation, draft])) expect({ id, indexedRevision }).toEqual({ id, indexedRevision: revision });
  });

  it('when the sync runs on its timer through an outage, then it backs off and reports the error, and catches up after', async () => {
    const pendingBefore = (await sync().status()).pending;
    await meili.stop();
    const queued = await recommendation(services, 'final', { title: 'Finalised while the timer runs' });
    services.searchIndexing.start({ syncEveryMs: 50 });

    await waitFor(async () => (await sync().status()).lastError !== undefined);
    const failing = await sync().status();
    expect(failing.retryInMs).toBeGreaterThan(50);
    expect(failing.pending).toBe(pendingBefore + 1);

    await meili.restart();
    await waitFor(async () => (await sync().status()).pending === 0, 90_000);
    await services.searchIndexing.stop();

    expect((await sync().status()).lastError).toBeUndefined();
    expect(await indexed(queued)).toMatchObject({ status: 'final', title: 'Finalised while the timer runs' });
  });

  it('when the index drifts from MongoDB, then reconcile sends missing ones again and removes those that should not be there', async () => {
    const kept = await recommendation(services, 'final', { title: 'Lost from the index' });
    const draft = await recommendation(services, 'draft', { title: 'Never searchable' });
    await sync().drain();
    const index = meili.engine.index('recommendations');
    await index.deleteDocument(kept).waitTask({ timeout: 120_000 });
    await index.addDocuments([{ id: draft, revision: 1, status: 'final', title: 'Stray' }]).waitTask({ timeout: 120_000 });
    await index.addDocuments([{ id: '5f0000000000000000000abc', revision: 1, status: 'final', title: 'Orphan' }]).waitTask({ timeout: 120_000 });

    const report = await services.searchIndexing.recommendations.reconcile();
    await sync().drain();

    expect(report.requeued).toContain(kept);
    expect(report.removed).toEqual(expect.arrayContaining([draft, '5f0000000000000000000abc']));
    expect((await indexed(kept))?.title).toBe('Lost from the index');
    expect(await indexed(draft)).toBeUndefined();
    expect(await indexed('5f0000000000000000000abc')).toBeUndefined();
  });

  it('when a reconcile runs during an outage, then it fails without changing anything, and the next one after the outage repairs the drift', async () => {
    const lost = await recommendation(services, 'final', { title: 'Dropped just before the outage' });
    await sync().drain();
    await meili.engine.index('recommendations').deleteDocument(lost).waitTask({ timeout: 120_000 });
    const stored = await states([lost]);

    await meili.stop();
    await expect(services.searchIndexing.recommendations.reconcile()).rejects.toThrow();
    expect(await states([lost])).toEqual(stored);
    expect((await sync().status()).pending).toBe(0);

    await meili.restart();
    const report = await services.searchIndexing.recommendations.reconcile();
    await sync().drain();

    expect(report.requeued).toEqual([lost]);
    expect(await indexed(lost)).toMatchObject({ status: 'final', title: 'Dropped just before the outage' });
    expect((await sync().status()).pending).toBe(0);
  });

  it('when the index is rebuilt, then it holds exactly the searchable recommendations', async () => {
    const result = await services.searchIndexing.recommendations.reindex();
    const listed = (await services.recommendations.outbox.indexStates(undefined, 1000)).filter((s) => s.listed);
    expect(result.indexed).toBe(listed.length);
    const { results } = await meili.engine.index('recommendations').getDocuments<{ id: string }>({ fields: ['id'], limit: 1000 });
    expect(results.map((d) => d.id).sort()).toEqual(listed.map((s) => s.id).sort());
  });
});

describe('recommendations search: page and API', () => {
  let finalId: string;
  let consultationId: string;

  beforeAll(async () => {
    finalId = await recommendation(ctx.services, 'final', {
      title: 'Rent help for jaunieši who stay',
      summary: 'Young people who take a first job in the city get help with the rent.',
      measureGroup: 'working-age-people',
    });
    consultationId = await recommendation(ctx.services, 'consultation', { title: 'Strasse festivals for returning families', measureGroup: 'remigration' });
    await recommendation(ctx.services, 'draft', { title: 'A draft about Qwyzzle nobody finds' });
    await ctx.services.searchIndexing.recommendations.sync.drain();
  }, 60_000);

  it('when a visitor searches recommendations, then final ones are found, in another language and without diacritics, with a count of each kind', async () => {
    const res = await request(ctx.app).get('/search?type=recommendations&q=youth');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`data-hit="${finalId}"`);
    expect(res.text).toMatch(/data-kind="recommendations" data-count="1" aria-current="page"/);
    expect(res.text).toMatch(/data-kind="practices" data-count="\d+"/);

    // The cited practice's city, typed without its diacritics, finds the recommendation through its evidence.
    const folded = await request(ctx.app).get('/api/search?type=recommendations&q=lodz');
    expect((folded.body.hits as { id: string }[]).map((h) => h.id)).toEqual([finalId]);
    expect(folded.body).toMatchObject({ type: 'recommendations', counts: { recommendations: 1 } });
    expect(folded.body.hits[0]).toMatchObject({ url: `/recommendations/${finalId}`, status: 'final', measureGroup: 'working-age-people', evidenceCount: 1 });
    expect(Object.keys(folded.body.facetDistribution)).not.toContain('status');
  });

  it('when a member searches, then recommendations in consultation are found too and can be narrowed by status; drafts never', async () => {
    const { agent } = await signedInAgent(ctx.app, planner);
    const all = await agent.get('/api/search?type=recommendations&q=');
    const ids = (all.body.hits as { id: string }[]).map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining([finalId, consultationId]));
    expect(all.body.facetDistribution.status).toMatchObject({ final: expect.any(Number), consultation: expect.any(Number) });
    expect((await agent.get('/api/search?type=recommendations&q=Qwyzzle')).body.totalHits).toBe(0);

    const page = await agent.get('/search?type=recommendations&status=consultation');
    expect(page.text).toContain(`data-hit="${consultationId}"`);
    expect(page.text).not.toContain(`data-hit="${finalId}"`);
    expect(page.text).toMatch(/data-facet="measureGroup"[\s\S]*?Remigration/);
    expect(page.text).toContain('name="type" value="recommendations" form="search-form"');
    expect((await request(ctx.app).get('/search?type=recommendations&status=consultation')).text).not.toContain(`data-hit="${consultationId}"`);
  });

  it('when the practices tab is shown, then it counts the recommendations too; an unknown type or facet is refused', async () => {
    const page = await request(ctx.app).get('/search?q=youth');
    expect(page.text).toMatch(/data-kind="practices" data-count="\d+" aria-current="page"/);
    expect(page.text).toMatch(/data-kind="recommendations" data-count="1"/);

    expect((await request(ctx.app).get('/api/search?type=editions')).status).toBe(400);
    const wrongFacet = await request(ctx.app).get('/api/search?type=recommendations&city=lodz');
    expect(wrongFacet.status).toBe(400);
    expect(wrongFacet.body.error.fields.city).toBeDefined();
  });
});
