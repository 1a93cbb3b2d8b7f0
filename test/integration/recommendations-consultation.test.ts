import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createUser, signedInAgent } from '../support/factories';
import { completeRecommendationBody, publishedPractice } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let partner: User;
let planner: User;
let coord: string;
let partnerAuth: string;
let plannerAuth: string;
let practiceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator', name: 'Ilze Coordinator' });
  partner = await createUser(ctx, { role: 'partner', city: 'kaunas', name: 'Rasa Partner' });
  planner = await createUser(ctx, { role: 'planner', name: 'Piotr Planner' });
  coord = await bearerFor(ctx, coordinator);
  partnerAuth = await bearerFor(ctx, partner);
  plannerAuth = await bearerFor(ctx, planner);
  practiceId = await publishedPractice(ctx, { author: partner, reviewer: coordinator });
}, 60_000);

afterAll(async () => {
  await ctx.close();
});

async function inConsultation(title = 'Put to the partners') {
  const rec = (await request(ctx.app).post('/api/recommendations').set('Authorization', coord).send(completeRecommendationBody({ title }))).body as { id: string };
  await request(ctx.app).post(`/api/recommendations/${rec.id}/evidence`).set('Authorization', coord).send({ practiceId, reason: 'Families came back.' });
  const opened = await request(ctx.app).post(`/api/recommendations/${rec.id}/open-consultation`).set('Authorization', coord).send({});
  expect(opened.body.status).toBe('consultation');
  return rec.id;
}

type Comment = { id: string; kind: string; body: string; authorName: string; role: string; replyTo?: string; mark?: { value: string; byName: string } };

