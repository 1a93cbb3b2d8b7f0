import { Types } from 'mongoose';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createUser, csrfFor, signedInAgent } from '../support/factories';
import { completeRecommendationBody, publishedPractice } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let partner: User;
let planner: User;
let coord: string;
let partnerAuth: string;
let plannerAuth: string;

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  partner = await createUser(ctx, { role: 'partner', city: 'kaunas' });
  planner = await createUser(ctx, { role: 'planner' });
  coord = await bearerFor(ctx, coordinator);
  partnerAuth = await bearerFor(ctx, partner);
  plannerAuth = await bearerFor(ctx, planner);
}, 60_000);

afterAll(async () => {
  await ctx.close();
});

async function created(body: Record<string, unknown> = completeRecommendationBody()) {
  const res = await request(ctx.app).post('/api/recommendations').set('Authorization', coord).send(body);
  expect(res.status).toBe(201);
  return res.body as { id: string; revision: number; status: string; content: Record<string, unknown> };
}

describe('recommendations: the record', () => {
  it('when a coordinator creates one, then it is a draft with every field of the table and rendered texts', async () => {
    const rec = await created();

    expect(rec.status).toBe('draft');
    expect(rec.revision).toBe(1);
    expect(rec.content).toMatchObject({
      measureGroup: 'remigration',
      actions: [
        { text: 'Appoint a **return adviser** in the city council.', lead: 'Social services department', costBand: 'low', horizon: 'short' },
        { costBand: 'low', horizon: 'medium' },
      ],
      suits: { populationBands: ['under-100k', '100k-300k'], trends: ['shrinking'], roles: [] },
      indicators: [{ name: 'Families returned', unit: 'families per year', direction: 'up' }],
      priority: 'high',
      evidence: [],
    });
    const html = rec.content.html as { problem: string; actions: string[] };
    expect(html.problem).toContain('<strong>give up</strong>');
    expect(html.actions[0]).toContain('<strong>return adviser</strong>');
    const stored = await ctx.db.collection('recommendations').findOne({});
    expect(stored?.content.title).toBe('Return-migration advisers in every regional centre');
  });

  it('when partners, planners or visitors try to create one, then only curators may', async () => {
    const body = { title: 'Not allowed here' };
    expect((await request(ctx.app).post('/api/recommendations').set('Authorization', partnerAuth).send(body)).status).toBe(403);
    expect((await request(ctx.app).post('/api/recommendations').set('Authorization', plannerAuth).send(body)).status).toBe(403);
    const visitor = request.agent(ctx.app);
    const csrf = await csrfFor(visitor);
    expect((await visitor.post('/api/recommendations').set('x-csrf-token', csrf).send(body)).status).toBe(401);
  });

  it('when the input is wrong, then each field is named and nothing is stored', async () => {
    const before = await ctx.db.collection('recommendations').countDocuments();
    const res = await request(ctx.app)
      .post('/api/recommendations')
      .set('Authorization', coord)
      .send({
        title: 'Bad actions here',
        measureGroup: 'no-such-group',
        actions: [{ text: 'x', costBand: 'huge', horizon: 'short' }],
        suits: { trends: ['exploding'] },
        colour: 'red',
      });

    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({
      'actions.0.costBand': ['Please choose a cost band.'],
      'suits.trends.0': ['Please choose from the list.'],
      colour: ['This field is not part of a recommendation.'],
    });
    const unknownGroup = await request(ctx.app).post('/api/recommendations').set('Authorization', coord).send({ title: 'Unknown group', measureGroup: 'no-such-group' });
    expect(unknownGroup.body.error.fields).toEqual({ measureGroup: ['Please choose from the list: a value is unknown or no longer offered.'] });
    expect(await ctx.db.collection('recommendations').countDocuments()).toBe(before);
  });

  it('when two edits start from the same revision, then the second is a conflict and keeps the first', async () => {
    const rec = await created();
    const first = await request(ctx.app).patch(`/api/recommendations/${rec.id}`).set('Authorization', coord).send({ revision: 1, risks: 'First edit.' });
    const second = await request(ctx.app).patch(`/api/recommendations/${rec.id}`).set('Authorization', coord).send({ revision: 1, risks: 'Second edit.' });

    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(2);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('edit_conflict');
    expect((await request(ctx.app).get(`/api/recommendations/${rec.id}`).set('Authorization', coord)).body.content.risks).toBe('First edit.');
  });

  it('when it moves from draft to consultation to final, then each reader sees it exactly when the policy says', async () => {
    const rec = await created();
    const path = `/api/recommendations/${rec.id}`;
    const statusFor = async (auth?: string) => (auth ? request(ctx.app).get(path).set('Authorization', auth) : request(ctx.app).get(path)).then((r) => r.status);

    expect([await statusFor(), await statusFor(plannerAuth), await statusFor(partnerAuth), await statusFor(coord)]).toEqual([401, 403, 403, 200]);

    const opened = await request(ctx.app).post(`${path}/open-consultation`).set('Authorization', coord).send({ revision: rec.revision });
    expect(opened.body.status).toBe('consultation');
    expect([await statusFor(), await statusFor(plannerAuth), await statusFor(partnerAuth)]).toEqual([401, 200, 200]);

    // Final needs evidence: refused with the reason, and still in consultation.
    const refused = await request(ctx.app).post(`${path}/finalise`).set('Authorization', coord).send({});
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ evidence: ['No practice is cited yet.'] });
    expect((await request(ctx.app).get(path).set('Authorization', coord)).body.status).toBe('consultation');

    const list = (auth?: string) => (auth ? request(ctx.app).get('/api/recommendations').set('Authorization', auth) : request(ctx.app).get('/api/recommendations'));
    expect(((await list()).body.items as { id: string }[]).map((i) => i.id)).not.toContain(rec.id);
    expect(((await list(plannerAuth)).body.items as { id: string }[]).map((i) => i.id)).toContain(rec.id);
  });

  it('when a step does not start from the current status, then it is a conflict; partners cannot take steps at all', async () => {
    const rec = await created();
    const back = await request(ctx.app).post(`/api/recommendations/${rec.id}/back-to-draft`).set('Authorization', coord).send({});
    const byPartner = await request(ctx.app).post(`/api/recommendations/${rec.id}/open-consultation`).set('Authorization', partnerAuth).send({});

    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('invalid_transition');
    expect(byPartner.status).toBe(403);
  });

  it('when an incomplete draft is put to consultation, then the missing fields are named', async () => {
    const rec = await created({ title: 'Only a title so far' });
    const res = await request(ctx.app).post(`/api/recommendations/${rec.id}/open-consultation`).set('Authorization', coord).send({});

    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['summary', 'problem', 'measureGroup', 'actions', 'priority']);
  });

  it('when it is edited, then history lists revisions, diffs them and restores an old one as a new revision', async () => {
    const rec = await created();
    const path = `/api/recommendations/${rec.id}`;
    await request(ctx.app).patch(path).set('Authorization', coord).send({ revision: 1, summary: 'A shorter summary.', priority: 'medium' });

    const revisions = await request(ctx.app).get(`${path}/revisions`).set('Authorization', coord);
    expect((revisions.body.items as { number: number; kind: string; changedFields: string[] }[]).map((r) => [r.number, r.kind, r.changedFields])).toEqual([
      [2, 'edit', ['summary', 'priority']],
      [1, 'create', expect.arrayContaining(['title', 'actions'])],
    ]);
    const diff = await request(ctx.app).get(`${path}/diff?from=1&to=2`).set('Authorization', coord);
    expect((diff.body.fields as { field: string }[]).map((f) => f.field)).toEqual(['summary', 'priority']);
    expect((await request(ctx.app).get(`${path}/revisions`).set('Authorization', plannerAuth)).status).toBe(403);

    const restored = await request(ctx.app).post(`${path}/revisions/1/restore`).set('Authorization', coord).send({ revision: 2 });
    expect(restored.body).toMatchObject({ revision: 3, content: { priority: 'high' } });
    const frozen = await ctx.services.recommendations.frozenRevision(rec.id, 2);
    expect(frozen).toMatchObject({ number: 2, status: 'draft', content: { summary: 'A shorter summary.', priority: 'medium' } });
  });

  it('when a draft is deleted, then it is gone for everyone but the curators, who can bring it back', async () => {
    const rec = await created();
    const path = `/api/recommendations/${rec.id}`;
    expect((await request(ctx.app).delete(path).set('Authorization', coord).send({})).body.deleted).toBe(true);
    expect((await request(ctx.app).get(path).set('Authorization', plannerAuth)).status).toBe(404);
    expect((await request(ctx.app).post(`${path}/undelete`).set('Authorization', coord).send({})).body.deleted).toBe(false);
  });

  it('when the vocabularies are read, then the three measure groups of the action plan are there', async () => {
    const res = await request(ctx.app).get('/api/vocabularies');
    expect((res.body.measureGroups as { slug: string }[]).map((t) => t.slug)).toEqual(['birth-rate-family-support', 'working-age-people', 'remigration']);
  });
});

