import pino from 'pino';
import request from 'supertest';
import createApp, { createServices } from '../../server/app';
import { hashToken } from '../../server/features/tokens/tokens.service';
import type { User } from '../../server/features/users/users.service';
import { acceptInvitation, createUser, csrfFor, invitationSecret, signedInAgent } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let admin: User;

const NEW_PASSWORD = 'a long new password';

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createUser(ctx, { role: 'admin' });
});

afterAll(async () => {
  await ctx.close();
});

beforeEach(async () => {
  // Every test starts with fresh rate-limit counters, so limits are only met where a test means to.
  await ctx.db.collection('rate_limits').deleteMany({});
});

describe('accepting', () => {
  it('when an invitation is accepted, then the account exists with the invited role and city and can sign in', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'lodz.partner@example.test',
      name: 'Łucja',
      role: 'partner',
      city: 'lodz',
    });
    const page = await request(ctx.app).get(`/invitations/${secret}`).expect(200);
    expect(page.text).toContain('lodz.partner@example.test');
    expect(page.text).toContain('value="Łucja"');

    const res = await acceptInvitation(ctx.app, secret, {
      name: 'Łucja Kowalska',
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
    });

    expect(res.status).toBe(200);
    expect(res.text).toContain('The account for lodz.partner@example.test has been created.');
    const user = await ctx.services.users.findByEmail('lodz.partner@example.test');
    expect(user).toMatchObject({ name: 'Łucja Kowalska', role: 'partner', city: 'lodz', active: true });
    await signedInAgent(ctx.app, { email: 'lodz.partner@example.test' }, NEW_PASSWORD);
    const audit = await ctx.db
      .collection('auditevents')
      .findOne({ action: 'users.invitation-accepted', targetId: user?.id });
    expect(audit).toMatchObject({
      actorEmail: 'lodz.partner@example.test',
      details: { role: 'partner', invitedBy: admin.id },
    });
  });

  it('when a used link is opened or sent again, then it is refused with one clear message and nothing changes', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'twice@example.test',
      name: 'Twice',
      role: 'planner',
    });
    // A second tab with the form already open, sent after the first one.
    const secondTab = request.agent(ctx.app);
    const csrf = await csrfFor(secondTab, `/invitations/${secret}`);
    expect(
      (
        await acceptInvitation(ctx.app, secret, {
          name: 'Twice',
          password: NEW_PASSWORD,
          password_confirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(200);

    const opened = await request(ctx.app).get(`/invitations/${secret}`).expect(404);
    const again = await secondTab.post(`/invitations/${secret}`).type('form').send({
      name: 'Twice Again',
      password: 'another password 2',
      password_confirm: 'another password 2',
      _csrf: csrf,
    });

    expect(opened.text).toContain(
      'This link is not valid: it has expired, has already been used, or a newer link has replaced it.',
    );
    expect(again.status).toBe(404);
    expect((await ctx.services.users.findByEmail('twice@example.test'))?.name).toBe('Twice');
  });

  it('when the same link is sent from two places at once, then exactly one account is created', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'race@example.test',
      name: 'Race',
      role: 'planner',
    });
    const tabs = [request.agent(ctx.app), request.agent(ctx.app)];
    const tokens = await Promise.all(tabs.map((tab) => csrfFor(tab, `/invitations/${secret}`)));

    const answers = await Promise.all(
      tabs.map((tab, i) =>
        tab
          .post(`/invitations/${secret}`)
          .type('form')
          .send({ name: `Race ${i}`, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD, _csrf: tokens[i] }),
      ),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
    expect(await ctx.db.collection('users').countDocuments({ email: 'race@example.test' })).toBe(1);
  });

  it('when the invitation has expired, then the link is refused and no account is created', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'late@example.test',
      name: 'Late',
      role: 'planner',
    });
    const agent = request.agent(ctx.app);
    const csrf = await csrfFor(agent, `/invitations/${secret}`);
    await ctx.db
      .collection('account_tokens')
      .updateOne({ tokenHash: hashToken(secret) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });

    await agent.get(`/invitations/${secret}`).expect(404);
    const res = await agent
      .post(`/invitations/${secret}`)
      .type('form')
      .send({ name: 'Late', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD, _csrf: csrf });

    expect(res.status).toBe(404);
    expect(res.text).toContain('This link is not valid');
    expect(await ctx.services.users.findByEmail('late@example.test')).toBeUndefined();
  });

  it('when the same address is invited again, then only the newest link works', async () => {
    const first = await invitationSecret(ctx.app, admin, {
      email: 'again@example.test',
      name: 'Again',
      role: 'planner',
    });
    const second = await invitationSecret(ctx.app, admin, {
      email: 'again@example.test',
      name: 'Again',
      role: 'partner',
      city: 'vejle',
    });

    await request(ctx.app).get(`/invitations/${first}`).expect(404);
    expect(
      (
        await acceptInvitation(ctx.app, second, {
          name: 'Again',
          password: NEW_PASSWORD,
          password_confirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(200);

    expect(await ctx.services.users.findByEmail('again@example.test')).toMatchObject({
      role: 'partner',
      city: 'vejle',
    });
  });

  it('when the passwords are too short or differ, then the form comes back with the messages and the link still works', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'typo@example.test',
      name: 'Typo',
      role: 'planner',
    });

    const short = await acceptInvitation(ctx.app, secret, {
      name: 'Typo',
      password: 'short',
      password_confirm: 'short',
    });
    const differ = await acceptInvitation(ctx.app, secret, {
      name: 'Typo',
      password: NEW_PASSWORD,
      password_confirm: `${NEW_PASSWORD}!`,
    });

    expect(short.status).toBe(422);
    expect(short.text).toMatch(/id="password-error">The password must be at least 10 characters long\./);
    expect(short.text).not.toContain('value="short"');
    expect(differ.status).toBe(422);
    expect(differ.text).toMatch(/id="password_confirm-error">The two passwords are not the same\./);
    expect(
      (
        await acceptInvitation(ctx.app, secret, {
          name: 'Typo',
          password: NEW_PASSWORD,
          password_confirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('when the accept form is sent without its CSRF token, then the answer is 403 and the link is still unused', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'forged@example.test',
      name: 'Forged',
      role: 'planner',
    });

    await request(ctx.app)
      .post(`/invitations/${secret}`)
      .type('form')
      .send({ name: 'X', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })
      .expect(403);

    expect(
      (await ctx.db.collection('account_tokens').findOne({ tokenHash: hashToken(secret) }))?.usedAt,
    ).toBeUndefined();
    expect(await ctx.services.users.findByEmail('forged@example.test')).toBeUndefined();
  });

  it('when an invitation page is served, then it sends no referrer, is not cached, and speaks Latvian on request', async () => {
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'latvian@example.test',
      name: 'Līga',
      role: 'planner',
    });

    const res = await request(ctx.app).get(`/invitations/${secret}`).set('Accept-Language', 'lv').expect(200);

    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Izveidojiet savu kontu');
    expect(res.text).toContain('Plānotājs');
  });

  it('when an invitation link is requested, then the request log shows the path without the secret', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const deps = { ...ctx.deps, logger };
    const app = createApp(deps, createServices(deps));
    const secret = await invitationSecret(ctx.app, admin, {
      email: 'logged@example.test',
      name: 'Logged',
      role: 'planner',
    });

    await request(app).get(`/invitations/${secret}`).expect(200);
    await request(app).get(`/password/reset/${secret}`).expect(404);
    // pino-http writes its line when the response has finished, which may be just after the client has it.
    while (lines.filter((l) => l.includes('"url":"/password/reset/')).length === 0) await new Promise(setImmediate);

    const log = lines.join('\n');
    expect(log).toContain('"url":"/invitations/[redacted]"');
    expect(log).toContain('"url":"/password/reset/[redacted]"');
    expect(log).not.toContain(secret);
  });
});
