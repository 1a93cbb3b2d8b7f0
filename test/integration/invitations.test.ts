import request from 'supertest';
import createApp, { createServices } from '../../server/app';
import { hashToken } from '../../server/features/tokens/tokens.service';
import type { User } from '../../server/features/users/users.service';
import {
  acceptInvitation,
  createOutbox,
  createUser,
  INVITATION_LINK,
  sendInvitation,
  signedInAgent,
} from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let admin: User;
let coordinator: User;
let planner: User;

const NEW_PASSWORD = 'a long new password';

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await createUser(ctx, { role: 'admin' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  planner = await createUser(ctx, { role: 'planner' });
});

afterAll(async () => {
  await ctx.close();
});

describe('inviting', () => {
  it('when an admin opens the invite page, then every role can be chosen', async () => {
    const { agent } = await signedInAgent(ctx.app, admin);

    const res = await agent.get('/admin/users/invite').expect(200);

    for (const role of ['partner', 'planner', 'coordinator', 'admin'])
      expect(res.text).toContain(`<option value="${role}"`);
    expect(res.text).toContain('<option value="daugavpils"');
  });

  it('when an admin invites without mail configured, then the page shows a single-use link and only its hash is stored', async () => {
    const res = await sendInvitation(ctx.app, admin, {
      email: 'New.Coordinator@Example.test',
      name: 'Nora New',
      role: 'coordinator',
    });

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const secret = INVITATION_LINK.exec(res.text)?.[1] ?? '';
    expect(res.text).toContain(`${ctx.config.baseUrl}/invitations/${secret}`);
    const stored = await ctx.db.collection('account_tokens').findOne({ email: 'new.coordinator@example.test' });
    expect(stored).toMatchObject({
      kind: 'invitation',
      role: 'coordinator',
      name: 'Nora New',
      tokenHash: hashToken(secret),
    });
    expect(JSON.stringify(stored)).not.toContain(secret);
    const days = ((stored?.expiresAt as Date).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const audit = await ctx.db
      .collection('auditevents')
      .findOne({ action: 'users.invited', targetLabel: 'new.coordinator@example.test' });
    expect(audit).toMatchObject({ actorEmail: admin.email, details: { role: 'coordinator', mailed: false } });
  });

  it('when a coordinator invites a partner or a planner, then it works, and the form offers only those roles', async () => {
    const { agent } = await signedInAgent(ctx.app, coordinator);
    const page = await agent.get('/admin/users/invite').expect(200);
    expect(page.text).toContain('<option value="planner"');
    expect(page.text).not.toContain('<option value="coordinator"');
    expect(page.text).not.toContain('<option value="admin"');

    const res = await sendInvitation(ctx.app, coordinator, {
      email: 'kaunas.partner@example.test',
      name: 'Kęstutis',
      role: 'partner',
      city: 'kaunas',
    });

    expect(res.status).toBe(200);
    expect(await ctx.db.collection('account_tokens').findOne({ email: 'kaunas.partner@example.test' })).toMatchObject({
      role: 'partner',
      city: 'kaunas',
    });
  });

  it.each(['coordinator', 'admin'])(
    'when a coordinator invites a %s, then the answer is 403 and nothing is stored',
    async (role) => {
      const res = await sendInvitation(ctx.app, coordinator, {
        email: `wanted.${role}@example.test`,
        name: 'Would Be',
        role,
      });

      expect(res.status).toBe(403);
      expect(await ctx.db.collection('account_tokens').countDocuments({ email: `wanted.${role}@example.test` })).toBe(
        0,
      );
    },
  );

  it('when a planner or a visitor asks for the invite page, then the planner gets 403 and the visitor is sent to sign in', async () => {
    const { agent } = await signedInAgent(ctx.app, planner);
    await agent.get('/admin/users/invite').expect(403);

    const visitor = await request(ctx.app).get('/admin/users/invite').expect(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Fadmin%2Fusers%2Finvite');
  });

  it('when the address already has an account, then the form comes back with the message beside the e-mail field', async () => {
    const res = await sendInvitation(ctx.app, admin, {
      email: planner.email.toUpperCase(),
      name: 'Someone',
      role: 'planner',
    });

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="email-error">A person with this e-mail address already has an account\./);
    expect(res.text).toContain('value="Someone"');
    expect(await ctx.db.collection('account_tokens').countDocuments({ email: planner.email })).toBe(0);
  });

  it.each([
    ['no city', ''],
    ['a city outside the network', 'atlantis'],
  ])(
    'when a partner is invited with %s, then the message is beside the city field and nothing is stored',
    async (_label, city) => {
      const res = await sendInvitation(ctx.app, admin, {
        email: 'cityless@example.test',
        name: 'Cityless Partner',
        role: 'partner',
        city,
      });

      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="city-error">Choose the partner&#39;s city from the network&#39;s cities\./);
      expect(res.text).toContain('value="cityless@example.test"');
      expect(await ctx.db.collection('account_tokens').countDocuments({ email: 'cityless@example.test' })).toBe(0);
    },
  );

  it('when the role is missing, then the form says so beside the role field', async () => {
    const res = await sendInvitation(ctx.app, admin, { email: 'norole@example.test', name: 'No Role' });

    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="role-error">Choose a role\./);
  });

  it('when the invite form is sent without its CSRF token, then the answer is 403 and nothing is stored', async () => {
    const { agent } = await signedInAgent(ctx.app, admin);

    await agent
      .post('/admin/users/invite')
      .type('form')
      .send({ email: 'nocsrf@example.test', name: 'No Csrf', role: 'planner' })
      .expect(403);

    expect(await ctx.db.collection('account_tokens').countDocuments({ email: 'nocsrf@example.test' })).toBe(0);
  });
});