describe('recommendations: imports', () => {
  it('when an import runs twice, then there is one recommendation, taken through the same steps; removing the import erases it', async () => {
    const practiceId = await publishedPractice(ctx, { author: partner, reviewer: coordinator }, { city: 'kaunas', title: 'Imported evidence' });
    const input = {
      content: completeRecommendationBody({ title: 'Imported recommendation' }),
      citations: [{ practiceId, reason: 'It worked in Kaunas.', indicators: ['Families returned'] }],
      status: 'final' as const,
      createdBy: coordinator.id,
      importKey: 'test-import:one',
    };
    const first = await ctx.services.recommendations.seedRecommendation(input);
    const again = await ctx.services.recommendations.seedRecommendation(input);

    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const stored = await request(ctx.app).get(`/api/recommendations/${first.id}`);
    expect(stored.body).toMatchObject({ status: 'final', revision: 4, content: { evidence: [{ practiceId, indicators: ['Families returned'] }] } });
    expect(await ctx.services.recommendations.removeImportedRecommendations('test-import:')).toBe(1);
    expect((await request(ctx.app).get(`/api/recommendations/${first.id}`).set('Authorization', coord)).status).toBe(404);
    expect(await ctx.db.collection('recommendation_revisions').countDocuments({ recommendationId: new Types.ObjectId(first.id) })).toBe(0);
  });
});

