import request from 'supertest';
import type { User } from '../../server/features/users';
import { bearerFor, completePracticeBody, createPracticeVia, createUser, signedInAgent } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;
const auth: Record<'partner' | 'coordinator', string> = {} as never;

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  auth.partner = await bearerFor(ctx, partner);
  auth.coordinator = await bearerFor(ctx, coordinator);
});

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);
const step = (id: string, action: string, who: string) => api().post(`/api/practices/${id}/${action}`).set('Authorization', who).send({});

async function published(body: Record<string, unknown>) {
  const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody(body));
  await step(draft.id, 'submit', auth.partner).expect(200);
  await step(draft.id, 'publish', auth.coordinator).expect(200);
  return draft;
}

describe('English title and summary', () => {
  it('when a practice in Latvian lacks its English title and summary, then submitting names both and nothing changes', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ language: 'lv', titleEn: '', summaryEn: '' }));

    const res = await step(draft.id, 'submit', auth.partner).expect(400);

    expect(Object.keys(res.body.error.fields).sort()).toEqual(['summaryEn', 'titleEn']);
    expect(res.body.error.fields.titleEn[0]).toMatch(/required before the practice can be submitted/i);
    const stored = await api().get(`/api/practices/${draft.id}`).set('Authorization', auth.partner).expect(200);
    expect(stored.body).toMatchObject({ status: 'draft', revision: 1 });
  });

  it('when a practice is written in English, then no separate English title is asked for', async () => {
    const draft = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ language: 'en', titleEn: '', summaryEn: '' }));

    await step(draft.id, 'submit', auth.partner).expect(200);
  });

  it('when the English title is too long, then 400 names the field and nothing is stored', async () => {
    const res = await api()
      .post('/api/practices')
      .set('Authorization', auth.partner)
      .send(completePracticeBody({ title: 'Too long English title', titleEn: 'x'.repeat(201) }))
      .expect(400);

    expect(Object.keys(res.body.error.fields)).toEqual(['titleEn']);
    expect(await ctx.db.collection('practices').countDocuments({ 'working.title': 'Too long English title' })).toBe(0);
  });

  it('when a Latvian practice is published, then the API, the list, the page and search all carry the English title beside the original', async () => {
    const practice = await published({
      title: 'Atgriešanās konsultanti ģimenēm',
      summary: 'Konsultants palīdz ģimenēm atgriezties.',
      language: 'lv',
      titleEn: 'Homecoming advisers for families',
      summaryEn: 'An adviser helps families move back from abroad.',
    });

    const json = await api().get(`/api/practices/${practice.id}`).expect(200);
    expect(json.body.published).toMatchObject({ title: 'Atgriešanās konsultanti ģimenēm', titleEn: 'Homecoming advisers for families', summaryEn: 'An adviser helps families move back from abroad.' });
    expect(json.body.published.html.summaryEn).toContain('An adviser helps families');

    const list = await api().get('/api/practices?perPage=100').expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === practice.id)).toMatchObject({ titleEn: 'Homecoming advisers for families' });

    const page = await api().get(`/practices/${practice.id}`).expect(200);
    expect(page.text).toMatch(/<h1 lang="lv">Atgriešanās konsultanti ģimenēm<\/h1>/);
    expect(page.text).toMatch(/<p class="title-en" lang="en" data-title-en>.*Homecoming advisers for families<\/p>/);
    expect(page.text).toContain('An adviser helps families move back from abroad.');

    await ctx.services.searchIndexing.sync.drain();
    const found = await api().get('/api/search?q=homecoming%20advisers').expect(200);
    expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(practice.id);
    const bySummary = await api().get('/api/search?q=move%20back%20from%20abroad').expect(200);
    expect(bySummary.body.hits.map((h: { id: string }) => h.id)).toContain(practice.id);
  });

  it('when the long form is re-rendered, then it offers the English title and summary with their limits from the field table', async () => {
    const { agent } = await signedInAgent(ctx.app, partner);
    const page = await agent.get('/practices/new').expect(200);

    expect(page.text).toMatch(/<input id="titleEn" name="titleEn" type="text" value="" maxlength="200"/);
    expect(page.text).toMatch(/<textarea id="summaryEn" name="summaryEn" rows="3" maxlength="600"/);
  });
});
