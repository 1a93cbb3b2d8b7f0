import { Types } from 'mongoose';
import request from 'supertest';
import { EditConflictError } from '../../server/features/practices';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createPracticeVia, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;
const auth = { partner: '', coordinator: '', otherPartner: '', planner: '' };

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  auth.partner = await bearerFor(ctx, partner);
  auth.coordinator = await bearerFor(ctx, coordinator);
  auth.otherPartner = await bearerFor(ctx, await createUser(ctx, { role: 'partner', city: 'kaunas' }));
  auth.planner = await bearerFor(ctx, await createUser(ctx, { role: 'planner' }));
});

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);
const stored = (id: string) => ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });
const patch = (id: string, who: string, body: object) =>
  api().patch(`/api/practices/${id}`).set('Authorization', who).send(body);

describe('revisions', () => {
  it('when a practice is edited, then each save is a revision with who, when and which fields', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, {
      title: 'History of a practice',
      summary: 'First summary.',
    });
    await patch(id, auth.partner, { revision: 1, summary: 'Second summary.', themes: ['youth-retention'] }).expect(200);
    await patch(id, auth.partner, { revision: 2, description: 'A *new* description.' }).expect(200);

    const res = await api().get(`/api/practices/${id}/revisions`).set('Authorization', auth.partner).expect(200);

    expect(res.body.items.map((r: { number: number }) => r.number)).toEqual([3, 2, 1]);
    expect(res.body.items[0]).toMatchObject({
      kind: 'edit',
      changedFields: ['description'],
      by: partner.id,
      byName: partner.name,
      status: 'draft',
    });
    expect(res.body.items[1].changedFields).toEqual(['summary', 'themes']);
    expect(res.body.items[0].snapshot).toBeUndefined();
    const one = await api().get(`/api/practices/${id}/revisions/2`).set('Authorization', auth.partner).expect(200);
    expect(one.body.snapshot).toMatchObject({ summary: 'Second summary.', description: '', city: 'daugavpils' });
    await api().get(`/api/practices/${id}/revisions/99`).set('Authorization', auth.partner).expect(404);
    await api().get(`/api/practices/${id}/revisions`).set('Authorization', auth.otherPartner).expect(403);
    await api().get(`/api/practices/${id}/revisions`).set('Authorization', auth.planner).expect(403);
  });

  it('when a save changes nothing, then no revision is written', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Unchanged practice' });

    const res = await patch(id, auth.partner, { revision: 1, title: 'Unchanged practice' }).expect(200);

    expect(res.body.revision).toBe(1);
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: new Types.ObjectId(id) })).toBe(
      1,
    );
  });

  it('when a form sends the same text with CRLF line breaks and the same themes in another order, then nothing is written', async () => {
    const body = {
      title: 'Browser round trip',
      description: 'Line one\nLine two',
      themes: ['youth-retention', 'housing-urban-regeneration'],
    };
    const { id } = await createPracticeVia(ctx.app, auth.partner, body);

    const res = await patch(id, auth.partner, {
      revision: 1,
      description: 'Line one\r\nLine two',
      themes: ['housing-urban-regeneration', 'youth-retention'],
    }).expect(200);

    expect(res.body.revision).toBe(1);
    expect((await stored(id))?.working.description).toBe('Line one\nLine two');
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: new Types.ObjectId(id) })).toBe(
      1,
    );
  });

  it('when two revisions are compared, then texts differ word by word and lists item by item', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, {
      title: 'Diffed practice',
      description: 'The adviser meets families every week.',
      indicators: [{ name: 'Families', value: 10, unit: 'families', year: 2018 }],
    });
    await patch(id, auth.partner, {
      revision: 1,
      description: 'The adviser meets returning families every month.',
      indicators: [
        { name: 'Families', value: 10, unit: 'families', year: 2018 },
        { name: 'Families', value: 68, unit: 'families', year: 2019 },
      ],
      language: 'lv',
    }).expect(200);

    const res = await api().get(`/api/practices/${id}/diff?from=1&to=2`).set('Authorization', auth.partner).expect(200);

    const byField = Object.fromEntries(res.body.fields.map((f: { field: string }) => [f.field, f]));
    expect(Object.keys(byField).sort()).toEqual(['description', 'indicators', 'language']);
    const parts = byField.description.parts as { value: string; added: boolean; removed: boolean }[];
    expect(parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['returning', 'month']);
    expect(parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['week']);
    expect(byField.indicators.items.map((i: { change: string }) => i.change)).toEqual(['unchanged', 'added']);
    expect(byField.language).toMatchObject({ kind: 'value', after: 'lv' });
    expect(res.body.from.number).toBe(1);
    await api().get(`/api/practices/${id}/diff?from=1`).set('Authorization', auth.partner).expect(400);
  });

  it('when the coordinator restores an old revision, then a new revision brings the old content back and history is kept', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, {
      title: 'Restorable practice',
      summary: 'The good summary.',
    });
    await patch(id, auth.partner, { revision: 1, summary: 'A worse summary.' }).expect(200);

    await api()
      .post(`/api/practices/${id}/revisions/1/restore`)
      .set('Authorization', auth.partner)
      .send({})
      .expect(403);
    const res = await api()
      .post(`/api/practices/${id}/revisions/1/restore`)
      .set('Authorization', auth.coordinator)
      .send({})
      .expect(200);

    expect(res.body).toMatchObject({ revision: 3, working: { summary: 'The good summary.' } });
    const history = await api()
      .get(`/api/practices/${id}/revisions`)
      .set('Authorization', auth.coordinator)
      .expect(200);
    expect(history.body.items[0]).toMatchObject({
      number: 3,
      kind: 'restore',
      restoredFrom: 1,
      changedFields: ['summary'],
    });
    expect(history.body.items).toHaveLength(3);
  });
});

