import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, signedInAgent } from '../support/factories';
import { finalRecommendation } from '../support/proposals';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let partner: User;
let coordinatorAgent: Awaited<ReturnType<typeof signedInAgent>>;
let recs: {
  family: { id: string; practices: string[] };
  jobs: { id: string; practices: string[] };
  returns: { id: string; practices: string[] };
};

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  const people = { author: partner, coordinator };
  recs = {
    returns: await finalRecommendation(ctx, people, {
      title: 'Return advisers in every regional centre',
      measureGroup: 'remigration',
      reasons: ['Latgale advisers brought families back'],
    }),
    family: await finalRecommendation(ctx, people, {
      title: 'Baby boxes and family cards',
      measureGroup: 'birth-rate-family-support',
      reasons: ['Births rose where the card was given', 'Families stayed in Łódź'],
      practice: { indicators: [{ name: 'Families helped', baseline: 10, value: 250, unit: 'families', year: 2019 }] },
    }),
    jobs: await finalRecommendation(ctx, people, {
      title: 'Graduate jobs with local employers',
      measureGroup: 'working-age-people',
      reasons: ['Graduates stayed in Kaunas'],
    }),
  };
  coordinatorAgent = await signedInAgent(ctx.app, coordinator);
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

async function draftWith(ids: string[], introduction = 'The network’s **first** proposals: ąčęėįšųūž łńóśźż.') {
  const { agent, csrf } = coordinatorAgent;
  const created = await agent
    .post('/api/proposals')
    .set('x-csrf-token', csrf)
    .send({ introduction, recommendations: ids });
  expect(created.status).toBe(201);
  return created.body as { id: string; revision: number };
}

async function publish(id: string) {
  const { agent, csrf } = coordinatorAgent;
  return agent.post(`/api/proposals/${id}/publish`).set('x-csrf-token', csrf).send({});
}

