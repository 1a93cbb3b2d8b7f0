import request from 'supertest';
import type { Express } from 'express';
import createApp, { createServices, type Services } from '../../server/app';
import { hashToken } from '../../server/features/tokens/tokens.service';
import type { User } from '../../server/features/users/users.service';
import { createOutbox, createUser, csrfFor, signedInAgent, TEST_PASSWORD, type SentMail } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
// The same database served twice: as configured in the tests (no SMTP) and with a mail transport.
let mailApp: Express;
let mailServices: Services;
let outbox: SentMail[];
let admin: User;

const NEW_PASSWORD = 'a brand new passphrase';
const RESET_LINK = /https?:\/\/[^\s<"]+(\/password\/reset\/([A-Za-z0-9_-]{43}))/;

beforeAll(async () => {
  ctx = await createTestContext();
  const mail = createOutbox();
  outbox = mail.messages;
  const deps = { ...ctx.deps, mailTransport: mail.transport };
  mailServices = createServices(deps);
  mailApp = createApp(deps, mailServices);
  admin = await createUser(ctx, { role: 'admin' });
});

afterAll(async () => {
  await ctx.close();
});

beforeEach(async () => {
  await ctx.db.collection('rate_limits').deleteMany({});
  outbox.length = 0;
});

async function requestReset(app: Express, email: string) {
  const agent = request.agent(app);
  const csrf = await csrfFor(agent, '/password/forgot');
  return agent.post('/password/forgot').type('form').send({ email, _csrf: csrf });
}

/** Asks for a reset through the mail-enabled app and returns the path of the link in the message. */
async function resetPathFor(email: string): Promise<string> {
  expect((await requestReset(mailApp, email)).status).toBe(200);
  await mailServices.mailer.drain();
  const mail = outbox.findLast((m) => m.to.includes(email));
  const path = RESET_LINK.exec(mail?.text ?? '')?.[1];
  if (!path) throw new Error(`No reset link was mailed to ${email}`);
  return path;
}

async function setNewPassword(path: string, password: string, app = mailApp) {
  const agent = request.agent(app);
  const csrf = await csrfFor(agent, path);
  return agent.post(path).type('form').send({ password, password_confirm: password, _csrf: csrf });
}

describe('asking for a reset', () => {
  it('when the reset is asked for on a German page, then the mail is in German first and English after, with the link in both', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const agent = request.agent(mailApp);
    const csrf = await csrfFor(agent, '/password/forgot');

    await agent.post('/password/forgot').set('Accept-Language', 'de-DE').type('form').send({ email: user.email, _csrf: csrf }).expect(200);
    await mailServices.mailer.drain();

    const mail = outbox.findLast((m) => m.to.includes(user.email));
    expect(mail?.subject).toBe('DeCoDe-Wissensdatenbank: Passwort zurücksetzen / DeCoDe Knowledge Base: reset your password');
    const [german = '', english = ''] = (mail?.text ?? '').split('\n\n—\n\n');
    expect(german).toContain('Um ein neues Passwort zu wählen, öffnen Sie diesen Link innerhalb einer Stunde:');
    expect(english).toContain('To choose a new password, open this link within one hour:');
    expect(RESET_LINK.exec(german)?.[1]).toBe(RESET_LINK.exec(english)?.[1]);
  });

  it('when a reset is asked for an existing and for an unknown address, then both answers are the same and only the account gets mail', async () => {
    const user = await createUser(ctx, { role: 'planner' });

    const known = await requestReset(mailApp, user.email);
    const unknown = await requestReset(mailApp, 'nobody-here@example.test');
    await mailServices.mailer.drain();

    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
    expect(known.text).toContain(
      'If this address belongs to an account, a link to choose a new password is on its way.',
    );
    expect(outbox.map((m) => m.to)).toEqual([[user.email]]);
    expect(await ctx.db.collection('account_tokens').countDocuments({ email: 'nobody-here@example.test' })).toBe(0);
    const audits = await ctx.db.collection('auditevents').find({ action: 'auth.password-reset-requested' }).toArray();
    expect(audits.map((a) => a.details)).toEqual(
      expect.arrayContaining([
        { email: user.email, matched: true, mailed: true },
        { email: 'nobody-here@example.test', matched: false, mailed: false },
      ]),
    );
  });

  it('when the mail is read, then it carries a one-hour link to this site', async () => {
    const user = await createUser(ctx, { role: 'partner', city: 'oradea' });

    const path = await resetPathFor(user.email);

    const [mail] = outbox;
    expect(mail).toMatchObject({ to: [user.email], from: 'no-reply@localhost' });
    expect(mail?.subject).toContain('reset your password');
    expect(mail?.text).toContain(`${ctx.config.baseUrl}${path}`);
    const stored = await ctx.db.collection('account_tokens').findOne({ kind: 'password-reset', email: user.email });
    expect(stored?.tokenHash).toBe(hashToken(path.split('/').pop() ?? ''));
    const minutes = ((stored?.expiresAt as Date).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);
  });

  it('when the account is deactivated, then the answer is the same but no link is made', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    await ctx.services.users.setActive(user.id, false);

    const res = await requestReset(mailApp, user.email);
    await mailServices.mailer.drain();

    expect(res.status).toBe(200);
    expect(outbox).toHaveLength(0);
    expect(await ctx.db.collection('account_tokens').countDocuments({ email: user.email })).toBe(0);
  });

  it('when the site cannot send mail, then the request is only recorded and the page says an administrator gives out links', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const form = await request(ctx.app).get('/password/forgot').expect(200);
    expect(form.text).toContain('an administrator gives out password-reset links');

    const known = await requestReset(ctx.app, user.email);
    const unknown = await requestReset(ctx.app, 'also-nobody@example.test');

    expect(known.status).toBe(200);
    expect(unknown.text).toBe(known.text);
    expect(known.text).toContain('Please contact your administrator');
    expect(await ctx.db.collection('account_tokens').countDocuments({ email: user.email })).toBe(0);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'auth.password-reset-requested', targetId: user.id }),
    ).toMatchObject({
      details: { matched: true, mailed: false },
    });
  });

  it('when the address is not an e-mail address, then the form says so beside the field', async () => {
    const res = await requestReset(mailApp, 'not-an-address');

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="email-error">Please enter a valid e-mail address\./);
  });
});