describe('edit conflicts', () => {
  it('when two people edit from the same revision, then the second save is refused with 409 and the first text stays', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, {
      title: 'Contested practice',
      summary: 'Original.',
    });
    await patch(id, auth.coordinator, { revision: 1, summary: 'The coordinator’s wording.' }).expect(200);

    const res = await patch(id, auth.partner, { revision: 1, summary: 'The partner’s wording.' }).expect(409);

    expect(res.body.error).toMatchObject({ code: 'edit_conflict' });
    expect(res.body.error.message).toMatch(/saved this practice while you were editing/);
    expect(await stored(id)).toMatchObject({ revision: 2, working: { summary: 'The coordinator’s wording.' } });
  });

  it('when the service refuses a stale edit, then the error carries the stored version so a page can show both', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Stale edit practice', summary: 'Stored.' });
    await ctx.services.practices.update(partner, id, { revision: 1, summary: 'Newer.' });

    const attempt = ctx.services.practices.update(partner, id, { revision: 1, summary: 'Typed in an old tab.' });

    await expect(attempt).rejects.toBeInstanceOf(EditConflictError);
    const error = (await attempt.catch((e: unknown) => e)) as EditConflictError;
    expect(error.current).toMatchObject({ revision: 2, working: { summary: 'Newer.' } });
  });

  it('when two saves race from the same revision, then exactly one wins', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Raced practice' });

    const results = await Promise.all(
      ['One', 'Two', 'Three'].map((word) => patch(id, auth.partner, { revision: 1, summary: `${word} wins.` })),
    );

    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await stored(id)).toMatchObject({ revision: 2 });
    expect(await ctx.db.collection('practice_revisions').countDocuments({ practiceId: new Types.ObjectId(id) })).toBe(
      2,
    );
  });
});

