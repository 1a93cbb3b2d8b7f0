import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

/**
 * What an outside probe of a seeded instance found: list responses that carried raw records, history
 * readable after a delete, and 500s on prototype keys and unknown facet values.
 */
let ctx: TestContext;
let coordinator: User;
const auth: Record<'partner' | 'otherPartner' | 'planner' | 'coordinator' | 'admin', string> = {} as never;
let publishedId: string;
let revisingId: string;
let deletedId: string;

const SUMMARY_KEYS = ['id', 'title', 'summary', 'titleEn', 'summaryEn', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'period', 'language', 'status', 'revision', 'publishedAt', 'submittedAt', 'updatedAt'];
const PAGE_KEYS = ['items', 'total', 'page', 'perPage', 'pages'];

beforeAll(async () => {
  ctx = await createTestContext();
  const partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  const otherPartner = await createUser(ctx, { role: 'partner', city: 'kaunas' });
  const planner = await createUser(ctx, { role: 'planner' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  auth.partner = await bearerFor(ctx, partner);
  auth.otherPartner = await bearerFor(ctx, otherPartner);
  auth.planner = await bearerFor(ctx, planner);
  auth.coordinator = await bearerFor(ctx, coordinator);
  auth.admin = await bearerFor(ctx, await createUser(ctx, { role: 'admin' }));
  const seed = (title: string, status: 'published' | 'draft') =>
    ctx.services.practices.seedPractice({ content: completePracticeBody({ title }), status, createdBy: partner.id, reviewedBy: coordinator.id });
  publishedId = (await seed('Published remigration advice', 'published')).id;
  revisingId = (await seed('Published family support', 'published')).id;
  const edit = async (id: string, title: string) =>
    ctx.services.practices.update(partner, id, { revision: (await ctx.services.practices.get(partner, id)).revision, title });
  // An unpublished edit of a published practice: its new title must not leave the server for outsiders.
  await edit(revisingId, 'SECRET working title under review');
  deletedId = (await seed('Deleted practice with history', 'published')).id;
  await edit(deletedId, 'Second revision');
  await ctx.services.practices.remove(coordinator, deletedId);
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);

describe('list responses carry summaries only', () => {
  it.each([
    ['a visitor', undefined, false],
    ['a planner', 'planner', false],
    ['a partner of another city', 'otherPartner', false],
    ['the authors city', 'partner', true],
    ['the coordinator', 'coordinator', true],
  ] as const)('when %s lists practices, then the page has exactly its keys and no working copy leaks', async (_who, role, readsWorking) => {
    const req = api().get('/api/practices?perPage=100');
    const res = await (role ? req.set('Authorization', auth[role]) : req).expect(200);

    expect(Object.keys(res.body).sort()).toEqual([...PAGE_KEYS].sort());
    expect(res.body.items).toHaveLength(2);
    // The workflow status is for those who may read working copies; JSON leaves out the others' undefined.
    const keys = readsWorking ? SUMMARY_KEYS : SUMMARY_KEYS.filter((k) => k !== 'status' && k !== 'submittedAt');
    // submittedAt is absent from a practice that was never submitted (a seeded one): optional, never extra.
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(keys.filter((k) => k !== 'submittedAt' || k in item).sort());
    expect(res.text).not.toMatch(/reviewNote|"working"|"docs"|SECRET working title/);
    expect(res.body.items.map((i: { title: string }) => i.title).sort()).toEqual(['Published family support', 'Published remigration advice']);
  });

  it('when a visitor reads one practice, then only the published copy and public fields are sent', async () => {
    const res = await api().get(`/api/practices/${revisingId}`).expect(200);

    expect(Object.keys(res.body).sort()).toEqual(['city', 'cityName', 'country', 'createdAt', 'firstPublishedAt', 'id', 'published', 'publishedAt', 'revision', 'updatedAt']);
    expect(res.body.published.title).toBe('Published family support');
    expect(res.body.published.contact.email).toBeUndefined();
    expect(res.text).not.toContain('SECRET');
  });
});

describe('history of a deleted practice', () => {
  it.each(['revisions', 'revisions/1', 'diff?from=1&to=2'])('when the authors city asks for %s of a deleted practice, then it is 404 like the practice itself', async (path) => {
    const res = await api().get(`/api/practices/${deletedId}/${path}`).set('Authorization', auth.partner).expect(404);

    expect(res.body.error.code).toBe('not_found');
    expect(res.text).not.toContain('Second revision');
  });

  it('when the coordinator asks for the history of a deleted practice, then it is there', async () => {
    const res = await api().get(`/api/practices/${deletedId}/revisions`).set('Authorization', auth.coordinator).expect(200);

    const newest = res.body.items[0].number as number;
    const revision = await api().get(`/api/practices/${deletedId}/revisions/${newest - 1}`).set('Authorization', auth.coordinator).expect(200);
    expect(revision.body.snapshot.title).toBe('Second revision');
  });
});

describe('prototype keys', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(KEYS)('when a JSON body carries the key %s, then every practice endpoint answers 400 naming it and nothing changes', async (key) => {
    const before = await ctx.db.collection('practices').find().toArray();
    const body = `{"${key}": {"admin": true}}`;
    const calls = [
      ['post', '/api/practices'],
      ['patch', `/api/practices/${publishedId}`],
      ['post', `/api/practices/${publishedId}/submit`],
      ['post', `/api/practices/${publishedId}/publish`],
      ['post', `/api/practices/${publishedId}/request-changes`],
      ['post', `/api/practices/${publishedId}/reject`],
      ['post', `/api/practices/${publishedId}/archive`],
      ['post', `/api/practices/${publishedId}/comments`],
      ['post', `/api/practices/${publishedId}/revisions/1/restore`],
      ['delete', `/api/practices/${publishedId}`],
    ] as const;
    for (const [method, path] of calls) {
      const res = await api()[method](path).set('Authorization', auth.admin).set('Content-Type', 'application/json').send(body);
      // A step the practice's state does not allow is refused first (409); any input that is read names the key.
      const refusal = res.status === 409 ? { path, status: 409, field: undefined } : { path, status: 400, field: [expect.any(String)] };
      expect({ path, status: res.status, field: res.body.error?.fields?.[key] }).toEqual(refusal);
    }
    expect(await ctx.db.collection('practices').find().toArray()).toEqual(before);
  });

  it.each(KEYS)('when a query string carries %s, then the lists and search answer 400 naming it', async (key) => {
    for (const path of ['/api/practices', '/api/search']) {
      const res = await api().get(`${path}?${key}=1`).expect(400);
      expect(Object.keys(res.body.error.fields)).toContain(key);
    }
    const page = await api().get(`/search?${key}=1`).expect(400);
    expect(page.text).toContain(key);
  });
});

describe('search filters with unknown values', () => {
  it.each(['country=x', 'country=__proto__', 'language=zz-invalid-', 'country=LV&country=not%20a%20code'])(
    'when the search page is asked for %s, then it refuses with a 400 that names the value and lists no practice',
    async (query) => {
      const res = await api().get(`/search?${query}`).expect(400);

      const value = decodeURIComponent(query.split('=').pop()!);
      expect(res.text).toContain(value);
      expect(res.text).not.toContain('Published remigration advice');
    },
  );
});
