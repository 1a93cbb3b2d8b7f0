import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createUser, signedInAgent } from '../support/factories';
import { completeRecommendationBody, publishedPractice } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let planner: User;
let partner: User;
let coord: string;
let plannerAuth: string;
const practices: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  planner = await createUser(ctx, { role: 'planner' });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coord = await bearerFor(ctx, coordinator);
  plannerAuth = await bearerFor(ctx, planner);
  const people = { author: partner, reviewer: coordinator };
  practices.daugavpils = await publishedPractice(ctx, people, { title: 'Return advisers in Latgale' });
  practices.kaunas = await publishedPractice(ctx, people, {
    title: 'Kaunas welcome centre',
    city: 'kaunas',
    indicators: [
      { name: 'Returnees advised', baseline: 120, value: 410, unit: 'people', year: 2019 },
      { name: 'Jobs found', value: 95, unit: 'people', year: 2019 },
    ],
  });
  practices.kaunasNoResults = await publishedPractice(ctx, people, { title: 'Kaunas diaspora days', city: 'kaunas', indicators: [] });
  practices.lodz = await publishedPractice(ctx, people, { title: 'Senior flats in renovated buildings', city: 'lodz', indicators: [], illustrative: true });
  practices.vejle = await publishedPractice(ctx, people, { title: 'Vejle family guides', city: 'vejle', language: 'en', titleEn: '', summaryEn: '' });
  // The practices index, for the edit page's picker.
  await ctx.services.searchIndexing.sync.drain();
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