describe('editions of the proposals document', () => {
  it('when the coordinator publishes a draft, then it is numbered, audited, public, grouped by measure group and its evidence is numbered', async () => {
    const draft = await draftWith([recs.returns.id, recs.jobs.id, recs.family.id]);

    const res = await publish(draft.id);
    const visitorPage = await request(ctx.app).get(`/proposals/${draft.id}`);
    const json = await request(ctx.app).get(`/api/proposals/${draft.id}`);
    const audit = await ctx.services.audit.list({ action: 'proposals.edition-published', page: 1, perPage: 10 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', number: 1, recommendationCount: 3 });
    expect(audit.events.map((e) => [e.actorEmail, e.targetId, (e.details as { number: number }).number])).toEqual([
      [coordinator.email, draft.id, 1],
    ]);
    expect(visitorPage.status).toBe(200);
    expect(visitorPage.text).toMatch(/data-edition-label>Edition 1, [A-Z][a-z]+ \d{4}</);
    // Groups in the vocabulary's order: birth-rate, working-age, remigration.
    const body = json.body as {
      groups: {
        measureGroup: string;
        recommendations: { n: number; title: string; evidence: { reference: number }[] }[];
      }[];
      references: { n: number; practiceId: string; title: string }[];
    };
    expect(body.groups.map((g) => [g.measureGroup, g.recommendations.map((r) => `${r.n}. ${r.title}`)])).toEqual([
      ['birth-rate-family-support', ['1. Baby boxes and family cards']],
      ['working-age-people', ['2. Graduate jobs with local employers']],
      ['remigration', ['3. Return advisers in every regional centre']],
    ]);
    expect(body.groups[0]!.recommendations[0]!.evidence.map((e) => e.reference)).toEqual([1, 2]);
    expect(body.references.map((r) => [r.n, r.practiceId])).toEqual([
      [1, recs.family.practices[0]],
      [2, recs.family.practices[1]],
      [3, recs.jobs.practices[0]],
      [4, recs.returns.practices[0]],
    ]);
    expect(visitorPage.text).toContain(
      '<a class="ref-mark" href="#reference-1">[1]</a> Births rose where the card was given',
    );
    expect(visitorPage.text).toContain('<li value="2"><a href="#recommendation-2">Graduate jobs with local employers</a></li>');
  });

  it('when a recommendation changes after publication, then the edition still shows the revision it froze while a new draft shows the change', async () => {
    const draft = await draftWith([recs.returns.id]);
    await publish(draft.id);
    const frozenRevision = (
      (await request(ctx.app).get(`/api/proposals/${draft.id}`)).body as {
        groups: { recommendations: { revision: number }[] }[];
      }
    ).groups[0]!.recommendations[0]!.revision;
    const current = await ctx.services.recommendations.get(coordinator, recs.returns.id);

    await ctx.services.recommendations.update(coordinator, recs.returns.id, {
      revision: current.revision,
      title: 'Return advisers, renamed later',
      problem: 'A rewritten problem.',
    });
    const page = await request(ctx.app).get(`/proposals/${draft.id}`);
    const md = await request(ctx.app).get(`/proposals/${draft.id}/download/md`);
    const json = (await request(ctx.app).get(`/api/proposals/${draft.id}`)).body as {
      groups: { recommendations: { title: string; revision: number; problem: string }[] }[];
    };
    const next = await draftWith([recs.returns.id]);
    const preview = (await coordinatorAgent.agent.get(`/api/proposals/${next.id}`)).body as {
      status: string;
      groups: { recommendations: { title: string }[] }[];
    };

    expect(json.groups[0]!.recommendations[0]).toMatchObject({
      title: 'Return advisers in every regional centre',
      revision: frozenRevision,
    });
    expect(json.groups[0]!.recommendations[0]!.problem).toContain('give up');
    expect(page.text).toContain('Return advisers in every regional centre');
    expect(page.text).not.toContain('renamed later');
    expect(md.text).toContain('### 1. Return advisers in every regional centre');
    expect(md.text).not.toContain('renamed later');
    expect(preview).toMatchObject({ status: 'draft' });
    expect(preview.groups[0]!.recommendations[0]!.title).toBe('Return advisers, renamed later');
  });

  it('when a draft holds a recommendation that is not final, then publishing is refused with the reason and nothing is published', async () => {
    const withdrawn = await finalRecommendation(
      ctx,
      { author: partner, coordinator },
      { title: 'A measure later withdrawn' },
    );
    const draft = await draftWith([recs.jobs.id, withdrawn.id]);
    await ctx.services.recommendations.withdraw(coordinator, withdrawn.id, { reason: 'No longer advised.' });
    const { agent, csrf } = coordinatorAgent;

    const api = await publish(draft.id);
    const page = await agent.post(`/proposals/${draft.id}/publish`).type('form').send({ _csrf: csrf, confirm: 'yes' });
    const unconfirmed = await agent.post(`/proposals/${draft.id}/publish`).type('form').send({ _csrf: csrf });
    const stored = (await agent.get(`/api/proposals/${draft.id}`)).body as { status: string };

    expect(api.status).toBe(400);
    expect((api.body as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      'recommendations.1': ['This recommendation is not final: only final recommendations are published.'],
    });
    expect(page.status).toBe(422);
    expect(page.text).toContain('A measure later withdrawn: This recommendation is not final');
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Tick the box to confirm');
    expect(stored.status).toBe('draft');
  });

  it('when a later edition follows, then it starts from the published one, takes the next number, and the first stays as it was', async () => {
    const first = await draftWith([recs.family.id], 'First introduction.');
    await publish(first.id);
    const { agent, csrf } = coordinatorAgent;

    const next = await agent.post('/proposals').type('form').send({ _csrf: csrf, basedOn: first.id });
    const nextId = /\/proposals\/([0-9a-f]{24})\/edit/.exec(next.headers.location ?? '')?.[1] ?? '';
    const edited = await agent
      .post(`/proposals/${nextId}/edit`)
      .type('form')
      .send({
        _csrf: csrf,
        revision: '1',
        title: 'DeCoDe proposals for depopulation control',
        introduction: 'Second introduction.',
        items: { [recs.family.id]: { include: 'on', position: '2' }, [recs.jobs.id]: { include: 'on', position: '1' } },
      });
    const published = await publish(nextId);
    const list = await request(ctx.app).get('/api/proposals');
    const firstJson = (await request(ctx.app).get(`/api/proposals/${first.id}`)).body as {
      introduction: string;
      recommendationCount: number;
    };

    expect(next.status).toBe(303);
    expect(edited.status).toBe(303);
    expect(published.body).toMatchObject({ status: 'published', recommendationCount: 2 });
    const numbers = (list.body as { items: { id: string; number: number }[] }).items.map((e) => e.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect((published.body as { number: number }).number).toBe(Math.max(...numbers));
    expect(firstJson).toMatchObject({ introduction: 'First introduction.', recommendationCount: 1 });
  });

  it('when anyone but a curator asks for a draft or tries to change editions, then they are refused and drafts stay hidden', async () => {
    const draft = await draftWith([recs.jobs.id]);
    const partnerAgent = await signedInAgent(ctx.app, partner);

    const visitor = await request(ctx.app).get(`/api/proposals/${draft.id}`);
    const member = await partnerAgent.agent.get(`/api/proposals/${draft.id}`);
    const memberList = await partnerAgent.agent.get('/api/proposals');
    const memberCreate = await partnerAgent.agent
      .post('/api/proposals')
      .set('x-csrf-token', partnerAgent.csrf)
      .send({});
    const memberPublish = await partnerAgent.agent
      .post(`/api/proposals/${draft.id}/publish`)
      .set('x-csrf-token', partnerAgent.csrf)
      .send({});

    expect(visitor.status).toBe(401);
    expect(member.status).toBe(404);
    expect((memberList.body as { items: { status: string }[] }).items.every((e) => e.status === 'published')).toBe(
      true,
    );
    expect(memberCreate.status).toBe(403);
    expect(memberPublish.status).toBe(403);
  });

  it('when hostile or broken input arrives, then it is refused with a message by field and nothing is written', async () => {
    const { agent, csrf } = coordinatorAgent;
    const draft = await draftWith([recs.jobs.id]);

    const junk = await agent
      .post('/api/proposals')
      .set('x-csrf-token', csrf)
      .send({ title: { $gt: '' }, recommendations: ['nope', recs.jobs.id, recs.jobs.id], extra: 1 });
    const unknown = await agent
      .patch(`/api/proposals/${draft.id}`)
      .set('x-csrf-token', csrf)
      .send({ revision: 1, recommendations: ['5f0000000000000000000000'] });
    const stale = await agent
      .patch(`/api/proposals/${draft.id}`)
      .set('x-csrf-token', csrf)
      .send({ revision: 99, title: 'Another title here' });
    const form = await agent
      .post(`/proposals/${draft.id}/edit`)
      .type('form')
      .send({
        _csrf: csrf,
        revision: '1',
        title: 'x',
        introduction: 'y',
        items: { [recs.jobs.id]: { include: 'on', position: 'first' } },
      });
    const badId = await agent.get('/api/proposals/not-an-id');
    const stored = (await agent.get(`/api/proposals/${draft.id}`)).body as {
      title: string;
      recommendationCount: number;
    };

    expect(junk.status).toBe(400);
    expect(Object.keys((junk.body as { error: { fields: Record<string, string[]> } }).error.fields).sort()).toEqual([
      'extra',
      'recommendations',
      'recommendations.0',
      'title',
    ]);
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({
      'recommendations.0': ['This recommendation does not exist (any more).'],
    });
    expect(stale.status).toBe(409);
    expect(form.status).toBe(422);
    expect(form.text).toContain('A position is a whole number');
    expect(badId.status).toBe(404);
    expect(stored).toMatchObject({ title: 'DeCoDe proposals for depopulation control', recommendationCount: 1 });
  });
});
