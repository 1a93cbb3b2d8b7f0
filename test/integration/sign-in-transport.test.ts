import request from 'supertest';
import { createUser, csrfFrom, TEST_PASSWORD } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

// In production the session cookie is Secure: sign-in only works on requests the app knows are HTTPS. These tests
// play the two ways a deployment gets that wrong (plain http; a TLS proxy the app does not trust) and the right one.

const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), BASE_URL: 'https://kb.example.org' };

const cookieOf = (res: request.Response) => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');

describe('signing in in production', () => {
  let direct: TestContext;
  let proxied: TestContext;

  beforeAll(async () => {
    direct = await createTestContext(production);
    proxied = await createTestContext({ ...production, TRUST_PROXY: '1' });
  });

  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('when the sign-in page is opened over plain http, then it says why signing in cannot work and shows no form', async () => {
    const res = await request(direct.app).get('/sign-in').expect(200);

    expect(res.text).toContain('data-insecure="plain_http"');
    expect(res.text).toContain('this page arrived over plain HTTP. Open the site through its https:// address.');
    expect(res.text).toContain('<a href="https://kb.example.org/sign-in">Open the secure sign-in page</a>');
    expect(res.text).not.toContain('action="/sign-in"');
    // The page must render whole: no directive sending its stylesheet to an https that is not there.
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('when a proxy says https but TRUST_PROXY does not cover it, then the page names TRUST_PROXY', async () => {
    const res = await request(direct.app).get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);

    expect(res.text).toContain('data-insecure="proxy_not_trusted"');
    expect(res.text).toContain('because TRUST_PROXY does not cover it');
  });

  it('when the form is posted over plain http anyway, then the answer explains the connection and nobody is signed in', async () => {
    const user = await createUser(direct, { role: 'planner' });

    const res = await request(direct.app)
      .post('/sign-in')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: 'whatever' })
      .expect(403);

    expect(res.text).toContain('data-insecure="plain_http"');
    expect(res.text).not.toContain('This form has expired');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when a trusted proxy forwards https, then the form is shown, the policy upgrades requests and sign-in sets a Secure cookie', async () => {
    const user = await createUser(proxied, { role: 'planner' });
    const page = await request(proxied.app).get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);

    expect(page.text).not.toContain('data-insecure');
    expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const res = await request(proxied.app)
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookieOf(page))
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) })
      .expect(303);

    expect(res.headers['set-cookie']?.[0]).toMatch(/^dkb\.sid=.*; Secure/);
  });
});
