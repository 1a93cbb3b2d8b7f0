import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createTestContext, type TestContext } from '../support/test-context';
import { createUser, csrfFor, signedInAgent, TEST_PASSWORD } from '../support/factories';
import { dbSnapshot } from '../support/db-snapshot';

let ctx: TestContext;
let admin: User;
let adminSession: Awaited<ReturnType<typeof signedInAgent>>;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createUser(ctx, { role: 'admin', name: 'Head Admin' });
  adminSession = await signedInAgent(ctx.app, admin);
});

afterAll(async () => {
  await ctx.close();
});

/** The table row of one user, so assertions look at that row only. */
const rowOf = (html: string, user: User) => new RegExp(`<tr id="user-${user.id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
const auditFor = (action: string, targetId: string) =>
  ctx.db.collection('auditevents').find({ action, targetId }).toArray();
const post = (path: string, body: Record<string, string> = {}) =>
  adminSession.agent
    .post(path)
    .type('form')
    .send({ _csrf: adminSession.csrf, ...body });

describe('who may see the users list', () => {
  it('when a visitor asks for it, then they are sent to sign in', async () => {
    const res = await request(ctx.app).get('/admin/users').expect(303);

    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fusers');
  });

  it.each(['planner', 'partner'] as const)(
    'when a %s asks for it, then the answer is 403 and the nav has no Users link',
    async (role) => {
      const { agent } = await signedInAgent(ctx.app, await createUser(ctx, { role }));

      await agent.get('/admin/users').expect(403);
      const home = await agent.get('/').expect(200);

      expect(home.text).not.toContain('href="/admin/users"');
      expect(home.text).not.toContain('href="/admin/audit"');
      expect(home.text).toContain('<a href="/account">My account</a>');
    },
  );

  it('when a coordinator opens it, then every user is listed without role or deactivation forms', async () => {
    const coordinator = await createUser(ctx, { role: 'coordinator' });
    const partner = await createUser(ctx, { role: 'partner', city: 'palermo' });
    const { agent } = await signedInAgent(ctx.app, coordinator);

    const res = await agent.get('/admin/users').expect(200);

    expect(rowOf(res.text, partner)).toMatch(/<td data-col="city"[^>]*>Palermo<\/td>/);
    expect(rowOf(res.text, admin)).toContain('Administrator');
    expect(res.text).not.toContain('data-form="role"');
    expect(res.text).not.toContain('data-form="deactivate"');
    expect(res.text).toContain('href="/admin/users/invite"');
    expect(res.text).toContain('<a href="/admin/users">Users</a>');
    expect(res.text).not.toContain('href="/admin/audit"');
  });

  it('when an admin opens it, then other rows have forms, their own row has none, and last sign-in is shown', async () => {
    const planner = await createUser(ctx, { role: 'planner' });

    const res = await adminSession.agent.get('/admin/users').expect(200);

    const plannerRow = rowOf(res.text, planner);
    expect(plannerRow).toContain(`action="/admin/users/${planner.id}/role"`);
    expect(plannerRow).toContain(`action="/admin/users/${planner.id}/deactivate"`);
    expect(plannerRow).toContain(`action="/admin/users/${planner.id}/reset-link"`);
    expect(plannerRow).toContain('Never');
    const ownRow = rowOf(res.text, admin);
    expect(ownRow).not.toContain('<form');
    expect(ownRow).toContain('This is you');
    expect(ownRow).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">/);
    expect(res.text).toContain('<a href="/admin/audit">Audit log</a>');
  });
});

describe('filters', () => {
  it('when filtered by role and by status, then only matching users are listed', async () => {
    const partner = await createUser(ctx, { role: 'partner', city: 'vejle' });
    const planner = await createUser(ctx, { role: 'planner' });
    const inactive = await createUser(ctx, { role: 'planner' });
    await ctx.services.users.setActive(inactive.id, false);

    const partners = await adminSession.agent.get('/admin/users?role=partner&active=').expect(200);
    const deactivated = await adminSession.agent.get('/admin/users?role=&active=false').expect(200);

    expect(rowOf(partners.text, partner)).not.toBe('');
    expect(rowOf(partners.text, planner)).toBe('');
    expect(partners.text).toMatch(/<option value="partner" selected>/);
    expect(rowOf(deactivated.text, inactive)).toContain('Deactivated');
    expect(rowOf(deactivated.text, inactive)).toContain(`action="/admin/users/${inactive.id}/reactivate"`);
    expect(rowOf(deactivated.text, inactive)).not.toContain('reset-link');
    expect(rowOf(deactivated.text, planner)).toBe('');
  });

  it.each(['role=superuser', 'active=maybe', 'role=admin&role=planner'])(
    'when the query is %s, then the answer is 400',
    async (query) => {
      const res = await adminSession.agent.get(`/admin/users?${query}`).expect(400);

      expect(res.text).toContain('The request could not be understood');
    },
  );
});

describe('changing a role', () => {
  it('when an admin makes a planner a partner of a city, then it is stored and audited with from and to', async () => {
    const user = await createUser(ctx, { role: 'planner' });

    const res = await post(`/admin/users/${user.id}/role`, { role: 'partner', city: 'cuenca' }).expect(303);

    expect(res.headers.location).toBe(`/admin/users?notice=role-changed#user-${user.id}`);
    expect(await ctx.services.users.findById(user.id)).toMatchObject({ role: 'partner', city: 'cuenca' });
    const [event] = await auditFor('users.role-changed', user.id);
    expect(event).toMatchObject({
      actorEmail: admin.email,
      targetLabel: user.email,
      details: { from: 'planner', to: 'partner', fromCity: null, toCity: 'cuenca' },
    });
    const page = await adminSession.agent.get('/admin/users?notice=role-changed').expect(200);
    expect(page.text).toContain('The role has been changed.');
    expect(rowOf(page.text, user)).toMatch(/<td data-col="city"[^>]*>Cuenca<\/td>/);
  });

  it('when a partner becomes a coordinator, then the city is dropped', async () => {
    const user = await createUser(ctx, { role: 'partner', city: 'lodz' });

    await post(`/admin/users/${user.id}/role`, { role: 'coordinator', city: 'lodz' }).expect(303);

    const stored = await ctx.db.collection('users').findOne({ email: user.email });
    expect(stored).toMatchObject({ role: 'coordinator' });
    expect(stored).not.toHaveProperty('city');
  });

  it('when a partner is given no city or an unknown one, then 422 shows the message on that row and nothing changes', async () => {
    const user = await createUser(ctx, { role: 'planner' });

    const none = await post(`/admin/users/${user.id}/role`, { role: 'partner', city: '' }).expect(422);
    const unknown = await post(`/admin/users/${user.id}/role`, { role: 'partner', city: 'atlantis' }).expect(422);
    await post(`/admin/users/${user.id}/role`, { role: 'emperor' }).expect(422);

    expect(rowOf(none.text, user)).toContain('A partner needs one of the network&#39;s cities.');
    expect(rowOf(none.text, user)).toMatch(/<option value="partner" selected>/);
    expect(rowOf(unknown.text, user)).toContain('has-error');
    expect(await ctx.services.users.findById(user.id)).toMatchObject({ role: 'planner', city: undefined });
    expect(await auditFor('users.role-changed', user.id)).toHaveLength(0);
  });

  it('when an admin tries to change their own role, then 403 and nothing changes', async () => {
    await post(`/admin/users/${admin.id}/role`, { role: 'planner' }).expect(403);

    expect(await ctx.services.users.findById(admin.id)).toMatchObject({ role: 'admin' });
  });

  it('when a coordinator posts a role change, then 403 and nothing changes', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const { agent, csrf } = await signedInAgent(ctx.app, await createUser(ctx, { role: 'coordinator' }));

    await agent.post(`/admin/users/${user.id}/role`).type('form').send({ _csrf: csrf, role: 'admin' }).expect(403);

    expect(await ctx.services.users.findById(user.id)).toMatchObject({ role: 'planner' });
  });

  it('when the form comes without its CSRF token, then 403 and nothing changes', async () => {
    const user = await createUser(ctx, { role: 'planner' });

    await adminSession.agent.post(`/admin/users/${user.id}/role`).type('form').send({ role: 'admin' }).expect(403);

    expect(await ctx.services.users.findById(user.id)).toMatchObject({ role: 'planner' });
  });

  it('when the id is not an ObjectId or names nobody, then the answer is 404 and nothing changes', async () => {
    const before = await dbSnapshot(ctx.db);

    const answers = [
      await post('/admin/users/not-an-id/role', { role: 'planner' }),
      await post('/admin/users/0123456789abcdef01234567/role', { role: 'planner' }),
      await post('/admin/users/0123456789abcdef01234567/deactivate'),
    ];

    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.text).toContain('The page or record was not found.');
    }
    expect(await dbSnapshot(ctx.db)).toEqual(before);
  });
});

