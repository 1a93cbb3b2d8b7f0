import request from 'supertest';
import type { Express } from 'express';
import createApp, { createServices, type Services } from '../../server/app';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createOutbox, createUser, csrfFrom, signedInAgent, type SentMail } from '../support/factories';
import { draftPractice } from '../support/practice-pages';
import { completeRecommendationBody, publishedPractice } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

// One database, served with mail configured (a JSON transport that keeps what would be sent).
let ctx: TestContext;
let app: Express;
let services: Services;
let outbox: { messages: SentMail[] };
let author: User;
let colleague: User;
let otherCity: User;
let coordinator: User;
let secondCoordinator: User;
let planner: User;

beforeAll(async () => {
  ctx = await createTestContext();
  const mail = createOutbox();
  outbox = mail;
  const deps = { ...ctx.deps, mailTransport: mail.transport };
  services = createServices(deps);
  app = createApp(deps, services);
  author = await createUser(ctx, { role: 'partner', city: 'daugavpils', name: 'Anna Author' });
  colleague = await createUser(ctx, { role: 'partner', city: 'daugavpils', name: 'Colin Colleague' });
  otherCity = await createUser(ctx, { role: 'partner', city: 'kaunas', name: 'Kęstutis Kaunas' });
  coordinator = await createUser(ctx, { role: 'coordinator', name: 'Cora Coordinator' });
  secondCoordinator = await createUser(ctx, { role: 'coordinator', name: 'Dana Deputy' });
  planner = await createUser(ctx, { role: 'planner', name: 'Pat Planner' });
  people.push(author, colleague, otherCity, coordinator, secondCoordinator, planner);
});

afterAll(async () => {
  await services.mailer.drain();
  await ctx.close();
});

type Stored = { recipient: { toHexString(): string }; kind: string; variant?: string; subjectId: string; readAt: Date | null };
const all = async () => (await ctx.db.collection('notifications').find({}).toArray()) as unknown as Stored[];
/** Who received notifications of this kind about this subject, by name. */
const people: User[] = [];
async function recipients(kind: string, subjectId: string): Promise<string[]> {
  const docs = (await all()).filter((d) => d.kind === kind && d.subjectId === subjectId);
  return docs.map((d) => people.find((p) => p.id === d.recipient.toHexString())?.name ?? '?').sort();
}
const p = () => services.practices;
const r = () => services.recommendations;

async function submitted(title: string) {
  const draft = await draftPractice(ctx, author, { title });
  await p().submit(author, draft.id);
  return draft.id;
}

describe('who is told what', () => {
  it('when a partner submits a practice, then every coordinator is told, and no partner', async () => {
    const id = await submitted('Submitted for the coordinators');
    expect(await recipients('review-waiting', id)).toEqual(['Cora Coordinator', 'Dana Deputy']);
  });

  it('when changes are requested, then the partners of the city are told but not the reviewer or another city; the resubmission reaches the coordinators marked as such', async () => {
    const id = await submitted('Sent back once');
    await p().requestChanges(coordinator, id, { reason: 'Please add the figures.' });
    await p().update(author, id, { revision: 3, summary: 'Now with the figures for 2019 and 2020, as the reviewer asked.' });
    await p().submit(author, id);

    expect(await recipients('changes-requested', id)).toEqual(['Anna Author', 'Colin Colleague']);
    const resubmissions = (await all()).filter((d) => d.kind === 'review-waiting' && d.subjectId === id && d.variant === 'resubmitted');
    expect(resubmissions).toHaveLength(2);
  });

  it('when a practice is rejected or published, then its city’s partners are told', async () => {
    const rejected = await submitted('To be rejected');
    const published = await submitted('To be published');
    await p().reject(coordinator, rejected, { reason: 'Out of scope.' });
    await p().publish(coordinator, published);

    expect(await recipients('rejected', rejected)).toEqual(['Anna Author', 'Colin Colleague']);
    expect(await recipients('published', published)).toEqual(['Anna Author', 'Colin Colleague']);
  });

  it('when someone comments on a practice, then its city’s partners are told, never the one who wrote it', async () => {
    const id = await submitted('Discussed practice');
    await p().addComment(coordinator, id, { body: 'Which year is the baseline?' });
    expect(await recipients('practice-comment', id)).toEqual(['Anna Author', 'Colin Colleague']);

    await p().addComment(author, id, { body: '2017, as in the report.' });
    expect(await recipients('practice-comment', id)).toEqual(['Anna Author', 'Colin Colleague', 'Colin Colleague']);
  });

  it('when a recommendation cites a practice, then its city’s partners are told once members may read the recommendation, not while it is a draft', async () => {
    const practice = await publishedPractice(ctx, { author, reviewer: coordinator }, { title: 'Cited practice' });
    const draft = await r().create(coordinator, completeRecommendationBody({ title: 'Draft citing it' }));
    await r().cite(coordinator, draft.id, { practiceId: practice, reason: 'It shows the effect.' });
    expect(await recipients('practice-cited', draft.id)).toEqual([]);

    await r().openConsultation(coordinator, draft.id);
    expect(await recipients('practice-cited', draft.id)).toEqual(['Anna Author', 'Colin Colleague']);

    const open = await r().create(coordinator, completeRecommendationBody({ title: 'Already in consultation' }));
    const other = await publishedPractice(ctx, { author, reviewer: coordinator }, { title: 'Another practice' });
    await r().cite(coordinator, open.id, { practiceId: other, reason: 'First evidence.' });
    await r().openConsultation(coordinator, open.id);
    await r().cite(coordinator, open.id, { practiceId: practice, reason: 'More evidence.' });
    expect(await recipients('practice-cited', open.id)).toEqual(['Anna Author', 'Anna Author', 'Colin Colleague', 'Colin Colleague']);
  });

  it('when a member comments in a consultation, then the coordinators are told, not the commenter or the partners', async () => {
    const rec = await r().create(coordinator, completeRecommendationBody({ title: 'Under consultation' }));
    const practice = await publishedPractice(ctx, { author, reviewer: coordinator }, { title: 'Evidence for consultation' });
    await r().cite(coordinator, rec.id, { practiceId: practice, reason: 'Evidence.' });
    await r().openConsultation(coordinator, rec.id);
    await r().addComment(planner, rec.id, { body: 'What does it cost?' });
    await r().addComment(secondCoordinator, rec.id, { body: 'About one post.' });

    expect(await recipients('consultation-comment', rec.id)).toEqual(['Cora Coordinator', 'Cora Coordinator', 'Dana Deputy']);
  });
});