describe('inviting with mail configured', () => {
  it('when a partner of Kaunas is invited from an English page, then the mail is in Lithuanian first and English after', async () => {
    const outbox = createOutbox();
    const deps = { ...ctx.deps, mailTransport: outbox.transport };
    const app = createApp(deps, createServices(deps));

    await sendInvitation(app, admin, { email: 'rasa@kaunas.example.test', name: 'Rasa', role: 'partner', city: 'kaunas' });

    const [mail] = outbox.messages;
    expect(mail?.subject).toBe('Kvietimas į DeCoDe žinių bazę / Invitation to the DeCoDe Knowledge Base');
    expect(mail?.text).toMatch(/^Sveiki, Rasa,\n/);
    expect(mail?.text).toContain('\n\n—\n\nHello Rasa,');
    expect(mail?.text).toContain(`${admin.name} kviečia jus į DeCoDe`);
  });

  it('when an admin invites, then the invitation is e-mailed with the link, the page does not show it, and the link works', async () => {
    const outbox = createOutbox();
    const deps = { ...ctx.deps, mailTransport: outbox.transport };
    const app = createApp(deps, createServices(deps));

    const res = await sendInvitation(app, admin, {
      email: 'mailed@example.test',
      name: 'Mailed Person',
      role: 'planner',
    });

    expect(res.status).toBe(200);
    expect(res.text).toContain('An invitation has been sent to mailed@example.test.');
    expect(res.text).not.toMatch(INVITATION_LINK);
    expect(outbox.messages).toHaveLength(1);
    const [mail] = outbox.messages;
    expect(mail).toMatchObject({ to: ['mailed@example.test'], from: 'no-reply@localhost' });
    expect(mail?.subject).toContain('Invitation to the DeCoDe Knowledge Base');
    expect(mail?.text).toContain('Hello Mailed Person,');
    const secret = INVITATION_LINK.exec(mail?.text ?? '')?.[1] ?? '';
    expect(mail?.text).toContain(`${ctx.config.baseUrl}/invitations/${secret}`);
    expect(
      (
        await acceptInvitation(app, secret, {
          name: 'Mailed Person',
          password: NEW_PASSWORD,
          password_confirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(200);
    expect(
      await ctx.db.collection('auditevents').findOne({ action: 'users.invited', targetLabel: 'mailed@example.test' }),
    ).toMatchObject({
      details: { mailed: true },
    });
  });
});