describe('deactivating and reactivating', () => {
  it('when a user is deactivated, then their open session ends on the next request, their token stops, and they cannot sign in', async () => {
    const user = await createUser(ctx, { role: 'partner', city: 'magdeburg' });
    const { agent } = await signedInAgent(ctx.app, user);
    const { secret } = await ctx.services.tokens.create(user.id, 'Script');
    await agent.get('/account').expect(200);

    const res = await post(`/admin/users/${user.id}/deactivate`).expect(303);

    expect(res.headers.location).toBe(`/admin/users?notice=deactivated#user-${user.id}`);
    expect((await agent.get('/account').expect(303)).headers.location).toBe('/sign-in?next=%2Faccount');
    await request(ctx.app).get('/api/me').set('Authorization', `Bearer ${secret}`).expect(401);
    const fresh = request.agent(ctx.app);
    const csrf = await csrfFor(fresh);
    const signIn = await fresh
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf });
    expect(signIn.status).toBe(401);
    expect(signIn.text).toContain('not correct, or the account is not active');
    expect(await ctx.services.users.findById(user.id)).toMatchObject({ active: false });
    expect(await auditFor('users.deactivated', user.id)).toEqual([
      expect.objectContaining({ actorEmail: admin.email }),
    ]);
  });

  it('when a deactivated user is reactivated, then they can sign in again and it is audited', async () => {
    const user = await createUser(ctx);
    await ctx.services.users.setActive(user.id, false);

    await post(`/admin/users/${user.id}/reactivate`).expect(303);

    await signedInAgent(ctx.app, user);
    expect(await auditFor('users.reactivated', user.id)).toHaveLength(1);
  });

  it('when an admin tries to deactivate themselves, then 403 and they stay active', async () => {
    await post(`/admin/users/${admin.id}/deactivate`).expect(403);

    expect(await ctx.services.users.findById(admin.id)).toMatchObject({ active: true });
    await adminSession.agent.get('/admin/users').expect(200);
  });
});

