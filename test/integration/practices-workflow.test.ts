import { Types } from 'mongoose';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createPracticeVia, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;
let admin: User;
const auth: Record<'partner' | 'otherPartner' | 'planner' | 'coordinator' | 'admin', string> = {} as never;

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  const otherPartner = await createUser(ctx, { role: 'partner', city: 'kaunas' });
  const planner = await createUser(ctx, { role: 'planner' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  admin = await createUser(ctx, { role: 'admin' });
  auth.partner = await bearerFor(ctx, partner);
  auth.otherPartner = await bearerFor(ctx, otherPartner);
  auth.planner = await bearerFor(ctx, planner);
  auth.coordinator = await bearerFor(ctx, coordinator);
  auth.admin = await bearerFor(ctx, admin);
});

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);
const stored = (id: string) => ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });

function step(id: string, action: string, who: string, body: object = {}) {
  return api().post(`/api/practices/${id}/${action}`).set('Authorization', who).send(body);
}

describe('drafts', () => {
  it('when a partner saves a draft with only a title, then it is stored incomplete as a draft of their city at revision 1', async () => {
    const res = await api()
      .post('/api/practices')
      .set('Authorization', auth.partner)
      .send({ title: 'Youth council pilot' })
      .expect(201);

    expect(res.headers.location).toBe(`/api/practices/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'draft',
      city: 'daugavpils',
      cityName: 'Daugavpils',
      country: 'LV',
      revision: 1,
      published: null,
    });
    expect(res.body.working).toMatchObject({ title: 'Youth council pilot', summary: '', themes: [] });
    const doc = await stored(res.body.id);
    expect(doc).toMatchObject({ status: 'draft', revision: 1, indexedRevision: 0, deleted: false });
    const revisions = await ctx.db.collection('practice_revisions').find({ practiceId: doc!._id }).toArray();
    expect(revisions).toEqual([
      expect.objectContaining({
        number: 1,
        kind: 'create',
        status: 'draft',
        changedFields: expect.arrayContaining(['title', 'city']),
      }),
    ]);
  });

  it('when an incomplete draft is submitted, then 400 names every missing mandatory field and nothing changes', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, { title: 'Incomplete practice' });

    const res = await step(draft.id, 'submit', auth.partner).expect(400);

    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(
      [
        'contact.name',
        'description',
        'language',
        'period.startYear',
        'results',
        'summary',
        'targetGroups',
        'themes',
      ].sort(),
    );
    expect(res.body.error.fields.summary[0]).toMatch(/required before the practice can be submitted/i);
    expect(await stored(draft.id)).toMatchObject({ status: 'draft', revision: 1 });
  });

  it('when the partner of another city, a planner or a visitor touches a draft, then they are refused everywhere', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody());
    const calls = (who: string) => [
      api().get(`/api/practices/${draft.id}`).set('Authorization', who),
      api().patch(`/api/practices/${draft.id}`).set('Authorization', who).send({ revision: 1, title: 'Taken over' }),
      step(draft.id, 'submit', who),
      step(draft.id, 'publish', who),
      step(draft.id, 'request-changes', who, { reason: 'x' }),
      step(draft.id, 'reject', who, { reason: 'x' }),
      step(draft.id, 'archive', who),
      api().delete(`/api/practices/${draft.id}`).set('Authorization', who),
      api().get(`/api/practices/${draft.id}/revisions`).set('Authorization', who),
      api().get(`/api/practices/${draft.id}/comments`).set('Authorization', who),
      api().post(`/api/practices/${draft.id}/comments`).set('Authorization', who).send({ body: 'hi' }),
    ];

    for (const res of await Promise.all(calls(auth.otherPartner))) expect(res.status).toBe(403);
    for (const res of await Promise.all(calls(auth.planner))) expect(res.status).toBe(403);
    const anonymous = await api().get(`/api/practices/${draft.id}`);
    expect(anonymous.status).toBe(401);
    const created = await api()
      .post('/api/practices')
      .set('Authorization', auth.otherPartner)
      .send(completePracticeBody());
    expect(created.status).toBe(403);
    expect(await stored(draft.id)).toMatchObject({
      status: 'draft',
      revision: 1,
      working: { title: 'Return-migration advisers in Latgale' },
    });
  });
});

describe('review workflow', () => {
  it('when a practice goes draft → submitted → changes requested → submitted → published, then each step is stored, audited and visible where it should be', async () => {
    const draft = await createPracticeVia(
      ctx.app,
      auth.partner,
      completePracticeBody({ title: 'Family support office' }),
    );
    await step(draft.id, 'submit', auth.partner).expect(200);
    const queue = await api().get('/api/review-queue').set('Authorization', auth.coordinator).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);

    const noReason = await step(draft.id, 'request-changes', auth.coordinator, {}).expect(400);
    expect(noReason.body.error.fields.reason).toEqual(['Please give a reason.']);
    const sentBack = await step(draft.id, 'request-changes', auth.coordinator, {
      reason: 'Please add the 2019 numbers.',
    }).expect(200);
    expect(sentBack.body).toMatchObject({ status: 'changes_requested', reviewNote: 'Please add the 2019 numbers.' });
    const awaiting = await ctx.services.practices.awaitingAuthors(partner);
    expect(awaiting).toEqual([expect.objectContaining({ id: draft.id, reviewNote: 'Please add the 2019 numbers.' })]);
    const thread = await api()
      .get(`/api/practices/${draft.id}/comments`)
      .set('Authorization', auth.partner)
      .expect(200);
    expect(thread.body.items).toEqual([
      expect.objectContaining({
        kind: 'changes-requested',
        body: 'Please add the 2019 numbers.',
        authorName: coordinator.name,
        role: 'coordinator',
      }),
    ]);
    await api()
      .post(`/api/practices/${draft.id}/comments`)
      .set('Authorization', auth.partner)
      .send({ body: 'Added them, thank you.' })
      .expect(201);

    await api()
      .patch(`/api/practices/${draft.id}`)
      .set('Authorization', auth.partner)
      .send({ revision: 3, results: 'Families returned and stayed: 68 in 2019.' })
      .expect(200);
    await step(draft.id, 'submit', auth.partner).expect(200);
    const published = await step(draft.id, 'publish', auth.coordinator).expect(200);

    expect(published.body).toMatchObject({ status: 'published', revision: 6 });
    expect(published.body.published.results).toBe('Families returned and stayed: 68 in 2019.');
    const publicView = await api().get(`/api/practices/${draft.id}`).expect(200);
    expect(publicView.body.published.title).toBe('Family support office');
    expect(publicView.body.working).toBeUndefined();
    expect(publicView.body.status).toBeUndefined();
    const actions = (await ctx.db.collection('auditevents').find({ targetId: draft.id }).toArray()).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['practice.changes-requested', 'practice.published']));
    expect(await ctx.services.practices.awaitingAuthors(partner)).toEqual([]);
  });

  it('when partners edit a published practice, then the public keeps reading the published text until the coordinator publishes again', async () => {
    const draft = await createPracticeVia(
      ctx.app,
      auth.partner,
      completePracticeBody({ title: 'Original published title' }),
    );
    await step(draft.id, 'submit', auth.partner).expect(200);
    await step(draft.id, 'publish', auth.coordinator).expect(200);

    const edited = await api()
      .patch(`/api/practices/${draft.id}`)
      .set('Authorization', auth.partner)
      .send({ revision: 3, title: 'Reworded title for 2020' })
      .expect(200);

    expect(edited.body).toMatchObject({ status: 'draft', revision: 4 });
    expect(edited.body.working.title).toBe('Reworded title for 2020');
    expect((await api().get(`/api/practices/${draft.id}`).expect(200)).body.published.title).toBe(
      'Original published title',
    );
    const list = await api().get('/api/practices').expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === draft.id)?.title).toBe('Original published title');

    await step(draft.id, 'submit', auth.partner).expect(200);
    expect((await api().get(`/api/practices/${draft.id}`).expect(200)).body.published.title).toBe(
      'Original published title',
    );
    await step(draft.id, 'publish', auth.coordinator).expect(200);
    expect((await api().get(`/api/practices/${draft.id}`).expect(200)).body.published.title).toBe(
      'Reworded title for 2020',
    );
  });

  it('when a step does not start from the current status, then it is a 409 for those who see the practice', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody());

    const res = await step(draft.id, 'publish', auth.coordinator).expect(409);

    expect(res.body.error.code).toBe('invalid_transition');
  });

  it('when the coordinator rejects, then a reason is required and it is kept in the thread and the audit log', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Rejected idea' }));
    await step(draft.id, 'submit', auth.partner).expect(200);

    await step(draft.id, 'reject', auth.coordinator, { reason: '   ' }).expect(400);
    const res = await step(draft.id, 'reject', auth.coordinator, { reason: 'Not a depopulation measure.' }).expect(200);

    expect(res.body).toMatchObject({ status: 'rejected', reviewNote: 'Not a depopulation measure.' });
    const comments = await ctx.db
      .collection('practice_comments')
      .find({ body: 'Not a depopulation measure.' })
      .toArray();
    expect(comments).toHaveLength(1);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'practice.rejected', targetId: draft.id }),
    ).toMatchObject({
      details: { reason: 'Not a depopulation measure.' },
    });
    expect((await api().get(`/api/practices/${draft.id}`)).status).toBe(401);
  });

  it('when a practice is archived, then it leaves the public list but members can still read it by its link', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Archived practice' }));
    await step(draft.id, 'submit', auth.partner).expect(200);
    await step(draft.id, 'publish', auth.coordinator).expect(200);

    await step(draft.id, 'archive', auth.partner).expect(403);
    await step(draft.id, 'archive', auth.coordinator).expect(200);

    const list = await api().get('/api/practices?perPage=100').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
    expect((await api().get(`/api/practices/${draft.id}`)).status).toBe(401);
    const byLink = await api().get(`/api/practices/${draft.id}`).set('Authorization', auth.planner).expect(200);
    expect(byLink.body.published.title).toBe('Archived practice');
    const archived = await api().get('/api/practices?status=archived').set('Authorization', auth.planner).expect(200);
    expect(archived.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'practice.archived', targetId: draft.id }),
    ).toBeTruthy();
  });

  it('when a coordinator archives a draft that was never published, then 409 and it stays a draft (deleting is the way for those)', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Never published draft' }));

    const res = await step(draft.id, 'archive', auth.coordinator).expect(409);

    expect(res.body.error.code).toBe('invalid_transition');
    expect(await stored(draft.id)).toMatchObject({ status: 'draft', revision: 1 });
    const page = await request(ctx.app).get(`/api/practices/${draft.id}`).set('Authorization', auth.coordinator).expect(200);
    expect(page.body.status).toBe('draft');
  });

  it('when a published practice is being revised, then a coordinator may still archive it (the published copy is what is hidden)', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Revised then archived' }));
    await step(draft.id, 'submit', auth.partner).expect(200);
    await step(draft.id, 'publish', auth.coordinator).expect(200);
    await api().patch(`/api/practices/${draft.id}`).set('Authorization', auth.partner).send({ revision: 3, summary: 'A new revision.' }).expect(200);

    const res = await step(draft.id, 'archive', auth.coordinator).expect(200);

    expect(res.body).toMatchObject({ status: 'archived', published: { title: 'Revised then archived' } });
  });
});

describe('deleting', () => {
  it('when a draft is soft-deleted and an admin purges it, then it is hidden, then gone with its history, and the purge is audited', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Practice to purge' }));
    await step(draft.id, 'purge', auth.admin).expect(409);

    await api().delete(`/api/practices/${draft.id}`).set('Authorization', auth.partner).send({}).expect(200);

    expect(await stored(draft.id)).toMatchObject({ deleted: true, revision: 2 });
    expect((await api().get(`/api/practices/${draft.id}`).set('Authorization', auth.partner)).status).toBe(404);
    await api().get(`/api/practices/${draft.id}`).set('Authorization', auth.coordinator).expect(200);
    await step(draft.id, 'purge', auth.coordinator).expect(403);

    await step(draft.id, 'purge', auth.admin).expect(204);

    expect(await stored(draft.id)).toBeNull();
    const oid = new Types.ObjectId(draft.id);
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: oid })).toBe(0);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'practice.purged', targetId: draft.id }),
    ).toMatchObject({
      actorEmail: admin.email,
      targetLabel: 'Practice to purge',
    });
  });

  it('when a curator undeletes a practice, then it is back with a new revision; a partner who did not delete it may not', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, { title: 'Deleted by mistake' });
    await api().delete(`/api/practices/${draft.id}`).set('Authorization', auth.partner).expect(200);
    const colleague = await bearerFor(ctx, await createUser(ctx, { role: 'partner', city: 'daugavpils' }));

    await step(draft.id, 'undelete', colleague).expect(403);
    const res = await step(draft.id, 'undelete', auth.coordinator).expect(200);

    expect(res.body).toMatchObject({ deleted: false, revision: 3 });
    await api().get(`/api/practices/${draft.id}`).set('Authorization', auth.partner).expect(200);
  });
});

describe('outbox revision', () => {
  it('when every kind of change is made, then revision grows by one each time and indexedRevision stays 0', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Counting revisions' });
    const seen = [(await stored(id))?.revision as number];
    const after = async () => seen.push((await stored(id))?.revision as number);

    await api()
      .patch(`/api/practices/${id}`)
      .set('Authorization', auth.partner)
      .send({ ...completePracticeBody(), revision: 1 })
      .expect(200);
    await after();
    await step(id, 'submit', auth.partner).expect(200);
    await after();
    await step(id, 'request-changes', auth.coordinator, { reason: 'More numbers' }).expect(200);
    await after();
    await step(id, 'submit', auth.partner).expect(200);
    await after();
    await step(id, 'publish', auth.coordinator).expect(200);
    await after();
    await step(id, 'archive', auth.coordinator).expect(200);
    await after();
    await api().delete(`/api/practices/${id}`).set('Authorization', auth.coordinator).expect(200);
    await after();

    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await stored(id)).toMatchObject({ indexedRevision: 0 });
    const kinds = (
      await ctx.db
        .collection('practice_revisions')
        .find({ practiceId: (await stored(id))!._id })
        .sort({ number: 1 })
        .toArray()
    ).map((r) => r.kind);
    expect(kinds).toEqual(['create', 'edit', 'status', 'status', 'status', 'status', 'status', 'delete']);
  });
});

describe('privacy and lists', () => {
  it('when a visitor reads a published practice, then the contact e-mail is absent; members see it', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Contact privacy' }));
    await step(draft.id, 'submit', auth.partner).expect(200);
    await step(draft.id, 'publish', auth.coordinator).expect(200);

    const anonymous = await api().get(`/api/practices/${draft.id}`).expect(200);
    const member = await api().get(`/api/practices/${draft.id}`).set('Authorization', auth.planner).expect(200);

    expect(anonymous.body.published.contact).toEqual({
      name: 'Inese Example',
      organisation: 'Daugavpils City Council',
    });
    expect(JSON.stringify(anonymous.body)).not.toContain('inese@example.lv');
    expect(member.body.published.contact.email).toBe('inese@example.lv');
  });

  it('when members filter the list by status, then the policy decides which cities they see', async () => {
    const own = await createPracticeVia(ctx.app, auth.partner, { title: 'Daugavpils draft for filters' });
    const kaunasDraft = await createPracticeVia(ctx.app, auth.otherPartner, {
      title: 'Kaunas draft for filters',
      city: 'kaunas',
    });

    const partnerList = await api()
      .get('/api/practices?status=draft&perPage=100')
      .set('Authorization', auth.partner)
      .expect(200);
    const coordinatorList = await api()
      .get('/api/practices?status=draft&city=kaunas')
      .set('Authorization', auth.coordinator)
      .expect(200);

    const partnerIds = partnerList.body.items.map((i: { id: string }) => i.id);
    expect(partnerIds).toContain(own.id);
    expect(partnerIds).not.toContain(kaunasDraft.id);
    expect(coordinatorList.body.items.map((i: { id: string }) => i.id)).toEqual([kaunasDraft.id]);
    await api().get('/api/practices?status=draft&city=kaunas').set('Authorization', auth.partner).expect(403);
    await api().get('/api/practices?status=draft').set('Authorization', auth.planner).expect(403);
    await api().get('/api/practices?status=draft').expect(401);
  });

  it('when the review queue is read, then submitted practices come oldest first', async () => {
    const first = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Queue first' }));
    const second = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title: 'Queue second' }));
    await step(second.id, 'submit', auth.partner).expect(200);
    await step(first.id, 'submit', auth.partner).expect(200);

    const queue = await ctx.services.practices.reviewQueue(coordinator);

    const ids = queue.map((item) => item.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    await expect(ctx.services.practices.reviewQueue(partner)).rejects.toMatchObject({ status: 403 });
  });

  it('when PUBLIC_READ is off, then visitors cannot list or read published practices', async () => {
    const closed = await createTestContext({ PUBLIC_READ: 'false' });
    try {
      const author = await createUser(closed, { role: 'partner', city: 'daugavpils' });
      const curator = await createUser(closed, { role: 'coordinator' });
      const { id } = await closed.services.practices.seedPractice({
        content: completePracticeBody({ title: 'Published but members only' }),
        status: 'published',
        createdBy: author.id,
        reviewedBy: curator.id,
      });

      const list = await request(closed.app).get('/api/practices').expect(401);
      const one = await request(closed.app).get(`/api/practices/${id}`).expect(401);

      for (const res of [list, one]) {
        expect(res.body).toEqual({ error: { code: 'unauthorized', message: 'Please sign in to continue.' } });
        expect(res.text).not.toContain('members only');
      }
      // Members still read it.
      const member = await request(closed.app).get(`/api/practices/${id}`).set('Authorization', await bearerFor(closed, author)).expect(200);
      expect(member.body.published.title).toBe('Published but members only');
    } finally {
      await closed.close();
    }
  });
});
