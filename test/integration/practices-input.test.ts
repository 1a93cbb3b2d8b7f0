import request from 'supertest';
import { bearerFor, createPracticeVia, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner = '';
let coordinator = '';

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await bearerFor(ctx, await createUser(ctx, { role: 'partner', city: 'daugavpils' }));
  coordinator = await bearerFor(ctx, await createUser(ctx, { role: 'coordinator' }));
});

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);
const count = () => ctx.db.collection('practices').countDocuments();
const long = (n: number) => 'x'.repeat(n);
const indicator = { name: 'Families', value: 1, unit: 'families', year: 2019 };

// [what, body extra, field named in the answer, message expected there]
const INVALID: [string, Record<string, unknown>, string, RegExp][] = [
  ['a title too short', { title: 'abc' }, 'title', /5 to 200 characters/],
  ['a title too long', { title: long(201) }, 'title', /At most 200/],
  ['a number as title', { title: 12345 }, 'title', /enter text/],
  ['an operator object as title', { title: { $gt: '' } }, 'title', /enter text/],
  ['an array as title', { title: ['a', 'b'] }, 'title', /enter text/],
  ['a summary too long', { summary: long(601) }, 'summary', /At most 600/],
  ['an operator object as summary', { summary: { $ne: null } }, 'summary', /enter text/],
  ['themes not a list', { themes: 'youth-retention' }, 'themes', /list/],
  ['a theme that is not a slug', { themes: ['Youth Retention'] }, 'themes.0', /identifier/],
  ['an unknown theme', { themes: ['space-travel'] }, 'themes', /choose from the list/],
  ['too many themes', { themes: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'themes', /too many/],
  ['an unknown target group', { targetGroups: ['aliens'] }, 'targetGroups', /choose from the list/],
  ['a start year before 1990', { period: { startYear: 1989 } }, 'period.startYear', /between 1990 and 2100/],
  ['a fractional year', { period: { startYear: 2019.5 } }, 'period.startYear', /between 1990 and 2100/],
  ['a year as text', { period: { startYear: '2019' } }, 'period.startYear', /between 1990 and 2100/],
  ['an end before the start', { period: { startYear: 2019, endYear: 2018 } }, 'period.endYear', /before the start/],
  [
    'an ongoing practice with an end',
    { period: { startYear: 2019, endYear: 2020, ongoing: true } },
    'period.endYear',
    /ongoing/,
  ],
  ['ongoing as text', { period: { ongoing: 'yes' } }, 'period.ongoing', /yes or no/],
  ['period not an object', { period: '2019-2020' }, 'period', /object/],
  ['a negative budget', { budget: { amountEur: -5 } }, 'budget.amountEur', /negative/],
  ['a budget as text', { budget: { amountEur: '1000' } }, 'budget.amountEur', /number/],
  ['funding sources too long', { budget: { fundingSources: long(501) } }, 'budget.fundingSources', /At most 500/],
  ['stakeholders too long', { stakeholders: long(1001) }, 'stakeholders', /At most 1,000/],
  ['a description too long', { description: long(20001) }, 'description', /At most 20,000/],
  ['results too long', { results: long(20001) }, 'results', /At most 20,000/],
  ['transferability too long', { transferability: long(20001) }, 'transferability', /At most 20,000/],
  ['lessons too long', { lessons: long(20001) }, 'lessons', /At most 20,000/],
  ['an indicator without name', { indicators: [{ ...indicator, name: '' }] }, 'indicators.0.name', /fill in/],
  ['an indicator value as text', { indicators: [{ ...indicator, value: 'ten' }] }, 'indicators.0.value', /number/],
  [
    'an indicator without value',
    { indicators: [{ name: 'x', unit: 'u', year: 2019 }] },
    'indicators.0.value',
    /number/,
  ],
  [
    'an indicator year out of range',
    { indicators: [{ ...indicator, year: 1800 }] },
    'indicators.0.year',
    /between 1990/,
  ],
  ['an indicator unit too long', { indicators: [{ ...indicator, unit: long(41) }] }, 'indicators.0.unit', /At most 40/],
  [
    'an indicator with an unknown key',
    { indicators: [{ ...indicator, $where: '1' }] },
    'indicators.0.$where',
    /not part of a practice/,
  ],
  ['too many indicators', { indicators: Array.from({ length: 31 }, () => indicator) }, 'indicators', /too many/],
  ['a javascript: source', { sources: [{ title: 'x', url: 'javascript:alert(1)' }] }, 'sources.0.url', /http/],
  ['an ftp source', { sources: [{ title: 'x', url: 'ftp://example.org/a' }] }, 'sources.0.url', /http/],
  ['a source without title', { sources: [{ url: 'https://example.org' }] }, 'sources.0.title', /fill in/],
  ['an invalid contact e-mail', { contact: { email: 'not-an-address' } }, 'contact.email', /valid e-mail/],
  ['a contact name too long', { contact: { name: long(201) } }, 'contact.name', /At most 200/],
  ['an unknown language', { language: 'fr' }, 'language', /English, Latvian/],
  ['an unknown event', { event: 'moon-landing' }, 'event', /no such network event/],
  ['an unknown city', { city: 'atlantis' }, 'city', /not one of the network/],
  ['a three-letter country', { cityName: 'Riga', country: 'LVA' }, 'country', /two-letter/],
  ['an unknown field', { rating: 5 }, 'rating', /not part of a practice/],
  ['a status set directly', { status: 'published' }, 'status', /not part of a practice/],
  ['the outbox counter set directly', { indexedRevision: 99 }, 'indexedRevision', /not part of a practice/],
  ['a $-operator key', { $set: { status: 'published' } }, '$set', /not part of a practice/],
];

describe('creating with bad input', () => {
  it.each(INVALID)(
    'when a practice has %s, then 400 names the field and nothing is stored',
    async (_what, extra, field, message) => {
      const before = await count();

      const res = await api()
        .post('/api/practices')
        .set('Authorization', partner)
        .send({ title: 'A valid title', ...extra });

      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields[field]?.join(' ')).toMatch(message);
      expect(await count()).toBe(before);
    },
  );

  it('when the body is not JSON, then 400 says so', async () => {
    const res = await api()
      .post('/api/practices')
      .set('Authorization', partner)
      .set('Content-Type', 'application/json')
      .send('{"title": ');

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('when the body is larger than allowed, then 413', async () => {
    const res = await api()
      .post('/api/practices')
      .set('Authorization', partner)
      .send({ title: 'Big', description: long(300 * 1024) });

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('when the reader prefers Latvian, then the messages are in Latvian', async () => {
    const res = await api()
      .post('/api/practices')
      .set('Authorization', partner)
      .set('Accept-Language', 'lv')
      .send({ title: 'abc' })
      .expect(400);

    expect(res.body.error.fields.title).toEqual(['Nosaukumam jābūt 5 līdz 200 rakstzīmes garam.']);
  });
});

describe('updating with bad input', () => {
  it('when a PATCH has no revision or an invalid one, then 400 names it and nothing changes', async () => {
    const { id } = await createPracticeVia(ctx.app, partner, { title: 'Patched practice' });

    const missing = await api()
      .patch(`/api/practices/${id}`)
      .set('Authorization', partner)
      .send({ title: 'New title here' })
      .expect(400);
    const wrongType = await api()
      .patch(`/api/practices/${id}`)
      .set('Authorization', partner)
      .send({ revision: '1', title: 'New title here' })
      .expect(400);
    const operator = await api()
      .patch(`/api/practices/${id}`)
      .set('Authorization', partner)
      .send({ revision: { $gt: 0 }, summary: 'x' })
      .expect(400);

    expect(Object.keys(missing.body.error.fields)).toEqual(['revision']);
    expect(wrongType.body.error.fields.revision).toBeDefined();
    expect(operator.body.error.fields.revision).toBeDefined();
    expect((await api().get(`/api/practices/${id}`).set('Authorization', partner)).body.working.title).toBe(
      'Patched practice',
    );
  });

  it('when an empty or null optional value is sent, then it clears that value', async () => {
    const { id } = await createPracticeVia(ctx.app, partner, {
      title: 'Clearing values',
      language: 'lv',
      event: '2019-02-palermo-youth',
    });

    const res = await api()
      .patch(`/api/practices/${id}`)
      .set('Authorization', partner)
      .send({ revision: 1, language: null, event: '' })
      .expect(200);

    expect(res.body.working.language).toBeUndefined();
    expect(res.body.working.event).toBeUndefined();
  });
});

describe('identifiers and queries', () => {
  it.each([
    ['get', '/api/practices/123'],
    ['get', '/api/practices/zzzzzzzzzzzzzzzzzzzzzzzz'],
    ['get', '/api/practices/000000000000000000000000'],
    ['patch', '/api/practices/not-an-id'],
    ['delete', '/api/practices/%24where'],
    ['post', '/api/practices/123/submit'],
    ['post', '/api/practices/123/publish'],
    ['post', '/api/practices/123/request-changes'],
    ['post', '/api/practices/123/reject'],
    ['post', '/api/practices/123/archive'],
    ['post', '/api/practices/123/attachments'],
    ['get', '/api/practices/123/attachments/abc'],
    ['get', '/api/practices/123/revisions'],
    ['get', '/api/practices/123/revisions/1'],
    ['post', '/api/practices/123/revisions/1/restore'],
    ['get', '/api/practices/123/diff?from=1&to=2'],
    ['get', '/api/practices/123/comments'],
  ] as const)('when %s %s names no valid practice, then 404 (never 500)', async (method, path) => {
    const res = await api()[method](path).set('Authorization', coordinator).send({ reason: 'x' });

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it.each([
    ['?status[$ne]=draft', 'status[$ne]'],
    ['?city[$gt]=', 'city[$gt]'],
    ['?perPage=101', 'perPage'],
    ['?page=0', 'page'],
    ['?perPage=abc', 'perPage'],
    ['?status=deleted', 'status'],
    ['?status=draft&status=published', 'status'],
    ['?sort=title', 'sort'],
  ])('when the list is asked %s, then 400 names %s', async (query, field) => {
    const res = await api().get(`/api/practices${query}`).set('Authorization', coordinator);

    expect(res.status).toBe(400);
    expect(res.body.error.fields[field]).toBeDefined();
  });

  it('when a revision number is not a number, then 400', async () => {
    const { id } = await createPracticeVia(ctx.app, partner, { title: 'Revision numbers' });

    const res = await api().get(`/api/practices/${id}/revisions/first`).set('Authorization', partner);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { number: ['The revision must be a whole number from 1 up.'] } },
    });
  });
});