describe('place', () => {
  it('when a practice names a city outside the network, then a slug is derived and the country must be European', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const adminAuth = await bearerFor(ctx, admin);

    const riga = await createPracticeVia(ctx.app, adminAuth, {
      title: 'A Riga practice',
      cityName: 'Rīga',
      country: 'lv',
    });
    const boston = await api()
      .post('/api/practices')
      .set('Authorization', adminAuth)
      .send({ title: 'A Boston practice', cityName: 'Boston', country: 'US' });
    const mismatch = await api()
      .post('/api/practices')
      .set('Authorization', adminAuth)
      .send({ title: 'Kaunas in Latvia', city: 'kaunas', country: 'LV' });
    const lodz = await createPracticeVia(ctx.app, adminAuth, {
      title: 'Lodz by name',
      cityName: 'Lodz',
      country: 'PL',
    });

    expect(riga).toMatchObject({ city: 'riga-lv', cityName: 'Rīga', country: 'LV' });
    expect(boston.status).toBe(400);
    expect(boston.body.error.fields.country).toEqual(['The city must be in a European country.']);
    expect(mismatch.body.error.fields.country).toEqual(['This city is in another country.']);
    expect(lodz).toMatchObject({ city: 'lodz', cityName: 'Łódź' });
  });

  it('when a partner tries to move a practice to another city, then it is refused', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Staying in Daugavpils' });

    await patch(id, auth.partner, { revision: 1, city: 'kaunas' }).expect(403);

    expect(await stored(id)).toMatchObject({ city: 'daugavpils', revision: 1 });
  });
});

describe('seed import', () => {
  it('when a published practice is seeded, then it has a plausible history and seeding again finds it', async () => {
    const input = {
      content: completePracticeBody({ title: 'Seeded practice' }),
      status: 'published' as const,
      createdBy: partner.id,
      reviewedBy: coordinator.id,
      createdAt: new Date('2019-10-01T08:00:00Z'),
      date: new Date('2019-11-20T10:00:00Z'),
      importKey: 'demo:seeded-practice',
    };

    const first = await ctx.services.practices.seedPractice(input);
    const again = await ctx.services.practices.seedPractice(input);

    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await stored(first.id)).toMatchObject({
      status: 'published',
      revision: 3,
      indexedRevision: 0,
      createdAt: new Date('2019-10-01T08:00:00Z'),
      publishedAt: new Date('2019-11-20T10:00:00Z'),
    });
    const history = await ctx.services.practices.listRevisions(coordinator, first.id);
    expect(history.map((r) => [r.number, r.kind, r.status])).toEqual([
      [3, 'status', 'published'],
      [2, 'status', 'submitted'],
      [1, 'create', 'draft'],
    ]);
    const publicView = await api().get(`/api/practices/${first.id}`).expect(200);
    expect(publicView.body.published.title).toBe('Seeded practice');
  });

  it('when seeded content is incomplete for its status, then nothing is written', async () => {
    const before = await ctx.db.collection('practices').countDocuments();

    await expect(
      ctx.services.practices.seedPractice({
        content: { title: 'Incomplete seed', city: 'daugavpils' },
        status: 'published',
        createdBy: partner.id,
      }),
    ).rejects.toMatchObject({ status: 400 });

    expect(await ctx.db.collection('practices').countDocuments()).toBe(before);
  });

  it('when an import is removed, then only practices with that import key go, with their history, and it is audited', async () => {
    const base = { status: 'draft' as const, createdBy: partner.id };
    const demo = await ctx.services.practices.seedPractice({
      ...base,
      content: { title: 'Demo to remove', city: 'daugavpils' },
      importKey: 'demo2:one',
    });
    const other = await ctx.services.practices.seedPractice({
      ...base,
      content: { title: 'Other import', city: 'daugavpils' },
      importKey: 'other:one',
    });
    const human = await createPracticeVia(ctx.app, auth.partner, { title: 'Written by a person' });

    const removed = await ctx.services.practices.removeImported('demo2:');

    expect(removed).toBe(1);
    expect(await stored(demo.id)).toBeNull();
    expect(await stored(other.id)).not.toBeNull();
    expect(await stored(human.id)).not.toBeNull();
    expect(
      await ctx.db.collection('practice_revisions').countDocuments({ practiceId: new Types.ObjectId(demo.id) }),
    ).toBe(0);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'practice.purged', targetId: demo.id }),
    ).toMatchObject({
      details: { importKey: 'demo2:one', reason: 'import removed' },
    });
    await expect(ctx.services.practices.removeImported('')).rejects.toThrow();
  });
});
