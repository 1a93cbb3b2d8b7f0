import request from 'supertest';
import { hashToken } from '../../server/features/tokens/tokens.service';
import { createTestContext, type TestContext } from '../support/test-context';
import { createUser, csrfFor, signedInAgent, TEST_PASSWORD } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

const NEW_PASSWORD = 'a brand new passphrase';
const auditOf = (action: string, actorEmail: string) =>
  ctx.db.collection('auditevents').find({ action, actorEmail }).toArray();
const tokensOf = async (userId: string) => ctx.services.tokens.listFor(userId);

describe('account page', () => {
  it('when a visitor opens /account, then they are sent to sign in and brought back', async () => {
    const res = await request(ctx.app).get('/account').expect(303);

    expect(res.headers.location).toBe('/sign-in?next=%2Faccount');
  });

  it('when a partner opens their account, then name, e-mail, role and city are shown and nothing is cached', async () => {
    const user = await createUser(ctx, { role: 'partner', city: 'kaunas', name: 'Rūta <Partner>' });
    const { agent } = await signedInAgent(ctx.app, user);

    const res = await agent.get('/account').expect(200);

    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('<dd data-field="name">Rūta &lt;Partner&gt;</dd>');
    expect(res.text).toContain(`<dd data-field="email">${user.email}</dd>`);
    expect(res.text).toContain('<dd data-field="role">Partner staff</dd>');
    expect(res.text).toContain('<dd data-field="city">Kaunas</dd>');
    expect(res.text).toContain('<a href="/account">My account</a>');
    expect(res.text).toContain('You have no API tokens.');
  });

  it('when the page is asked for in Latvian, then it is in Latvian', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const { agent } = await signedInAgent(ctx.app, user);

    const res = await agent.get('/account').set('Accept-Language', 'lv').expect(200);

    expect(res.text).toContain('Mainīt paroli');
    expect(res.text).toContain('<dd data-field="role">Plānotājs</dd>');
    expect(res.text).not.toContain('data-field="city"');
  });
});

describe('changing the password', () => {
  it('when the current password is wrong, then 422 shows the message beside that field and nothing changes', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);

    const res = await agent
      .post('/account/password')
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: 'not my password',
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      })
      .expect(422);

    expect(res.text).toMatch(
      /<p class="field-error" id="currentPassword-error">The current password is not correct\.<\/p>/,
    );
    expect(res.text).not.toContain(NEW_PASSWORD);
    expect(res.text).not.toContain('not my password');
    expect(await ctx.services.users.verifyCredentials(user.email, TEST_PASSWORD)).toBeDefined();
    expect(await auditOf('auth.password-changed', user.email)).toHaveLength(0);
    await agent.get('/account').expect(200);
  });

  it('when the new password is too short or not repeated exactly, then 422 names each problem', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);

    const short = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' })
      .expect(422);
    const mismatch = await agent
      .post('/account/password')
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: `${NEW_PASSWORD}!`,
      })
      .expect(422);

    expect(short.text).toMatch(/id="newPassword-error">The password must be at least 10 characters long\./);
    expect(mismatch.text).toMatch(/id="confirmPassword-error">The two new passwords do not match\./);
    expect(await ctx.services.users.verifyCredentials(user.email, TEST_PASSWORD)).toBeDefined();
  });

  it('when the password is changed, then this session stays signed in, other sessions are signed out, and it is audited', async () => {
    const user = await createUser(ctx);
    const other = await signedInAgent(ctx.app, user);
    const { agent, csrf } = await signedInAgent(ctx.app, user);
    await other.agent.get('/account').expect(200);

    const res = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(303);

    expect(res.headers.location).toBe('/account?notice=password-changed');
    const kept = await agent.get(res.headers.location as string).expect(200);
    expect(kept.text).toContain('Your password has been changed.');
    const signedOut = await other.agent.get('/account').expect(303);
    expect(signedOut.headers.location).toBe('/sign-in?next=%2Faccount');
    await other.agent.get('/api/me').expect(401);
    expect(await ctx.services.users.verifyCredentials(user.email, TEST_PASSWORD)).toBeUndefined();
    expect(await ctx.services.users.verifyCredentials(user.email, NEW_PASSWORD)).toMatchObject({ id: user.id });
    const [event] = await auditOf('auth.password-changed', user.email);
    expect(event).toMatchObject({ targetType: 'user', targetId: user.id });
    expect(event?.ip).toBeTruthy();
  });

  it('when the current password is guessed too often, then further attempts are refused with 429', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);
    const attempt = () =>
      agent
        .post('/account/password')
        .type('form')
        .send({
          _csrf: csrf,
          currentPassword: 'guess guess',
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        });
    for (let i = 0; i < 10; i += 1) await attempt().expect(422);

    await attempt().expect(429);
    const right = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrf, currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })
      .expect(429);

    expect(right.text).toContain('Too many attempts');
    expect(await ctx.services.users.verifyCredentials(user.email, TEST_PASSWORD)).toBeDefined();
  });
});

