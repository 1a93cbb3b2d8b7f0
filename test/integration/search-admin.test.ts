import request from 'supertest';
import { createUser, signedInAgent } from '../support/factories';
import { indexPractices } from '../support/search-documents';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: Awaited<ReturnType<typeof signedInAgent>>;

const groups = () => ctx.db.collection('search_synonym_groups').find().toArray();
const liveSynonyms = () => ctx.search.client.index(ctx.search.indexUid('practices')).getSynonyms();
const searchIds = async (q: string) =>
  (
    (
      await request(ctx.app)
        .get(`/api/search?${new URLSearchParams({ q })}`)
        .expect(200)
    ).body.hits as { id: string }[]
  ).map((h) => h.id);

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await signedInAgent(ctx.app, await createUser(ctx, { role: 'coordinator' }));
  await indexPractices(ctx, [
    {
      id: 'cowork-lv',
      content: { title: 'Kopstrādes telpa bibliotēkā', summary: 'Attālinātie darbinieki strādā pilsētas bibliotēkā.' },
    },
  ]);
});

afterAll(async () => {
  await ctx.close();
});

describe('/admin/search synonym groups', () => {
  it('when a visitor, a partner or a planner opens it, then they are sent to sign in or refused', async () => {
    const partner = await signedInAgent(ctx.app, await createUser(ctx, { role: 'partner', city: 'kaunas' }));
    const planner = await signedInAgent(ctx.app, await createUser(ctx, { role: 'planner' }));

    const visitor = await request(ctx.app).get('/admin/search').expect(303);
    await partner.agent.get('/admin/search').expect(403);
    await planner.agent.get('/admin/search').expect(403);
    await partner.agent
      .post('/admin/search/synonyms')
      .type('form')
      .send({ terms: 'a\nb', _csrf: partner.csrf })
      .expect(403);

    expect(visitor.headers.location).toBe('/sign-in?next=%2Fadmin%2Fsearch');
    expect(await groups()).toEqual([]);
  });

  it('when the coordinator opens it, then the base groups in all languages and the indexing status are shown', async () => {
    const res = await coordinator.agent.get('/admin/search').expect(200);

    expect(res.text).toMatch(
      /data-group="youth"><td><code>youth<\/code><\/td><td>youth, young people, jaunieši, .*młodzież.*Jugend.*giovani.*jóvenes/,
    );
    expect(res.text).toContain('data-no-custom');
    expect(res.text).toMatch(/data-status="pending">0</);
    expect(res.text).toMatch(/data-status="engine">Meilisearch 1\.21\.0</);
  });

  it('when the coordinator adds a group, then it is stored, sent to the index and makes search find the other language', async () => {
    expect(await searchIds('coworking')).toEqual([]);

    const res = await coordinator.agent
      .post('/admin/search/synonyms')
      .type('form')
      .send({ terms: 'coworking\nkopstrādes telpa, Coworking-Space\n  espacio de coworking ', _csrf: coordinator.csrf })
      .expect(303);

    expect(res.headers.location).toBe('/admin/search?notice=added');
    const stored = await groups();
    expect(stored.map((g) => g.terms)).toEqual([
      ['coworking', 'kopstrādes telpa', 'Coworking-Space', 'espacio de coworking'],
    ]);
    expect((await liveSynonyms()).coworking).toEqual(
      expect.arrayContaining(['kopstrādes telpa', 'espacio de coworking']),
    );
    expect(await searchIds('coworking')).toEqual(['cowork-lv']);
    const page = await coordinator.agent.get('/admin/search?notice=added').expect(200);
    expect(page.text).toContain('data-notice="added"');
    expect(page.text).toContain(`data-group="${String(stored[0]!._id)}"`);
  });

  it.each([
    ['a single term', 'coworking', 'Give at least 2 different terms.'],
    ['a term over 60 characters', `short\n${'x'.repeat(61)}`, 'Each term may be at most 60 characters long.'],
    ['more than 30 terms', Array.from({ length: 31 }, (_, i) => `term${i}`).join(','), 'Give at most 30 terms.'],
  ])(
    'when the coordinator sends %s, then the form comes back with 422, the message and the typed text',
    async (_case, terms, message) => {
      const before = (await groups()).length;

      const res = await coordinator.agent
        .post('/admin/search/synonyms')
        .type('form')
        .send({ terms, _csrf: coordinator.csrf })
        .expect(422);

      expect(res.text).toContain(message);
      expect(res.text).toContain(`>${terms}</textarea>`);
      expect(await groups()).toHaveLength(before);
    },
  );

  it('when the form comes without the CSRF token, then nothing is stored', async () => {
    const before = (await groups()).length;

    await coordinator.agent.post('/admin/search/synonyms').type('form').send({ terms: 'one\ntwo' }).expect(403);

    expect(await groups()).toHaveLength(before);
  });

  it('when the coordinator removes their group, then it is gone from MongoDB and from the index settings', async () => {
    const [group] = await groups();

    const res = await coordinator.agent
      .post(`/admin/search/synonyms/${String(group!._id)}/delete`)
      .type('form')
      .send({ _csrf: coordinator.csrf })
      .expect(303);

    expect(res.headers.location).toBe('/admin/search?notice=removed');
    expect(await groups()).toEqual([]);
    expect((await liveSynonyms()).coworking).toBeUndefined();
    expect(await searchIds('coworking')).toEqual([]);
  });

  it('when a group that does not exist is removed, then the answer is 404', async () => {
    await coordinator.agent
      .post('/admin/search/synonyms/000000000000000000000000/delete')
      .type('form')
      .send({ _csrf: coordinator.csrf })
      .expect(404);
  });
});