describe('resetting', () => {
  it('when a new password is set through the link, then the old password stops working and an open session is signed out', async () => {
    const user = await createUser(ctx, { role: 'coordinator', name: 'Cora Coordinator' });
    const { agent: oldSession } = await signedInAgent(ctx.app, user);
    expect((await oldSession.get('/').expect(200)).text).toContain('Cora Coordinator');
    const path = await resetPathFor(user.email);

    const page = await request(mailApp).get(path).expect(200);
    const res = await setNewPassword(path, NEW_PASSWORD);

    expect(page.text).toContain(user.email);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Your password has been changed');
    const home = await oldSession.get('/').expect(200);
    expect(home.text).not.toContain('Cora Coordinator');
    expect(home.text).toContain('href="/sign-in"');
    await expect(signedInAgent(ctx.app, user, TEST_PASSWORD)).rejects.toThrow('Sign-in failed with 401');
    await signedInAgent(ctx.app, user, NEW_PASSWORD);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'auth.password-reset', targetId: user.id }),
    ).toMatchObject({
      actorEmail: user.email,
    });
  });

  it('when a reset link is used a second time, then it is refused and the password stays', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const path = await resetPathFor(user.email);
    expect((await setNewPassword(path, NEW_PASSWORD)).status).toBe(200);

    const opened = await request(mailApp).get(path).expect(404);

    expect(opened.text).toContain('This link is not valid');
    expect(opened.text).toContain('href="/password/forgot"');
    await signedInAgent(ctx.app, user, NEW_PASSWORD);
  });

  it('when the reset link has expired, then it is refused and the password stays', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const path = await resetPathFor(user.email);
    const agent = request.agent(mailApp);
    const csrf = await csrfFor(agent, path);
    await ctx.db
      .collection('account_tokens')
      .updateOne(
        { tokenHash: hashToken(path.split('/').pop() ?? '') },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );

    const res = await agent
      .post(path)
      .type('form')
      .send({ password: NEW_PASSWORD, password_confirm: NEW_PASSWORD, _csrf: csrf });

    expect(res.status).toBe(404);
    expect(res.text).toContain('This link is not valid');
    await signedInAgent(ctx.app, user, TEST_PASSWORD);
  });

  it('when a newer reset is asked for, then the older link stops working', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const older = await resetPathFor(user.email);
    const newer = await resetPathFor(user.email);

    await request(mailApp).get(older).expect(404);
    expect((await setNewPassword(newer, NEW_PASSWORD)).status).toBe(200);
  });

  it('when the new password is too short, then the form says so and the link still works', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const path = await resetPathFor(user.email);

    const short = await setNewPassword(path, 'tiny');

    expect(short.status).toBe(422);
    expect(short.text).toMatch(/id="password-error">The password must be at least 10 characters long\./);
    expect((await setNewPassword(path, NEW_PASSWORD)).status).toBe(200);
  });

  it('when an administrator makes a reset link, then it works without mail and replaces earlier ones', async () => {
    const user = await createUser(ctx, { role: 'partner', city: 'palermo' });
    const mailed = await resetPathFor(user.email);

    const { link } = await ctx.services.invitations.createResetLinkFor(user.id, admin);

    await request(ctx.app).get(mailed).expect(404);
    const path = new URL(link).pathname;
    expect((await setNewPassword(path, NEW_PASSWORD, ctx.app)).status).toBe(200);
    await signedInAgent(ctx.app, user, NEW_PASSWORD);
    expect(
      await ctx.db
        .collection('auditevents')
        .findOne({ action: 'auth.password-reset-requested', actorEmail: admin.email }),
    ).toMatchObject({
      targetId: user.id,
      details: { via: 'admin' },
    });
  });

  it('when a reset page is served, then it sends no referrer and is not cached', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const path = await resetPathFor(user.email);

    const res = await request(mailApp).get(path).expect(200);

    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('protection', () => {
  it('when one address is asked for more than 5 times in an hour, then the 6th answer is the generic 429', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    for (let i = 0; i < 5; i += 1) expect((await requestReset(ctx.app, user.email)).status).toBe(200);

    const res = await requestReset(ctx.app, user.email.toUpperCase());

    expect(res.status).toBe(429);
    expect(res.text).toContain('Too many attempts. Please wait a while and try again.');
  });

  it('when one client asks more than 20 times in 15 minutes, then the next answer is 429 whatever the address', async () => {
    for (let i = 0; i < 20; i += 1) expect((await requestReset(ctx.app, `someone${i}@example.test`)).status).toBe(200);

    const res = await requestReset(ctx.app, 'someone-else@example.test');

    expect(res.status).toBe(429);
  });

  it('when the forms are sent without their CSRF token, then the answer is 403 and nothing happens', async () => {
    const user = await createUser(ctx, { role: 'planner' });
    const path = await resetPathFor(user.email);

    await request(mailApp).post('/password/forgot').type('form').send({ email: user.email }).expect(403);
    await request(mailApp)
      .post(path)
      .type('form')
      .send({ password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })
      .expect(403);

    expect(await ctx.db.collection('account_tokens').countDocuments({ email: user.email })).toBe(1);
    await signedInAgent(ctx.app, user, TEST_PASSWORD);
  });
});