describe('recommendations: pages', () => {
  it('when a coordinator fills in the form, then the draft is created and its page shows what was typed', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const form = await agent.get('/recommendations/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="actions[0][costBand]"');

    const res = await agent.post('/recommendations').type('form').send({
      _csrf: csrf,
      title: 'Kindergarten places for every returning family',
      summary: 'Families who return get a kindergarten place within a month.',
      problem: 'Returning parents cannot work without childcare.',
      measureGroup: 'birth-rate-family-support',
      priority: 'medium',
      themes: 'birth-rate-family-support',
      'actions[0][text]': 'Reserve places for returning families.',
      'actions[0][lead]': 'Education department',
      'actions[0][costBand]': 'medium',
      'actions[0][horizon]': 'short',
      'suits[trends]': ['shrinking', 'stable'],
      'indicators[0][name]': 'Waiting time',
      'indicators[0][unit]': 'days',
      'indicators[0][direction]': 'down',
    });
    expect(res.status).toBe(303);
    const page = await agent.get(res.headers.location!);

    expect(page.status).toBe(200);
    expect(page.text).toContain('Kindergarten places for every returning family');
    expect(page.text).toContain('Usually led by: Education department');
    expect(page.text).toContain('Medium cost (€50,000–500,000)');
    expect(page.text).toContain('Short term (under 1 year)');
    expect(page.text).toContain('Population trend: Shrinking, Stable');
    expect(page.text).toMatch(/data-direction="down">Down is good/);
    expect(page.text).toContain('data-step="open-consultation"');
  });

  it('when the form has a row without a cost band, then it comes back 422 with the message beside the field and the text kept', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const res = await agent.post('/recommendations').type('form').send({
      _csrf: csrf,
      title: 'A recommendation with a gap',
      'actions[0][text]': 'Do something useful.',
      'actions[0][horizon]': 'long',
    });

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="actions\.0\.costBand-error">Please choose a cost band\./);
    expect(res.text).toContain('Do something useful.');
  });

  it('when the list is read, then it is grouped by measure group and readers see only what they may', async () => {
    const rec = await created({ ...completeRecommendationBody(), title: 'Listed in consultation' });
    await request(ctx.app).post(`/api/recommendations/${rec.id}/open-consultation`).set('Authorization', coord).send({});
    const { agent } = await signedInAgent(ctx.app, planner);

    const asPlanner = await agent.get('/recommendations');
    const asVisitor = await request(ctx.app).get('/recommendations');

    expect(asPlanner.text).toMatch(/data-measure-group="remigration"[\s\S]*Listed in consultation/);
    expect(asPlanner.text).toContain('In consultation');
    expect(asPlanner.text).toMatch(/data-date="updated" datetime="[^"]+">Updated \d{1,2} [A-Z][a-z]{2} \d{4}<\/time>/);
    expect(asVisitor.status).toBe(200);
    expect(asVisitor.text).not.toContain('Listed in consultation');
    expect((await request(ctx.app).get(`/recommendations/${rec.id}`)).headers.location).toMatch(/^\/sign-in\?next=/);
  });
});
