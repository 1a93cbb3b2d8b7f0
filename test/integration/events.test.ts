import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, signedInAgent } from '../support/factories';
import { draftPractice, publishedPractice } from '../support/practice-pages';
import { textOf } from '../support/search-documents';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let partner: User;
let planner: User;
let presentedId: string;
let draftId: string;

const PALERMO = '2019-02-palermo-youth';

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  planner = await createUser(ctx, { role: 'planner' });
  presentedId = (await publishedPractice(ctx, partner, coordinator, { title: 'Youth council presented in Palermo', event: PALERMO })).id;
  await publishedPractice(ctx, partner, coordinator, { title: 'Practice presented nowhere', event: undefined });
  draftId = (await draftPractice(ctx, partner, { title: 'Draft that names Palermo', event: PALERMO })).id;
  await ctx.services.searchIndexing.sync.drain();
});

afterAll(async () => {
  await ctx.close();
});

const storedEvents = () => ctx.db.collection('networkevents').find({}).toArray();

describe('events list', () => {
  it('when a visitor opens /events, then the five events are listed in date order with place, dates and practice counts', async () => {
    const res = await request(ctx.app).get('/events').set('Accept-Language', 'en').expect(200);
    const slugs = [...res.text.matchAll(/data-event="([^"]+)"/g)].map((m) => m[1]);
    expect(slugs).toEqual([
      '2018-05-daugavpils-kick-off',
      '2018-09-kaunas-good-practice',
      PALERMO,
      '2019-05-lodz-action-plans',
      '2019-11-daugavpils-final-conference',
    ]);
    expect(textOf(res.text)).toContain('May 23 – 24, 2018');
    expect(res.text).toContain(`href="/events/${PALERMO}"`);
    expect(res.text).toContain('Youth depopulation — how can it be prevented?');
    const palermo = res.text.slice(res.text.indexOf(`data-event="${PALERMO}"`));
    expect(textOf(palermo.slice(0, palermo.indexOf('</li>')))).toContain('Practices presented: 1');
    expect(res.text).not.toContain('href="/events/new"');
  });

  it('when a Latvian reader opens /events, then topics and dates are in Latvian', async () => {
    const res = await request(ctx.app).get('/events').set('Accept-Language', 'lv').expect(200);
    expect(res.text).toContain('Jauniešu depopulācija — kā to novērst?');
    expect(res.text).toContain('2019. gada 11.–13. februāris');
    expect(res.text).toContain('Tīkla pasākumi');
  });

  it('when the home and network pages are opened, then each event links to its page', async () => {
    const home = await request(ctx.app).get('/').expect(200);
    const network = await request(ctx.app).get('/network').expect(200);
    for (const html of [home.text, network.text]) {
      expect(html).toContain(`href="/events/${PALERMO}"`);
      expect(html).toContain('href="/events"');
    }
  });
});

describe('event page', () => {
  it('when a visitor opens an event, then it shows place, dates, topic and only the published practices presented there', async () => {
    const res = await request(ctx.app).get(`/events/${PALERMO}`).set('Accept-Language', 'en').expect(200);
    const facts = textOf(res.text.slice(res.text.indexOf('event-facts'), res.text.indexOf('practices-heading')));
    expect(facts).toContain('February 11 – 13, 2019');
    expect(facts).toContain('Palermo, Italy');
    expect(facts).toContain('Youth depopulation — how can it be prevented?');
    expect(res.text).toContain(`href="/practices/${presentedId}"`);
    expect(res.text).toContain('Youth council presented in Palermo');
    expect(res.text).toMatch(/data-date="published" datetime="[^"]+">Published \d{1,2} [A-Z][a-z]{2} \d{4}<\/time>/);
    expect(res.text).not.toContain('Practice presented nowhere');
    expect(res.text).not.toContain('Draft that names Palermo');
    expect(res.text).not.toContain(draftId);
    expect(res.text).toContain(`href="/search?event=${PALERMO}"`);
  });

  it('when a practice names an event, then its page links to the event page', async () => {
    const res = await request(ctx.app).get(`/practices/${presentedId}`).expect(200);
    expect(res.text).toContain(`href="/events/${PALERMO}"`);
  });

  it('when an event has no published practice, then the page says so', async () => {
    const res = await request(ctx.app).get('/events/2018-09-kaunas-good-practice').set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('No published practice names this event yet.');
  });

  it.each(['no-such-event', '..%2F..%2Fetc', '%3Cscript%3E', 'A'.repeat(300)])(
    'when the slug is %s, then the answer is 404',
    async (slug) => {
      await request(ctx.app).get(`/events/${slug}`).expect(404);
    },
  );
});

