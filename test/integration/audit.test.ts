import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createTestContext, type TestContext } from '../support/test-context';
import { createUser, signedInAgent } from '../support/factories';

let ctx: TestContext;
let admin: User;
let adminAgent: Awaited<ReturnType<typeof signedInAgent>>['agent'];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createUser(ctx, { role: 'admin', email: 'Chief.Admin@example.test' });
  ({ agent: adminAgent } = await signedInAgent(ctx.app, admin));
});

afterAll(async () => {
  await ctx.close();
});

type Seed = {
  action: string;
  at: Date;
  actorEmail?: string;
  targetType?: string;
  targetId?: string;
  targetLabel?: string;
  ip?: string;
  details?: object;
};
const seed = (events: Seed[]) => ctx.db.collection('auditevents').insertMany(events.map((e) => ({ ...e })));
const rows = (html: string) =>
  [...html.matchAll(/<tr data-event="[0-9a-f]{24}">([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '');
const times = (html: string) => [...html.matchAll(/<time datetime="([^"]+)">/g)].map((m) => m[1]);

describe('who may read the audit log', () => {
  it('when a visitor asks for it, then they are sent to sign in', async () => {
    const res = await request(ctx.app).get('/admin/audit').expect(303);

    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Faudit');
  });

  it.each(['coordinator', 'planner'] as const)('when a %s asks for it, then the answer is 403', async (role) => {
    const { agent } = await signedInAgent(ctx.app, await createUser(ctx, { role }));

    await agent.get('/admin/audit').expect(403);
  });

  it('when an admin opens it, then events recorded by the app are there, with the address they came from', async () => {
    const res = await adminAgent.get('/admin/audit?action=auth.sign-in&actor=chief.admin%40example.test').expect(200);

    const [row] = rows(res.text);
    expect(row).toContain('<code>auth.sign-in</code>');
    expect(row).toContain('chief.admin@example.test');
    expect(row).toMatch(/<td>(::ffff:)?127\.0\.0\.1<\/td>|<td>::1<\/td>/);
    expect(res.text).toMatch(/<option value="auth.sign-in" selected>/);
  });
});

describe('what an event shows', () => {
  beforeAll(async () => {
    await seed([
      {
        action: 'practice.published',
        at: new Date('2019-05-01T09:00:00.000Z'),
        actorEmail: 'coord@example.test',
        targetType: 'practice',
        targetId: 'p1',
        targetLabel: 'Youth return grants',
        ip: '203.0.113.7',
        details: { note: '<script>alert(1)</script>' },
      },
      {
        action: 'practice.published',
        at: new Date('2019-05-03T23:30:00.000Z'),
        actorEmail: 'coord@example.test',
        targetType: 'practice',
        targetId: 'p3',
        targetLabel: 'Remote-work hub',
      },
      {
        action: 'practice.published',
        at: new Date('2019-05-02T12:00:00.000Z'),
        actorEmail: 'other@example.test',
        targetType: 'practice',
        targetId: 'p2',
        targetLabel: 'Housing for returnees',
      },
    ]);
  });

  it('when filtered by action, then the events come newest first with ISO time, actor, target, IP and escaped details', async () => {
    const res = await adminAgent.get('/admin/audit?action=practice.published').expect(200);
    const latvian = await adminAgent.get('/admin/audit?action=practice.published').set('Accept-Language', 'lv').expect(200);

    expect(times(res.text)).toEqual([
      '2019-05-03T23:30:00.000Z',
      '2019-05-02T12:00:00.000Z',
      '2019-05-01T09:00:00.000Z',
    ]);
    // People read the time in their language's format, in UTC and saying so; machines read the attribute.
    expect(res.text).toContain('>3 May 2019, 23:30 UTC</time>');
    expect(latvian.text).toContain('>2019. g. 3. maijs 23:30 UTC</time>');
    const oldest = rows(res.text)[2] ?? '';
    expect(oldest).toContain('practice: Youth return grants');
    expect(oldest).toContain('<td>203.0.113.7</td>');
    expect(oldest).toContain('coord@example.test');
    expect(oldest).toContain('&#34;note&#34;:&#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('data-total="3"');
  });

  it('when filtered by actor e-mail in any letter case, then only that actor’s events are listed', async () => {
    const res = await adminAgent.get('/admin/audit?actor=COORD%40example.test').expect(200);

    expect(rows(res.text)).toHaveLength(2);
    expect(res.text).not.toContain('Housing for returnees');
    expect(res.text).toContain('value="coord@example.test"');
  });

  it('when filtered by dates, then both days are included whole (UTC)', async () => {
    const one = await adminAgent.get('/admin/audit?from=2019-05-02&to=2019-05-02').expect(200);
    const two = await adminAgent
      .get('/admin/audit?from=2019-05-02&to=2019-05-03&action=practice.published')
      .expect(200);
    const until = await adminAgent.get('/admin/audit?to=2019-05-01').expect(200);

    expect(times(one.text)).toEqual(['2019-05-02T12:00:00.000Z']);
    expect(times(two.text)).toEqual(['2019-05-03T23:30:00.000Z', '2019-05-02T12:00:00.000Z']);
    expect(times(until.text)).toEqual(['2019-05-01T09:00:00.000Z']);
  });
});

describe('invalid filters', () => {
  it.each([
    ['from=2019-02-30', 'from', 'Please enter a date as YYYY-MM-DD.'],
    ['to=yesterday', 'to', 'Please enter a date as YYYY-MM-DD.'],
    ['from=2019-05-03&to=2019-05-01', 'to', 'The end date is before the start date.'],
    ['action=practice.stolen', 'action', 'Please choose one of the listed actions.'],
    ['actor=not-an-address', 'actor', 'Please enter a valid e-mail address.'],
    ['page=0', 'page', 'The page number is not valid.'],
  ])(
    'when the query is %s, then 422 re-renders the form with the message beside %s and no events',
    async (query, field, message) => {
      const res = await adminAgent.get(`/admin/audit?${query}`).expect(422);

      expect(res.text).toContain(`<p class="field-error" id="${field}-error">${message}</p>`);
      expect(rows(res.text)).toEqual([]);
    },
  );

  it('when a date is invalid, then what was typed is kept in the form', async () => {
    const res = await adminAgent.get('/admin/audit?from=2019-13-01&actor=coord%40example.test').expect(422);

    expect(res.text).toContain('value="2019-13-01"');
    expect(res.text).toContain('value="coord@example.test"');
  });
});

describe('pagination', () => {
  beforeAll(async () => {
    const start = Date.parse('2018-01-01T00:00:00.000Z');
    await seed(
      Array.from({ length: 120 }, (_, i) => ({
        action: 'practice.archived',
        at: new Date(start + i * 60_000),
        targetType: 'practice',
        targetId: `a${i}`,
      })),
    );
  });

  it('when there are more than 50 events, then pages of 50 are linked and the links keep the filters', async () => {
    const first = await adminAgent.get('/admin/audit?action=practice.archived&from=2018-01-01').expect(200);

    expect(rows(first.text)).toHaveLength(50);
    expect(times(first.text)[0]).toBe('2018-01-01T01:59:00.000Z');
    expect(first.text).toContain('Page 1 of 3');
    expect(first.text).toContain('href="/admin/audit?action=practice.archived&amp;from=2018-01-01&amp;page=2"');
    expect(first.text).not.toContain('rel="prev"');

    const last = await adminAgent.get('/admin/audit?action=practice.archived&from=2018-01-01&page=3').expect(200);
    expect(rows(last.text)).toHaveLength(20);
    expect(times(last.text).at(-1)).toBe('2018-01-01T00:00:00.000Z');
    expect(last.text).toContain('href="/admin/audit?action=practice.archived&amp;from=2018-01-01&amp;page=2"');
    expect(last.text).not.toContain('rel="next"');
  });
});
