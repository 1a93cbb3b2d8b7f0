import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createPracticeVia, createUser, signedInAgent } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let partner: User;

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
});

afterAll(async () => {
  await ctx.close();
});

const terms = (kind: string) => ctx.db.collection('vocabularies').find({ kind }).sort({ order: 1 }).toArray();

describe('reference vocabularies', () => {
  it('when the app starts, then the initial themes and target groups exist with English and Latvian labels', async () => {
    const themes = await terms('theme');
    const groups = await terms('target-group');

    expect(themes).toHaveLength(13);
    expect(groups).toHaveLength(8);
    expect(themes[1]).toMatchObject({
      slug: 'youth-retention',
      labels: { en: 'Youth retention', lv: 'Jauniešu noturēšana' },
      retired: false,
    });
    expect(groups.map((g) => g.slug)).toContain('returning-emigrants');
  });

  it('when seeding runs again after the coordinator renamed a term, then the rename stays and nothing is duplicated', async () => {
    await ctx.services.vocabularies.rename({ id: coordinator.id, role: 'coordinator' }, 'theme', 'ageing-care', {
      en: 'Ageing, care and longevity',
      lv: 'Novecošana un aprūpe',
    });

    await ctx.services.vocabularies.ensureReferenceData();

    expect(await terms('theme')).toHaveLength(13);
    expect((await terms('theme')).find((t) => t.slug === 'ageing-care')?.labels.en).toBe('Ageing, care and longevity');
  });

  it('when a term was stored before it had labels beyond English and Latvian, then seeding adds them, but a label the coordinator cleared stays cleared', async () => {
    await ctx.db.collection('vocabularies').updateOne(
      { kind: 'target-group', slug: 'students' },
      { $unset: { 'labels.de': '', 'labels.it': '' }, $set: { 'labels.pl': '' } },
    );

    await ctx.services.vocabularies.ensureReferenceData();

    const stored = await ctx.db.collection('vocabularies').findOne({ kind: 'target-group', slug: 'students' });
    expect(stored?.labels).toMatchObject({ de: 'Studierende', it: 'Studenti', pl: '' });
    const students = (await ctx.services.vocabularies.list('target-group')).find((t) => t.slug === 'students');
    expect(students?.labels.pl).toBeUndefined();
  });

  it('when pages are read in German, then themes and target groups are named in German, and a term without a German label in English', async () => {
    await ctx.db.collection('vocabularies').updateOne({ kind: 'theme', slug: 'digital-services' }, { $set: { 'labels.de': '' } });
    // Seeding keeps the cleared label and tells the vocabulary cache to reload.
    await ctx.services.vocabularies.ensureReferenceData();

    const home = await request(ctx.app).get('/').set('Accept-Language', 'de').expect(200);

    expect(home.text).toContain('>Geburtenrate und Familienförderung</a>');
    expect(home.text).toContain('>Digital services</a>');
  });

  it('when an API client asks for the vocabularies, then it gets slugs and labels', async () => {
    const res = await request(ctx.app).get('/api/vocabularies').expect(200);

    expect(res.body.themes).toHaveLength(13);
    expect(res.body.targetGroups[0]).toEqual({
      slug: 'youth',
      labels: { en: 'Youth', lv: 'Jaunieši', lt: 'Jaunimas', pl: 'Młodzież', de: 'Jugendliche', ro: 'Tineri', it: 'Giovani', da: 'Unge', es: 'Jóvenes' },
      retired: false,
    });
  });

  it('when a term is retired, then new practices cannot use it but practices that carry it keep it', async () => {
    const auth = await bearerFor(ctx, partner);
    const existing = await createPracticeVia(ctx.app, auth, {
      title: 'Carries a soon-retired theme',
      themes: ['digital-services'],
    });
    await ctx.services.vocabularies.setRetired(
      { id: coordinator.id, role: 'coordinator' },
      'theme',
      'digital-services',
      true,
    );

    const fresh = await request(ctx.app)
      .post('/api/practices')
      .set('Authorization', auth)
      .send({ title: 'Wants the retired theme', themes: ['digital-services'] });
    const kept = await request(ctx.app)
      .patch(`/api/practices/${existing.id}`)
      .set('Authorization', auth)
      .send({ revision: 1, themes: ['digital-services', 'youth-retention'] });

    expect(fresh.status).toBe(400);
    expect(fresh.body.error.fields.themes).toBeDefined();
    expect(kept.status).toBe(200);
    const view = await ctx.services.practices.view(partner, existing.id, { locale: 'lv' });
    expect(view.themes).toEqual([
      { slug: 'digital-services', label: 'Digitālie pakalpojumi' },
      { slug: 'youth-retention', label: 'Jauniešu noturēšana' },
    ]);
    await ctx.services.vocabularies.setRetired(
      { id: coordinator.id, role: 'coordinator' },
      'theme',
      'digital-services',
      false,
    );
  });

  it('when someone who is not a curator manages terms, then the service refuses', async () => {
    await expect(
      ctx.services.vocabularies.add({ id: partner.id, role: 'partner', city: 'daugavpils' }, 'theme', {
        en: 'Sneaky',
        lv: 'Viltīgs',
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(ctx.services.vocabularies.add(null, 'theme', { en: 'Sneaky', lv: 'Viltīgs' })).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('the coordinator’s vocabulary page', () => {
  it('when a partner or a visitor opens the page, then they are refused', async () => {
    const { agent } = await signedInAgent(ctx.app, partner);

    await agent.get('/admin/vocabularies').expect(403);
    const visitor = await request(ctx.app).get('/admin/vocabularies').expect(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Fadmin%2Fvocabularies');
  });

  it('when the coordinator adds, renames, retires and reinstates a term, then each is stored and shown', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);
    const page = await agent.get('/admin/vocabularies').expect(200);
    expect(page.text).toContain('Return migration and diaspora');

    const added = await agent
      .post('/admin/vocabularies/theme')
      .type('form')
      .send({ en: 'Rural–urban links', lv: 'Pilsētas un lauku saites', slug: '', _csrf: csrf })
      .expect(303);
    expect(added.headers.location).toBe('/admin/vocabularies?notice=added#theme-rural-urban-links');
    await agent
      .post('/admin/vocabularies/theme/rural-urban-links')
      .type('form')
      .send({ en: 'Rural and urban links', lv: 'Lauku un pilsētu saites', _csrf: csrf })
      .expect(303);
    await agent
      .post('/admin/vocabularies/theme/rural-urban-links/retire')
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);

    expect(await ctx.db.collection('vocabularies').findOne({ kind: 'theme', slug: 'rural-urban-links' })).toMatchObject(
      {
        labels: { en: 'Rural and urban links', lv: 'Lauku un pilsētu saites' },
        retired: true,
        order: 13,
      },
    );
    const shown = await agent.get('/admin/vocabularies?notice=retired').expect(200);
    expect(shown.text).toMatch(/<tr id="theme-rural-urban-links" data-term="rural-urban-links" class="retired">/);
    await agent
      .post('/admin/vocabularies/theme/rural-urban-links/reinstate')
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(await ctx.db.collection('vocabularies').findOne({ slug: 'rural-urban-links' })).toMatchObject({
      retired: false,
    });
  });

  it('when the add form is invalid or the identifier is taken, then it comes back with 422, messages and the typed values', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, coordinator);

    const empty = await agent
      .post('/admin/vocabularies/target-group')
      .type('form')
      .send({ en: 'Commuters', lv: '', _csrf: csrf })
      .expect(422);
    const taken = await agent
      .post('/admin/vocabularies/target-group')
      .type('form')
      .send({ en: 'Youth', lv: 'Jaunatne', _csrf: csrf })
      .expect(422);

    expect(empty.text).toContain('value="Commuters"');
    expect(empty.text).toContain('Please fill in this field.');
    expect(taken.text).toContain('This identifier is already used in this list.');
    expect(taken.text).toContain('value="Jaunatne"');
    expect(await ctx.db.collection('vocabularies').countDocuments({ kind: 'target-group' })).toBe(8);
    await agent
      .post('/admin/vocabularies/unknown-kind')
      .type('form')
      .send({ en: 'x', lv: 'y', _csrf: csrf })
      .expect(404);
    await agent
      .post('/admin/vocabularies/theme/no-such-term')
      .type('form')
      .send({ en: 'x', lv: 'y', _csrf: csrf })
      .expect(404);
    await agent.post('/admin/vocabularies/theme').type('form').send({ en: 'No token', lv: 'Bez žetona' }).expect(403);
  });
});