async function recommendation(overrides: Record<string, unknown> = {}) {
  const res = await request(ctx.app).post('/api/recommendations').set('Authorization', coord).send(completeRecommendationBody(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const cite = (id: string, practiceId: string, extra: Record<string, unknown> = {}) =>
  request(ctx.app).post(`/api/recommendations/${id}/evidence`).set('Authorization', coord).send({ practiceId, reason: 'It shows this works.', ...extra });

describe('recommendations: evidence', () => {
  it('when practices are cited, then the summary counts practices, cities, countries, measured results, documented and illustrative', async () => {
    const rec = await recommendation();
    expect((await cite(rec.id, practices.daugavpils!)).status).toBe(201);
    expect((await cite(rec.id, practices.kaunas!, { indicators: ['Returnees advised'] })).status).toBe(201);
    expect((await cite(rec.id, practices.kaunasNoResults!)).status).toBe(201);
    expect((await cite(rec.id, practices.lodz!)).status).toBe(201);

    const evidence = await request(ctx.app).get(`/api/recommendations/${rec.id}/evidence`).set('Authorization', coord);

    expect(evidence.body.summary).toEqual({ practices: 4, cities: 3, countries: 3, withResults: 2, documented: 3, illustrative: 1, withdrawn: 0 });
    const kaunas = (evidence.body.items as { practiceId: string; indicators: { name: string }[] }[]).find((i) => i.practiceId === practices.kaunas);
    expect(kaunas?.indicators).toEqual([{ name: 'Returnees advised', baseline: 120, value: 410, unit: 'people', year: 2019 }]);

    const page = await request(ctx.app).get(`/recommendations/${rec.id}`).set('Authorization', coord);
    const { agent } = await signedInAgent(ctx.app, coordinator);
    const html = (await agent.get(`/recommendations/${rec.id}`)).text;
    expect(page.status).toBe(303);
    expect(html).toMatch(/data-figure="practices">4</);
    expect(html).toMatch(/data-figure="cities">3</);
    expect(html).toMatch(/data-figure="countries">3</);
    expect(html).toMatch(/data-figure="with-results">2</);
    expect(html).toMatch(/data-figure="documented">3</);
    expect(html).toMatch(/data-figure="illustrative">1</);
    // Each cited practice's city, period and key indicator values.
    expect(html).toMatch(new RegExp(`data-evidence="${practices.kaunas}"[\\s\\S]*?Kaunas, Lithuania[\\s\\S]*?2018–ongoing[\\s\\S]*?Returnees advised[\\s\\S]*?120 → 410[\\s\\S]*?people[\\s\\S]*?2019`));
    expect(html).toMatch(new RegExp(`data-evidence="${practices.lodz}"[\\s\\S]*?data-evidence-illustrative`));
  });

  it('when a citation names an indicator the practice does not report, cites an unpublished practice or cites one twice, then it is refused', async () => {
    const rec = await recommendation();
    const draft = await ctx.services.practices.create(partner, { title: 'A draft practice' });

    const badIndicator = await cite(rec.id, practices.kaunas!, { indicators: ['Nobody measured this'] });
    const unlisted = await cite(rec.id, draft.id);
    await cite(rec.id, practices.kaunas!);
    const twice = await cite(rec.id, practices.kaunas!);
    const noReason = await cite(rec.id, practices.vejle!, { reason: '  ' });

    expect(badIndicator.body.error.fields).toEqual({ indicators: ['The practice reports no indicator of this name.'] });
    expect(unlisted.body.error.fields).toEqual({ practiceId: ['Only a published practice can be cited.'] });
    expect(twice.status).toBe(409);
    expect(noReason.body.error.fields).toEqual({ reason: ['Please give a reason.'] });
    const stored = await request(ctx.app).get(`/api/recommendations/${rec.id}`).set('Authorization', coord);
    expect((stored.body.content.evidence as { practiceId: string }[]).map((c) => c.practiceId)).toEqual([practices.kaunas]);
  });

  it('when a cited practice is archived or deleted, then it shows as evidence withdrawn, the coordinator is warned, and final needs evidence that stands', async () => {
    const people = { author: partner, reviewer: coordinator };
    const archived = await publishedPractice(ctx, people, { title: 'Archived later', city: 'oradea' });
    const deleted = await publishedPractice(ctx, people, { title: 'Deleted later', city: 'palermo' });
    const rec = await recommendation({ title: 'Backed by practices that go away' });
    await cite(rec.id, archived);
    await cite(rec.id, deleted);
    await ctx.services.practices.archive(coordinator, archived);
    await ctx.services.practices.remove(coordinator, deleted);

    const evidence = await request(ctx.app).get(`/api/recommendations/${rec.id}/evidence`).set('Authorization', coord);
    expect(evidence.body.summary).toMatchObject({ practices: 0, withdrawn: 2 });
    expect((evidence.body.items as { state: string; standing: boolean; title: string }[]).map((i) => [i.title, i.state, i.standing])).toEqual([
      ['Archived later', 'archived', false],
      ['Deleted later', 'deleted', false],
    ]);

    const refused = await request(ctx.app).post(`/api/recommendations/${rec.id}/finalise`).set('Authorization', coord).send({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.evidence).toEqual([
      'Every cited practice has been unpublished, archived or deleted: cite a practice that is still published.',
    ]);

    const { agent } = await signedInAgent(ctx.app, coordinator);
    const page = (await agent.get(`/recommendations/${rec.id}`)).text;
    expect(page).toMatch(/data-withdrawn-evidence="2"/);
    expect(page).toMatch(/data-state="archived"[\s\S]*?Evidence withdrawn[\s\S]*?Archived later[\s\S]*?The practice was archived\./);
    expect(page).toMatch(/data-state="deleted"[\s\S]*?Deleted later[\s\S]*?The practice was deleted\./);
    const list = (await agent.get('/recommendations')).text;
    expect(list).toMatch(new RegExp(`data-recommendation="${rec.id}"[\\s\\S]*?data-withdrawn-evidence="2"`));

    // A practice that stands makes it final; the warning stays for the coordinator only.
    await cite(rec.id, practices.vejle!);
    const final = await request(ctx.app).post(`/api/recommendations/${rec.id}/finalise`).set('Authorization', coord).send({});
    expect(final.body.status).toBe('final');
    const visitorPage = (await request(ctx.app).get(`/recommendations/${rec.id}`)).text;
    expect(visitorPage).toContain('Evidence withdrawn');
    expect(visitorPage).not.toContain('data-withdrawn-evidence');
    expect((await request(ctx.app).get(`/api/recommendations?cites=${practices.vejle}`)).body.items[0].withdrawnEvidence).toBeUndefined();
  });

  it('when a practice is cited, then its page lists the recommendations citing it that the reader may see', async () => {
    const final = await recommendation({ title: 'A final one citing Vejle' });
    const consulted = await recommendation({ title: 'A consultation citing Vejle' });
    for (const rec of [final, consulted]) {
      await cite(rec.id, practices.vejle!);
      await request(ctx.app).post(`/api/recommendations/${rec.id}/open-consultation`).set('Authorization', coord).send({});
    }
    await request(ctx.app).post(`/api/recommendations/${final.id}/finalise`).set('Authorization', coord).send({});

    const visitor = (await request(ctx.app).get(`/practices/${practices.vejle}`)).text;
    const { agent } = await signedInAgent(ctx.app, planner);
    const member = (await agent.get(`/practices/${practices.vejle}`)).text;

    expect(visitor).toMatch(new RegExp(`data-cited-by="${final.id}"><a href="/recommendations/${final.id}">A final one citing Vejle`));
    expect(visitor).not.toContain('A consultation citing Vejle');
    expect(member).toContain('A consultation citing Vejle');
    expect(member).not.toContain('data-cite-practice');
  });

  it('when the coordinator cites from a practice page, then they choose the recommendation, write the reason and tick indicators', async () => {
    const rec = await recommendation({ title: 'Picked from the practice page' });
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const practicePage = (await agent.get(`/practices/${practices.kaunas}`)).text;
    expect(practicePage).toContain(`href="/recommendations/cite?practice=${practices.kaunas}"`);

    const form = (await agent.get(`/recommendations/cite?practice=${practices.kaunas}`)).text;
    expect(form).toContain(`<option value="${rec.id}">Picked from the practice page (Draft)</option>`);
    expect(form).toContain('value="Jobs found"');

    const missing = await agent.post('/recommendations/cite').type('form').send({ _csrf: csrf, practiceId: practices.kaunas, recommendation: rec.id, reason: '', indicators: 'Jobs found' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Please give a reason.');
    expect(missing.text).toMatch(/value="Jobs found" checked/);

    const done = await agent.post('/recommendations/cite').type('form').send({ _csrf: csrf, practiceId: practices.kaunas, recommendation: rec.id, reason: 'Two thirds found work.', indicators: 'Jobs found' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/recommendations/${rec.id}?notice=cited#evidence-${practices.kaunas}`);
    const stored = await request(ctx.app).get(`/api/recommendations/${rec.id}`).set('Authorization', coord);
    expect(stored.body.content.evidence).toMatchObject([{ practiceId: practices.kaunas, reason: 'Two thirds found work.', indicators: ['Jobs found'], cited: { title: 'Kaunas welcome centre', cityName: 'Kaunas', country: 'LT' } }]);
    expect((await agent.get(`/recommendations/cite?practice=${practices.kaunas}`)).text).not.toContain(`value="${rec.id}"`);
  });

  it('when the coordinator searches practices on the edit page, then it is a plain GET form whose results each have an add form', async () => {
    const rec = await recommendation({ title: 'Evidence picked on the edit page' });
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);

    const page = (await agent.get(`/recommendations/${rec.id}/edit?q=Latgale`)).text;
    expect(page).toMatch(/<form method="get" action="\/recommendations\/[0-9a-f]{24}\/edit#evidence-search"/);
    expect(page).toContain(`data-picker-hit="${practices.daugavpils}"`);
    expect(page).toContain(`data-add-citation="${practices.daugavpils}"`);

    const added = await agent.post(`/recommendations/${rec.id}/evidence`).type('form').send({ _csrf: csrf, practiceId: practices.daugavpils, reason: 'Latgale families came back.', indicators: 'Families returned', q: 'Latgale', revision: '1' });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/recommendations/${rec.id}/edit?notice=cited&q=Latgale#evidence-${practices.daugavpils}`);
    const after = (await agent.get(added.headers.location!)).text;
    expect(after).toMatch(new RegExp(`data-picker-hit="${practices.daugavpils}"[\\s\\S]*?data-already-cited`));
    expect(after).toContain('Latgale families came back.');

    const changed = await agent.post(`/recommendations/${rec.id}/evidence/${practices.daugavpils}`).type('form').send({ _csrf: csrf, reason: '', revision: '2' });
    expect(changed.status).toBe(422);
    expect(changed.text).toMatch(/id="reason-[0-9a-f]{24}-error">Please give a reason\./);
    const removed = await agent.post(`/recommendations/${rec.id}/evidence/${practices.daugavpils}/remove`).type('form').send({ _csrf: csrf, revision: '2' });
    expect(removed.status).toBe(303);
    const history = await request(ctx.app).get(`/api/recommendations/${rec.id}/revisions`).set('Authorization', coord);
    expect((history.body.items as { kind: string }[]).map((r) => r.kind)).toEqual(['evidence', 'evidence', 'create']);
  });

  it('when planners read the evidence, then they may, but only curators change it', async () => {
    const rec = await recommendation();
    await cite(rec.id, practices.vejle!);
    await request(ctx.app).post(`/api/recommendations/${rec.id}/open-consultation`).set('Authorization', coord).send({});

    expect((await request(ctx.app).get(`/api/recommendations/${rec.id}/evidence`).set('Authorization', plannerAuth)).body.summary.practices).toBe(1);
    expect((await request(ctx.app).delete(`/api/recommendations/${rec.id}/evidence/${practices.vejle}`).set('Authorization', plannerAuth).send({})).status).toBe(403);
  });
});