describe('the list and the header', () => {
  it('when a partner has unread notifications, then the header counts them, the list shows them newest first and marked, and opening one marks it read and leads to the practice', async () => {
    const reader = await createUser(ctx, { role: 'partner', city: 'oradea', name: 'Rita Reader' });
    const body = { city: 'oradea', country: 'RO' };
    const first = await draftPractice(ctx, reader, { title: 'Oradea first', ...body });
    const second = await draftPractice(ctx, reader, { title: 'Oradea second', ...body });
    for (const d of [first, second]) await p().submit(reader, d.id);
    await p().addComment(coordinator, first.id, { body: 'A question.' });
    await p().addComment(coordinator, second.id, { body: 'Another question.' });
    const { agent } = await signedInAgent(app, reader);

    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('data-unread-count="2"');
    expect(home.text).toContain('2 unread');
    // On a phone the header's links fold into the Menu disclosure: its button carries the count too.
    expect(home.text).toMatch(/<summary class="menu-toggle">(?:(?!<\/summary>)[\s\S])*2 unread(?:(?!<\/summary>)[\s\S])*<\/summary>/);
    const list = await agent.get('/notifications').expect(200);
    const ids = [...list.text.matchAll(/data-notification="([0-9a-f]{24})"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    expect(list.text.indexOf('Oradea second')).toBeLessThan(list.text.indexOf('Oradea first'));
    expect(list.text.match(/data-unread>/g)).toHaveLength(2);
    expect(list.text).toContain('Cora Coordinator commented on “Oradea second”');
    expect(list.text.match(/data-date="received" datetime="[^"]+">Received \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC<\/time>/g)).toHaveLength(2);

    const opened = await agent.get(`/notifications/${ids[0]}`).expect(303);
    expect(opened.headers.location).toBe(`/practices/${second.id}?version=working#comments`);
    expect((await agent.get('/').expect(200)).text).toContain('data-unread-count="1"');

    const again = await agent.get('/notifications').expect(200);
    await agent.post('/notifications/read-all').type('form').send({ _csrf: csrfFrom(again.text) }).expect(303);
    const after = await agent.get('/notifications?notice=all-read').expect(200);
    expect(after.text).toContain('data-unread-count="0"');
    expect(after.text).toContain('All notifications are marked as read.');
    expect(after.text).not.toContain('data-unread>');
  });

  it('when a visitor or a partner looks at notifications, then a visitor is sent to sign in and nobody sees another’s', async () => {
    const id = await submitted('Only for coordinators');
    const mine = (await all()).find((d) => d.kind === 'review-waiting' && d.subjectId === id && d.recipient.toHexString() === coordinator.id)!;
    const notId = (mine as unknown as { _id: { toHexString(): string } })._id.toHexString();

    const visitor = await request(app).get('/notifications');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toContain('/sign-in');
    expect((await request(app).get('/').expect(200)).text).not.toContain('data-unread-count');
    const { agent } = await signedInAgent(app, author);
    await agent.get(`/notifications/${notId}`).expect(404);
    const list = await agent.get('/notifications').expect(200);
    expect(list.text).not.toContain(notId);
    const stored = (await all()).find((d) => (d as unknown as { _id: { toHexString(): string } })._id.toHexString() === notId)!;
    expect(stored.readAt).toBeNull();
  });
});

describe('the JSON API', () => {
  it('when the API lists and marks notifications, then it answers the presenter’s fields only, and refuses bad ids and queries without a 500', async () => {
    const token = await bearerFor(ctx, secondCoordinator);
    const api = request(app);
    const auth = { Authorization: token };

    const listed = await api.get('/api/notifications?perPage=2').set(auth).expect(200);
    expect(listed.body.items).toHaveLength(2);
    expect(Object.keys(listed.body.items[0]).sort()).toEqual(['actor', 'at', 'id', 'kind', 'link', 'messageKey', 'read', 'subject']);
    expect(listed.body.unread).toBeGreaterThanOrEqual(2);
    const id = listed.body.items[0].id as string;

    const read = await api.post(`/api/notifications/${id}/read`).set(auth).expect(200);
    expect(read.body).toMatchObject({ id, read: true });
    const unread = await api.get('/api/notifications?unread=true&perPage=100').set(auth).expect(200);
    expect(unread.body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    const authorToken = await bearerFor(ctx, author);
    await api.post(`/api/notifications/${id}/read`).set({ Authorization: authorToken }).expect(404);
    for (const bad of ['nope', '0'.repeat(24), '%24ne', '{"$gt":""}']) {
      await api.post(`/api/notifications/${encodeURIComponent(bad)}/read`).set(auth).expect(404);
    }
    for (const query of ['page=0', 'page=abc', 'perPage=1000', 'unread=maybe', 'page[$gt]=1', 'recipient=x']) {
      const res = await api.get(`/api/notifications?${query}`).set(auth);
      expect(res.status).toBe(400);
    }
    await api.get('/api/notifications').expect(401);
    const marked = await api.post('/api/notifications/read-all').set(auth).expect(200);
    expect(marked.body.marked).toBeGreaterThanOrEqual(1);
    expect((await api.get('/api/notifications').set(auth).expect(200)).body.unread).toBe(0);
  });
});

describe('e-mail', () => {
  it('when mail is configured, then the recipients get it in the language they chose, and a kind turned off is not mailed', async () => {
    const lv = await createUser(ctx, { role: 'partner', city: 'palermo', name: 'Līga Latviete', email: 'liga@example.test' });
    const off = await createUser(ctx, { role: 'partner', city: 'palermo', name: 'Otto Off', email: 'otto@example.test' });
    people.push(lv, off);
    const { agent: lvAgent } = await signedInAgent(app, lv);
    const form = await lvAgent.get('/account/notifications').expect(200);
    await lvAgent
      .post('/account/notifications')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(form.text))}&language=lv&email=changes-requested&email=published`)
      .expect(303);
    const { agent: offAgent } = await signedInAgent(app, off);
    const offForm = await offAgent.get('/account/notifications').expect(200);
    expect(offForm.text).toContain('id="email-changes-requested" name="email" value="changes-requested" checked');
    await offAgent.post('/account/notifications').type('form').send({ _csrf: csrfFrom(offForm.text), language: 'en', email: 'published' }).expect(303);
    const saved = await offAgent.get('/account/notifications').expect(200);
    expect(saved.text).not.toContain('value="changes-requested" checked');

    const draft = await draftPractice(ctx, lv, { title: 'Palermo youth', city: 'palermo', country: 'IT' });
    await services.practices.submit(lv, draft.id);
    await services.mailer.drain();
    const before = outbox.messages.length;
    await services.practices.requestChanges(coordinator, draft.id, { reason: 'More numbers, please.' });
    await services.mailer.drain();
    const sent = outbox.messages.slice(before);

    expect(sent.map((m) => m.to[0])).toEqual(['liga@example.test']);
    expect(sent[0]!.subject).toBe('DeCoDe zināšanu bāze: Cora Coordinator lūdza veikt izmaiņas praksē “Palermo youth”');
    expect(sent[0]!.text).toContain(`/practices/${draft.id}?version=working`);
    expect(sent[0]!.text).toContain('Labdien, Līga Latviete!');
    expect(await recipients('changes-requested', draft.id)).toEqual(['Līga Latviete', 'Otto Off']);
  });

  it('when the preferences form is sent hostile values, then it is refused and nothing is stored', async () => {
    const { agent } = await signedInAgent(app, colleague);
    const csrf = csrfFrom((await agent.get('/account/notifications').expect(200)).text);
    for (const body of [
      `_csrf=${encodeURIComponent(csrf)}&language=xx`,
      `_csrf=${encodeURIComponent(csrf)}&language=en&email[$ne]=1`,
      `_csrf=${encodeURIComponent(csrf)}&language=en&email=no-such-kind`,
      `_csrf=${encodeURIComponent(csrf)}&language=en&userId=${author.id}`,
    ]) {
      const res = await agent.post('/account/notifications').type('form').send(body);
      expect([400, 422]).toContain(res.status);
    }
    expect(await ctx.db.collection('notification_preferences').countDocuments({ userId: { $exists: true }, language: 'xx' })).toBe(0);
  });

  it('when mail is not configured, then notifications are only recorded in the app', async () => {
    const before = await ctx.db.collection('notifications').countDocuments();
    const draft = await draftPractice(ctx, author, { title: 'No mail here' });
    await ctx.services.practices.submit(author, draft.id);
    await ctx.services.mailer.drain();

    expect(ctx.services.mailer.enabled).toBe(false);
    expect(await ctx.db.collection('notifications').countDocuments()).toBe(before + 2);
  });
});
