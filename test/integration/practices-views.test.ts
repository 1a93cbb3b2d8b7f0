import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createPracticeVia, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;
let planner: User;
const auth = { partner: '', coordinator: '' };

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  planner = await createUser(ctx, { role: 'planner' });
  auth.partner = await bearerFor(ctx, partner);
  auth.coordinator = await bearerFor(ctx, coordinator);
});

afterAll(async () => {
  await ctx.close();
});

async function publishedPractice(title: string) {
  const { id } = await createPracticeVia(ctx.app, auth.partner, completePracticeBody({ title }));
  await request(ctx.app).post(`/api/practices/${id}/submit`).set('Authorization', auth.partner).send({}).expect(200);
  await request(ctx.app)
    .post(`/api/practices/${id}/publish`)
    .set('Authorization', auth.coordinator)
    .send({})
    .expect(200);
  return id;
}

describe('the practice page model', () => {
  it('when a published practice is being revised, then visitors see the published copy and its authors the working one', async () => {
    const id = await publishedPractice('Published before revision');
    await ctx.services.practices.update(partner, id, { revision: 3, title: 'Revision in preparation' });

    const visitor = await ctx.services.practices.view(undefined, id, { locale: 'en' });
    const author = await ctx.services.practices.view(partner, id, { locale: 'lv' });
    const authorPublished = await ctx.services.practices.view(partner, id, { locale: 'en', copy: 'published' });

    expect(visitor).toMatchObject({
      copy: 'published',
      status: undefined,
      pendingChanges: false,
      content: { title: 'Published before revision' },
    });
    expect(visitor.can).toMatchObject({ edit: false, history: false, readWorking: false, viewContact: false });
    expect(visitor.content.contact.email).toBeUndefined();
    expect(author).toMatchObject({
      copy: 'working',
      status: 'draft',
      pendingChanges: true,
      content: { title: 'Revision in preparation' },
    });
    expect(author.can).toMatchObject({ edit: true, history: true, viewContact: true });
    expect(author.steps).toEqual(['submit']);
    expect(authorPublished.content.title).toBe('Published before revision');
  });

  it('when the page model is built, then labels, event, country and language are resolved in the reader’s language', async () => {
    const id = await publishedPractice('Labels in Latvian');

    const view = await ctx.services.practices.view(planner, id, { locale: 'lv' });

    expect(view.themes).toEqual([{ slug: 'return-migration-diaspora', label: 'Remigrācija un diaspora' }]);
    expect(view.targetGroups.map((g) => g.label)).toEqual(['Remigranti', 'Ģimenes ar bērniem']);
    expect(view.event).toMatchObject({
      slug: '2018-05-daugavpils-kick-off',
      year: 2018,
      month: 5,
      cityName: 'Daugavpils',
    });
    expect(view.country).toEqual({ code: 'LV', name: 'Latvija' });
    expect(view.language).toEqual({ code: 'lv', name: 'latviešu' });
    expect(view.city).toEqual({ slug: 'daugavpils', name: 'Daugavpils', network: true });
    expect(view.content.html.description).toBe(
      '<p>An adviser answers <strong>every</strong> question a returning family has.</p>\n',
    );
    expect(view.content.contact.email).toBe('inese@example.lv');
  });

  it('when a visitor asks for a draft, then they are sent to sign in; a member of another city is refused', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Private draft page' });

    await expect(ctx.services.practices.view(undefined, id, { locale: 'en' })).rejects.toMatchObject({ status: 401 });
    await expect(ctx.services.practices.view(planner, id, { locale: 'en' })).rejects.toMatchObject({ status: 403 });
  });
});

describe('lists for pages', () => {
  it('when a partner opens their city’s practices, then every status of their city is listed and nothing of other cities', async () => {
    const kaunasPartner = await createUser(ctx, { role: 'partner', city: 'kaunas' });
    const draft = await createPracticeVia(ctx.app, auth.partner, { title: 'My city draft' });
    const published = await publishedPractice('My city published');
    const kaunas = await createPracticeVia(ctx.app, await bearerFor(ctx, kaunasPartner), { title: 'Kaunas draft' });

    const page = await ctx.services.practices.myCity(partner);

    const ids = page.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([draft.id, published]));
    expect(ids).not.toContain(kaunas.id);
    expect(page.items.find((i) => i.id === published)?.status).toBe('published');
    await expect(ctx.services.practices.myCity(planner)).rejects.toMatchObject({ status: 403 });
  });

  it('when an edit form is opened, then it carries the revision to send back and what submission still needs', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Form prefill', summary: 'Short.' });

    const form = await ctx.services.practices.forEdit(partner, id);

    expect(form).toMatchObject({ id, revision: 1, status: 'draft', location: { city: 'daugavpils', country: 'LV' } });
    expect(form.content.summary).toBe('Short.');
    expect(Object.keys(form.missing)).toEqual(expect.arrayContaining(['themes', 'description', 'contact.name']));
    expect(form.missing.summary).toBeUndefined();
    await expect(ctx.services.practices.forEdit(planner, id)).rejects.toMatchObject({ status: 403 });
  });
});