describe('personal API tokens', () => {
  it('when a token is created, then its secret is shown once, uncached, and only its hash is stored', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);

    const res = await agent
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: csrf, name: 'Statistics export' })
      .expect(201);

    expect(res.headers['cache-control']).toBe('no-store');
    const secret = /data-secret>(dkb_[A-Za-z0-9_-]+)</.exec(res.text)?.[1] ?? '';
    expect(secret).toHaveLength(4 + 43);
    expect(res.text).toContain('The token “Statistics export” has been created.');
    const stored = await ctx.db.collection('apitokens').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored.find((doc) => doc.name === 'Statistics export')).toMatchObject({
      tokenHash: hashToken(secret),
      prefix: secret.slice(0, 10),
    });
    const later = await agent.get('/account').expect(200);
    expect(later.text).not.toContain(secret);
    expect(later.text).toContain('Statistics export');
    expect(later.text).toContain(`<code>${secret.slice(0, 10)}…</code>`);
    expect(later.text).toContain('Never');
    const [event] = await auditOf('tokens.created', user.email);
    expect(event).toMatchObject({
      targetType: 'api-token',
      targetLabel: 'Statistics export',
      details: { prefix: secret.slice(0, 10) },
    });
  });

  it('when a token name is empty or longer than 80 characters, then 422 explains it, keeps the text and stores nothing', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);
    const long = 'x'.repeat(81);

    const empty = await agent.post('/account/tokens').type('form').send({ _csrf: csrf, name: '   ' }).expect(422);
    const tooLong = await agent.post('/account/tokens').type('form').send({ _csrf: csrf, name: long }).expect(422);

    expect(empty.text).toMatch(/id="name-error">Please fill in this field\./);
    expect(tooLong.text).toMatch(/id="name-error">This is too long\./);
    expect(tooLong.text).toContain(`value="${long}"`);
    expect(tooLong.text).not.toContain('data-secret');
    expect(await tokensOf(user.id)).toHaveLength(0);
  });

  it('when the form comes without its CSRF token, then it is refused with 403 and no token is stored', async () => {
    const user = await createUser(ctx);
    const { agent } = await signedInAgent(ctx.app, user);

    const res = await agent.post('/account/tokens').type('form').send({ name: 'Forged' }).expect(403);

    expect(res.text).toContain('This form has expired or did not come from this site.');
    expect(await tokensOf(user.id)).toHaveLength(0);
  });

  it('when a token is revoked, then the list says so, the revoke is audited and the token stops working', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);
    const { token, secret } = await ctx.services.tokens.create(user.id, 'Old script');

    const res = await agent.post(`/account/tokens/${token.id}/revoke`).type('form').send({ _csrf: csrf }).expect(303);

    expect(res.headers.location).toBe('/account?notice=token-revoked');
    const page = await agent.get(res.headers.location as string).expect(200);
    expect(page.text).toContain('The token has been revoked');
    expect(page.text).toMatch(new RegExp(`id="token-${token.id}">[\\s\\S]*?Revoked \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d UTC`));
    expect(page.text).not.toContain(`action="/account/tokens/${token.id}/revoke"`);
    const [stored] = await tokensOf(user.id);
    expect(stored?.revokedAt).toBeInstanceOf(Date);
    expect(await auditOf('tokens.revoked', user.email)).toEqual([expect.objectContaining({ targetId: token.id })]);
    await request(ctx.app).get('/api/me').set('Authorization', `Bearer ${secret}`).expect(401);
  });

  it('when someone revokes a token that is not theirs, already revoked, or not an id, then the answer is 404', async () => {
    const owner = await createUser(ctx);
    const { token } = await ctx.services.tokens.create(owner.id, 'Owner token');
    const stranger = await createUser(ctx, { role: 'admin' });
    const { agent, csrf } = await signedInAgent(ctx.app, stranger);
    const own = await ctx.services.tokens.create(stranger.id, 'Mine');
    await ctx.services.tokens.revoke(stranger.id, own.token.id);

    await agent.post(`/account/tokens/${token.id}/revoke`).type('form').send({ _csrf: csrf }).expect(404);
    await agent.post(`/account/tokens/${own.token.id}/revoke`).type('form').send({ _csrf: csrf }).expect(404);
    await agent.post('/account/tokens/not-an-id/revoke').type('form').send({ _csrf: csrf }).expect(404);
    await agent.post('/account/tokens/%7B%22%24ne%22%3A1%7D/revoke').type('form').send({ _csrf: csrf }).expect(404);

    expect((await tokensOf(owner.id))[0]?.revokedAt).toBeUndefined();
    expect(await auditOf('tokens.revoked', stranger.email)).toHaveLength(0);
  });

  it('when a visitor posts to the account forms, then nothing happens', async () => {
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent);

    await agent.post('/account/tokens').type('form').send({ _csrf: csrf, name: 'Anonymous' }).expect(401);

    expect(await ctx.db.collection('apitokens').countDocuments({ name: 'Anonymous' })).toBe(0);
  });
});
