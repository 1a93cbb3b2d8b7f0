import request from 'supertest';
import { SESSION_COOKIE } from '../../server/lib/session';
import { createUser, csrfFor, signedInAgent, TEST_PASSWORD } from '../support/factories';
import { dbSnapshot } from '../support/db-snapshot';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

const sessionId = (setCookie: string | string[] | undefined) =>
  new RegExp(`${SESSION_COOKIE.replace('.', '\\.')}=([^;]+)`).exec(String(setCookie ?? ''))?.[1];

describe('sign-in', () => {
  it('when a user signs in with the right password, then they are signed in and it is audited', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD, next: '/network', _csrf: csrf })
      .expect(303);

    expect(res.headers.location).toBe('/network');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(user.name);
    expect(home.text).toContain('action="/sign-out"');
    const events = await ctx.db
      .collection('auditevents')
      .find({ action: 'auth.sign-in', actorEmail: user.email })
      .toArray();
    expect(events).toHaveLength(1);
  });

  it('when sign-in is given an outside address to return to, then it goes home instead', async () => {
    const user = await createUser(ctx);
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, next: '//evil.example/', _csrf: csrf })
      .expect(303);

    expect(res.headers.location).toBe('/');
  });

  it('when the password is wrong, then the form says so without naming which part, and nothing is signed in', async () => {
    const user = await createUser(ctx);
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: 'wrong password', _csrf: csrf })
      .expect(401);

    expect(res.text).toContain('The e-mail address or password is not correct');
    expect(res.text).toContain(`value="${user.email}"`);
    expect((await agent.get('/')).text).not.toContain('action="/sign-out"');
    expect(await ctx.db.collection('auditevents').countDocuments({ action: 'auth.sign-in-failed' })).toBeGreaterThan(0);
  });

  it('when the e-mail is unknown, then the answer is identical to a wrong password', async () => {
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'nobody@example.test', password: 'whatever-123', _csrf: csrf })
      .expect(401);

    expect(res.text).toContain('The e-mail address or password is not correct');
  });

  it('when the form is incomplete, then it re-renders with 422 and the message beside the field', async () => {
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'not-an-address', password: '', _csrf: csrf })
      .expect(422);

    expect(res.text).toMatch(/id="email-error">Please enter a valid e-mail address\./);
    expect(res.text).toMatch(/id="password-error">Please fill in this field\./);
    expect(res.text).toContain('value="not-an-address"');
  });

  it('when a session id was planted before sign-in, then signing in issues a new one (no session fixation)', async () => {
    const user = await createUser(ctx);
    const agent = request.agent(ctx.app);
    const page = await agent.get('/sign-in');
    const before = sessionId(page.headers['set-cookie']);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] })
      .expect(303);

    const after = sessionId(res.headers['set-cookie']);
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const old = await request(ctx.app).get('/').set('Cookie', `${SESSION_COOKIE}=${before}`);
    expect(old.text).not.toContain('action="/sign-out"');
  });

  it('when the session cookie is set, then it is httpOnly and sameSite=lax', async () => {
    const res = await request(ctx.app).get('/sign-in');

    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=[^;]+;.*HttpOnly; SameSite=Lax`));
  });

  it('when a deactivated user tries to sign in, then it fails like a wrong password', async () => {
    const user = await createUser(ctx);
    await ctx.services.users.setActive(user.id, false);
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf })
      .expect(401);

    // The same words as a wrong password: the answer does not tell that the account exists.
    expect(res.text).toContain('The e-mail address or password is not correct');
    expect(res.text).not.toMatch(/deactivated|inactive/i);
    expect((await agent.get('/')).text).not.toContain('action="/sign-out"');
    expect(await ctx.services.users.findById(user.id)).toMatchObject({ active: false });
    expect(
      await ctx.db.collection('auditevents').countDocuments({ action: 'auth.sign-in', actorEmail: user.email }),
    ).toBe(0);
  });

  it('when a signed-in user is deactivated, then the next request is anonymous', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);

    await ctx.services.users.setActive(user.id, false);

    expect((await agent.get('/')).text).not.toContain('action="/sign-out"');
  });
});

describe('session lifetime', () => {
  it('when a session is older than the absolute limit, then the next request is anonymous even if it stayed busy', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);
    const thirteenHoursAgo = Date.now() - 13 * 3_600_000;
    // Sessions are stored as documents (connect-mongo, stringify off): age this one's sign-in.
    const updated = await ctx.db
      .collection('sessions')
      .updateMany({ 'session.userId': user.id }, { $set: { 'session.signedInAt': thirteenHoursAgo } });
    expect(updated.modifiedCount).toBe(1);

    const res = await agent.get('/').expect(200);

    expect(res.text).not.toContain('action="/sign-out"');
  });

  it('when the session cookie is issued, then it expires after the idle limit and is renewed on each request', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);

    const res = await agent.get('/');

    const expires = /Expires=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
    const minutesLeft = (new Date(expires ?? 0).getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(118);
    expect(minutesLeft).toBeLessThanOrEqual(120);
  });
});

describe('sign-out and CSRF', () => {
  it('when a user signs out, then the session is destroyed on the server', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);
    const sessionsBefore = await ctx.db.collection('sessions').countDocuments();

    await agent.post('/sign-out').type('form').send({ _csrf: csrf }).expect(303);

    expect((await agent.get('/')).text).not.toContain('action="/sign-out"');
    expect(await ctx.db.collection('sessions').countDocuments()).toBeLessThan(sessionsBefore);
  });

  it('when a form is posted without its CSRF token, then it is refused with 403 and nothing happens', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);

    const res = await agent.post('/sign-out').type('form').send({}).expect(403);

    expect(res.text).toContain('This form has expired or did not come from this site');
    expect((await agent.get('/')).text).toContain('action="/sign-out"');
  });

  it('when the CSRF token of another session is used, then it is refused', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);
    const otherToken = await csrfFor(request.agent(ctx.app));

    const res = await agent.post('/sign-out').type('form').send({ _csrf: otherToken }).expect(403);

    expect(res.text).toContain('This form has expired or did not come from this site');
    // Still signed in: the refused sign-out did nothing.
    expect((await agent.get('/')).text).toContain('action="/sign-out"');
  });

  it('when sign-in is posted without a CSRF token, then it is refused (login CSRF)', async () => {
    const user = await createUser(ctx);
    const before = await dbSnapshot(ctx.db);

    const res = await request(ctx.app)
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(403);

    expect(res.text).toContain('This form has expired or did not come from this site');
    // No session was started for the forged sign-in, and nothing was recorded.
    expect(sessionId(res.headers['set-cookie'])).toBeUndefined();
    expect(await dbSnapshot(ctx.db)).toEqual(before);
  });
});

describe('rate limits', () => {
  it('when an account gets five wrong passwords, then the sixth attempt is locked even with the right password', async () => {
    const user = await createUser(ctx);
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);
    for (let i = 0; i < 5; i += 1) {
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email: user.email, password: `wrong-${i}-password`, _csrf: csrf })
        .expect(401);
    }

    const res = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf });

    expect(res.status).toBe(429);
    expect(res.text).toContain('Too many attempts');
    const counter = await ctx.db.collection('rate_limits').findOne({ _id: `sign-in-account:${user.email}` as never });
    expect(counter?.hits).toBeGreaterThanOrEqual(6);
  });

  it('when another account is attacked, then a different account from the same address still signs in', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);

    expect((await agent.get('/')).text).toContain('action="/sign-out"');
  });
});