describe('managing events', () => {
  const form = (overrides: Record<string, string> = {}) => ({
    title: 'Remigration follow-up meeting',
    title_lv: 'Remigrācijas turpinājuma tikšanās',
    city: 'vejle',
    venue: 'Vejle Town Hall',
    year: '2021',
    month: '6',
    startDay: '3',
    endDay: '4',
    description: 'Partners compared **one year** of remigration data.',
    ...overrides,
  });

  it('when the coordinator adds an event, then it is stored, audited and shown on its own page', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const list = await agent.get('/events').expect(200);
    expect(list.text).toContain('href="/events/new"');

    const res = await agent.post('/events').type('form').send({ ...form(), _csrf: csrf }).expect(303);
    expect(res.headers.location).toBe('/events/2021-06-vejle-remigration-follow-up-meeting?notice=added');

    const stored = (await storedEvents()).find((e) => e.slug === '2021-06-vejle-remigration-follow-up-meeting');
    expect(stored).toMatchObject({ citySlug: 'vejle', venue: 'Vejle Town Hall', year: 2021, month: 6, startDay: 3, endDay: 4, translations: { lv: 'Remigrācijas turpinājuma tikšanās' } });
    const audit = await ctx.db.collection('auditevents').findOne({ action: 'event.created' });
    expect(audit).toMatchObject({ targetId: '2021-06-vejle-remigration-follow-up-meeting', actorEmail: coordinator.email });

    const page = await agent.get(res.headers.location as string).set('Accept-Language', 'en').expect(200);
    expect(page.text).toContain('The event was added.');
    expect(page.text).toContain('Vejle Town Hall');
    expect(page.text).toContain('<strong>one year</strong>');
    const lv = await request(ctx.app).get('/events/2021-06-vejle-remigration-follow-up-meeting').set('Accept-Language', 'lv').expect(200);
    expect(lv.text).toContain('Remigrācijas turpinājuma tikšanās');
  });

  it('when the form is wrong, then it comes back 422 with a message beside each field and nothing is stored', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const before = (await storedEvents()).length;
    const res = await agent
      .post('/events')
      .type('form')
      .send({ ...form({ title: '  ', city: 'atlantis', year: '1850', month: '2', startDay: '30', endDay: '' }), _csrf: csrf })
      .set('Accept-Language', 'en')
      .expect(422);
    expect(res.text).toContain('id="title-error"');
    expect(res.text).toContain('id="year-error"');
    expect(res.text).toContain('Enter the event&#39;s topic in English.');
    expect(res.text).toContain('value="Vejle Town Hall"');
    expect((await storedEvents()).length).toBe(before);

    const days = await agent
      .post('/events')
      .type('form')
      .send({ ...form({ month: '2', year: '2021', startDay: '30' }), _csrf: csrf })
      .set('Accept-Language', 'en')
      .expect(422);
    expect(days.text).toContain('This month has no such day.');
    const order = await agent.post('/events').type('form').send({ ...form({ startDay: '9', endDay: '2' }), _csrf: csrf }).set('Accept-Language', 'en').expect(422);
    expect(order.text).toContain('The last day cannot come before the first.');
    const city = await agent.post('/events').type('form').send({ ...form({ city: 'atlantis' }), _csrf: csrf }).set('Accept-Language', 'en').expect(422);
    expect(city.text).toContain('Choose one of the partner cities.');
    expect((await storedEvents()).length).toBe(before);
  });

  it('when the body carries unknown or nested fields, then it is refused without a 500', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    await agent.post('/events').type('form').send(`title[$gt]=x&city=vejle&year=2021&month=1&_csrf=${encodeURIComponent(csrf)}`).expect(422);
    await agent.post('/events').type('form').send({ ...form(), __proto__x: '1', _csrf: csrf }).expect(422);
  });

  it('when the coordinator edits a reference event, then the change stays after the reference data is loaded again', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const edit = await agent.get('/events/2018-09-kaunas-good-practice/edit').expect(200);
    expect(edit.text).toContain('value="Good-practice examples for preventing depopulation"');
    await agent
      .post('/events/2018-09-kaunas-good-practice')
      .type('form')
      .send({ ...form({ title: 'Good-practice examples (Kaunas)', city: 'kaunas', year: '2018', month: '9', startDay: '', endDay: '', venue: '', description: '' }), _csrf: csrf })
      .expect(303);
    await ctx.services.events.ensureReferenceData();
    const stored = (await storedEvents()).find((e) => e.slug === '2018-09-kaunas-good-practice');
    expect(stored).toMatchObject({ title: 'Good-practice examples (Kaunas)', month: 9 });
    expect(stored?.venue).toBeUndefined();
    expect(stored?.startDay).toBeUndefined();
    expect((await storedEvents()).filter((e) => e.slug === '2018-09-kaunas-good-practice')).toHaveLength(1);
  });

  it.each([
    ['partner', () => partner],
    ['planner', () => planner],
  ])('when a %s tries to add or edit events, then the answer is 403 and nothing changes', async (_role, who) => {
    const { agent, csrf } = await signedInAgent(ctx.app, who());
    const before = await storedEvents();
    await agent.get('/events/new').expect(403);
    await agent.get(`/events/${PALERMO}/edit`).expect(403);
    await agent.post('/events').type('form').send({ ...form(), _csrf: csrf }).expect(403);
    await agent.post(`/events/${PALERMO}`).type('form').send({ ...form(), _csrf: csrf }).expect(403);
    expect(await storedEvents()).toEqual(before);
  });

  it('when a visitor asks for the form, then they are sent to sign in', async () => {
    const res = await request(ctx.app).get('/events/new');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.location).toMatch(/^\/sign-in/);
  });

  it('when the coordinator edits an event that does not exist, then the answer is 404', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    await agent.get('/events/no-such-event/edit').expect(404);
    await agent.post('/events/no-such-event').type('form').send({ ...form(), _csrf: csrf }).expect(404);
  });
});
