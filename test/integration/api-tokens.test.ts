import request from 'supertest';
import { createTestContext, type TestContext } from '../support/test-context';
import { createUser, signedInAgent } from '../support/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

describe('GET /api/me', () => {
  it('when a bearer token is sent without any cookie, then the owner is returned and the use is recorded', async () => {
    const user = await createUser(ctx, { role: 'partner', city: 'oradea', name: 'Ioana' });
    const { token, secret } = await ctx.services.tokens.create(user.id, 'Script');

    const res = await request(ctx.app).get('/api/me').set(bearer(secret)).expect(200);

    expect(res.body).toEqual({ id: user.id, name: 'Ioana', email: user.email, role: 'partner', city: 'oradea' });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const [listed] = await ctx.services.tokens.listFor(user.id);
    expect(listed).toMatchObject({ id: token.id });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('when a session cookie is used, then the same shape comes back, with city null for non-partners', async () => {
    const user = await createUser(ctx, { role: 'coordinator', name: 'Coordinator' });
    const { agent } = await signedInAgent(ctx.app, user);

    const res = await agent.get('/api/me').expect(200);

    expect(res.body).toEqual({ id: user.id, name: 'Coordinator', email: user.email, role: 'coordinator', city: null });
  });

  it('when nobody is signed in, then the answer is a 401 JSON error', async () => {
    const res = await request(ctx.app).get('/api/me').expect(401);

    expect(res.body).toEqual({ error: { code: 'unauthorized', message: 'Please sign in to continue.' } });
  });

  it('when the token is unknown or malformed, then the answer is 401 invalid token', async () => {
    const unknown = await request(ctx.app).get('/api/me').set(bearer('dkb_thisTokenWasNeverIssued')).expect(401);
    const malformed = await request(ctx.app).get('/api/me').set(bearer('not-even-a-token')).expect(401);

    expect(unknown.body.error).toEqual({
      code: 'unauthorized',
      message: 'The API token is not valid or has been revoked.',
    });
    expect(malformed.body.error.code).toBe('unauthorized');
  });

  it('when the token has been revoked, then it no longer authenticates', async () => {
    const user = await createUser(ctx);
    const { token, secret } = await ctx.services.tokens.create(user.id, 'Revoked');
    await request(ctx.app).get('/api/me').set(bearer(secret)).expect(200);

    await ctx.services.tokens.revoke(user.id, token.id);
    const res = await request(ctx.app).get('/api/me').set(bearer(secret)).expect(401);

    expect(res.body.error.message).toBe('The API token is not valid or has been revoked.');
  });

  it('when the owner of a token is deactivated, then the token no longer authenticates', async () => {
    const user = await createUser(ctx);
    const { secret } = await ctx.services.tokens.create(user.id, 'Deactivated owner');
    await ctx.services.users.setActive(user.id, false);

    const res = await request(ctx.app).get('/api/me').set(bearer(secret)).expect(401);

    expect(res.body.error.code).toBe('unauthorized');
  });

  it('when a bearer token is sent to an HTML page, then it is ignored there: tokens only open the API', async () => {
    const user = await createUser(ctx);
    const { secret } = await ctx.services.tokens.create(user.id, 'Not for pages');

    const res = await request(ctx.app).get('/account').set(bearer(secret)).expect(303);

    expect(res.headers.location).toBe('/sign-in?next=%2Faccount');
  });
});

describe('CSRF on the API', () => {
  it('when a bearer-token caller posts without a CSRF token, then CSRF does not apply (the request reaches routing)', async () => {
    const user = await createUser(ctx);
    const { secret } = await ctx.services.tokens.create(user.id, 'Poster');

    const res = await request(ctx.app).post('/api/me').set(bearer(secret)).send({}).expect(404);

    expect(res.body.error.code).toBe('not_found');
  });

  it('when a session-authenticated caller posts to /api without x-csrf-token, then 403 csrf_invalid', async () => {
    const user = await createUser(ctx);
    const { agent, csrf } = await signedInAgent(ctx.app, user);

    const refused = await agent.post('/api/me').send({}).expect(403);
    const accepted = await agent.post('/api/me').set('x-csrf-token', csrf).send({}).expect(404);

    expect(refused.body.error.code).toBe('csrf_invalid');
    expect(accepted.body.error.code).toBe('not_found');
  });
});

describe('how tokens are stored', () => {
  it('when tokens are created, then no secret appears anywhere in the apitokens collection', async () => {
    const user = await createUser(ctx);
    const secrets = await Promise.all(
      ['one', 'two', 'three'].map(async (name) => (await ctx.services.tokens.create(user.id, name)).secret),
    );

    const stored = JSON.stringify(
      await ctx.db
        .collection('apitokens')
        .find({ userId: { $exists: true } })
        .toArray(),
    );

    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice(10));
    }
  });
});