describe('password-reset links', () => {
  it('when an admin asks for a reset link, then it is shown once, uncached, and it opens the reset page', async () => {
    const user = await createUser(ctx, { name: 'Forgetful Planner' });

    const res = await post(`/admin/users/${user.id}/reset-link`).expect(201);

    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain(`Forgetful Planner (${user.email})`);
    const link = /data-reset-link>([^<]+)</.exec(res.text)?.[1] ?? '';
    const path = new URL(link).pathname;
    expect(path).toMatch(/^\/password\/reset\/[A-Za-z0-9_-]+$/);
    await request(ctx.app).get(path).expect(200);
    const events = await ctx.db
      .collection('auditevents')
      .find({ action: 'auth.password-reset-requested', targetId: user.id })
      .toArray();
    expect(events).toEqual([expect.objectContaining({ actorEmail: admin.email })]);
  });

  it('when an admin asks for their own reset link, or a coordinator asks for anyone, then 403', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, await createUser(ctx, { role: 'coordinator' }));

    const before = await dbSnapshot(ctx.db);

    const own = await post(`/admin/users/${admin.id}/reset-link`).expect(403);
    const coordinators = await agent.post(`/admin/users/${user.id}/reset-link`).type('form').send({ _csrf: csrf }).expect(403);

    for (const res of [own, coordinators]) {
      expect(res.text).toContain('You are not allowed to do that.');
      expect(res.text).not.toMatch(/data-reset-link|\/password\/reset\//);
    }
    // No link was made and nothing was audited.
    expect(await dbSnapshot(ctx.db)).toEqual(before);
  });
});