describe('recommendations: consultation', () => {
  it('when partners and planners comment and the coordinator answers and marks, then the thread keeps who said what', async () => {
    const id = await inConsultation();
    const path = `/api/recommendations/${id}/comments`;

    const byPartner = await request(ctx.app).post(path).set('Authorization', partnerAuth).send({ body: 'Kaunas would add a\nsecond adviser for students.' });
    const byPlanner = await request(ctx.app).post(path).set('Authorization', plannerAuth).send({ body: 'Say who pays for the web page.' });
    expect(byPartner.status).toBe(201);
    expect(byPlanner.status).toBe(201);
    const [first, second] = byPlanner.body.items as Comment[];

    const answered = await request(ctx.app).post(`${path}/${first!.id}/answer`).set('Authorization', coord).send({ body: 'Added as action 3.' });
    const marked = await request(ctx.app).post(`${path}/${first!.id}/mark`).set('Authorization', coord).send({ taken: true });
    expect(answered.status).toBe(201);

    const thread = marked.body.items as Comment[];
    expect(thread.map((c) => [c.kind, c.authorName, c.role, c.body])).toEqual([
      ['comment', 'Rasa Partner', 'partner', 'Kaunas would add a\nsecond adviser for students.'],
      ['comment', 'Piotr Planner', 'planner', 'Say who pays for the web page.'],
      ['answer', 'Ilze Coordinator', 'coordinator', 'Added as action 3.'],
    ]);
    expect(thread[2]!.replyTo).toBe(first!.id);
    expect(thread[0]!.mark).toMatchObject({ value: 'taken-into-account', byName: 'Ilze Coordinator' });
    expect(thread[1]!.mark).toBeUndefined();

    // The page shows the answer under its comment and the mark; members see it, only curators act on it.
    const { agent } = await signedInAgent(ctx.app, planner);
    const page = (await agent.get(`/recommendations/${id}`)).text;
    expect(page).toMatch(new RegExp(`id="comment-${first!.id}"[\\s\\S]*?Kaunas would add a\\nsecond adviser[\\s\\S]*?data-mark="taken-into-account"[\\s\\S]*?data-answer-to="${first!.id}"[\\s\\S]*?Added as action 3\\.`));
    expect(page).not.toContain('data-mark-button');
    expect(page).toContain('id="comment-body"');
    expect(second!.kind).toBe('comment');

    const unmarked = await request(ctx.app).post(`${path}/${first!.id}/mark`).set('Authorization', coord).send({ taken: false });
    expect((unmarked.body.items as Comment[])[0]!.mark).toBeUndefined();
  });

  it('when members try to answer or mark, or answer an answer, then it is refused', async () => {
    const id = await inConsultation('Refusals in the thread');
    const path = `/api/recommendations/${id}/comments`;
    const thread = (await request(ctx.app).post(path).set('Authorization', partnerAuth).send({ body: 'A comment.' })).body.items as Comment[];
    const commentId = thread[0]!.id;
    const answered = (await request(ctx.app).post(`${path}/${commentId}/answer`).set('Authorization', coord).send({ body: 'An answer.' })).body.items as Comment[];

    expect((await request(ctx.app).post(`${path}/${commentId}/answer`).set('Authorization', partnerAuth).send({ body: 'x' })).status).toBe(403);
    expect((await request(ctx.app).post(`${path}/${commentId}/mark`).set('Authorization', plannerAuth).send({ taken: true })).status).toBe(403);
    expect((await request(ctx.app).post(`${path}/${answered[1]!.id}/answer`).set('Authorization', coord).send({ body: 'x' })).status).toBe(404);
    expect((await request(ctx.app).post(`${path}/5f0000000000000000000000/mark`).set('Authorization', coord).send({ taken: true })).status).toBe(404);
    expect((await request(ctx.app).post(`${path}/${commentId}/mark`).set('Authorization', coord).send({ taken: 'yes' })).status).toBe(400);
    expect((await request(ctx.app).post(path).set('Authorization', partnerAuth).send({ body: '   ' })).body.error.fields).toEqual({ body: ['Please write a comment.'] });
  });

  it('when the consultation is over, then nobody comments any more but members still read the thread; drafts have no thread for members', async () => {
    const id = await inConsultation('Closed consultation');
    const path = `/api/recommendations/${id}/comments`;
    await request(ctx.app).post(path).set('Authorization', partnerAuth).send({ body: 'Before it closed.' });
    await request(ctx.app).post(`/api/recommendations/${id}/finalise`).set('Authorization', coord).send({});

    expect((await request(ctx.app).post(path).set('Authorization', partnerAuth).send({ body: 'Too late.' })).status).toBe(403);
    expect(((await request(ctx.app).get(path).set('Authorization', plannerAuth)).body.items as Comment[]).map((c) => c.body)).toEqual(['Before it closed.']);
    expect((await request(ctx.app).get(path)).status).toBe(401);

    const draft = (await request(ctx.app).post('/api/recommendations').set('Authorization', coord).send({ title: 'A draft with no thread yet' })).body as { id: string };
    expect((await request(ctx.app).get(`/api/recommendations/${draft.id}/comments`).set('Authorization', partnerAuth)).status).toBe(403);
    expect((await request(ctx.app).post(`/api/recommendations/${draft.id}/comments`).set('Authorization', partnerAuth).send({ body: 'x' })).status).toBe(403);
  });

  it('when a comment is sent from the page with nothing in it, then the page comes back 422 with the message beside the box', async () => {
    const id = await inConsultation('Page comment');
    const { agent, csrf } = await signedInAgent(ctx.app, partner);
    const empty = await agent.post(`/recommendations/${id}/comments`).type('form').send({ _csrf: csrf, body: '' });
    const sent = await agent.post(`/recommendations/${id}/comments`).type('form').send({ _csrf: csrf, body: 'From the page.' });

    expect(empty.status).toBe(422);
    expect(empty.text).toMatch(/id="body-error">Please write a comment\./);
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/recommendations/${id}?notice=commented#comments`);

    const coordinatorAgent = await signedInAgent(ctx.app, coordinator);
    const page = (await coordinatorAgent.agent.get(`/recommendations/${id}`)).text;
    const commentId = /data-comment="([0-9a-f]{24})"/.exec(page)?.[1];
    const mark = await coordinatorAgent.agent.post(`/recommendations/${id}/comments/${commentId}/mark`).type('form').send({ _csrf: coordinatorAgent.csrf, taken: 'true' });
    expect(mark.headers.location).toBe(`/recommendations/${id}?notice=marked#comment-${commentId}`);
    expect((await coordinatorAgent.agent.get(`/recommendations/${id}`)).text).toMatch(/data-mark="taken-into-account"/);
  });
});
