import nodemailer, { type Transport, type Transporter } from 'nodemailer';
import JSONTransport from 'nodemailer/lib/json-transport';
import request from 'supertest';
import type { Express } from 'express';
import type { Role } from '../../server/lib/policy';
import type { User } from '../../server/features/users/users.service';
import type { TestContext } from './test-context';

export const TEST_PASSWORD = 'correct horse battery';

let counter = 0;

export async function createUser(
  ctx: TestContext,
  overrides: { role?: Role; city?: string; email?: string; name?: string; password?: string } = {},
): Promise<User> {
  counter += 1;
  const role = overrides.role ?? 'planner';
  return ctx.services.users.create({
    name: overrides.name ?? `Test ${role} ${counter}`,
    email: overrides.email ?? `${role}${counter}@example.test`,
    role,
    city: overrides.city ?? (role === 'partner' ? 'daugavpils' : undefined),
    password: overrides.password ?? TEST_PASSWORD,
  });
}

/** The CSRF token from the hidden _csrf field of a page's form. */
export function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('No _csrf field on the page');
  return token;
}

/** Fetches a page with the agent and returns its CSRF token (creating the session if needed). */
export async function csrfFor(agent: request.Agent, path = '/sign-in'): Promise<string> {
  const res = await agent.get(path);
  return csrfFrom(res.text);
}

/** A signed-in browser-like agent (cookies kept), with the CSRF token of its session. */
export async function signedInAgent(app: Express, user: { email: string }, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  // The token must be fetched first: an agent attaches its cookies when a request is created.
  const token = await csrfFor(agent);
  const res = await agent.post('/sign-in').type('form').send({ email: user.email, password, _csrf: token });
  if (res.status !== 303) throw new Error(`Sign-in failed with ${res.status}: ${res.text.slice(0, 500)}`);
  const csrf = await csrfFor(agent, '/');
  return { agent, csrf };
}

export type SentMail = { from: string; to: string[]; subject: string; text: string };

/**
 * A nodemailer transporter that hands every message to nodemailer's own jsonTransport and keeps the
 * result: pass `transport` as AppDeps.mailTransport and read `messages` (after `services.mailer.drain()`).
 */
export function createOutbox(): { transport: Transporter; messages: SentMail[] } {
  const messages: SentMail[] = [];
  const json = new JSONTransport({});
  const recorder: Transport<JSONTransport.SentMessageInfo> = {
    name: 'test-outbox',
    version: '1',
    send(mail, callback) {
      json.send(mail, (err, info) => {
        if (!err && info) {
          const sent = JSON.parse(info.message) as {
            from: { address: string };
            to: { address: string }[];
            subject: string;
            text: string;
          };
          messages.push({
            from: sent.from.address,
            to: sent.to.map((t) => t.address),
            subject: sent.subject,
            text: sent.text,
          });
        }
        callback(err, info);
      });
    },
  };
  return { transport: nodemailer.createTransport(recorder), messages };
}

/** The absolute invitation link on a page or in a mail; group 1 is the secret. */
export const INVITATION_LINK = /https?:\/\/[^\s<"]+\/invitations\/([A-Za-z0-9_-]{43})/;

/** Sends the invite form as `inviter` (signed in afresh) and returns the response. */
export async function sendInvitation(app: Express, inviter: { email: string }, form: Record<string, string>) {
  const { agent, csrf } = await signedInAgent(app, inviter);
  return agent
    .post('/admin/users/invite')
    .type('form')
    .send({ ...form, _csrf: csrf });
}

/** Invites (without mail configured) and returns the secret shown on the result page. */
export async function invitationSecret(app: Express, inviter: { email: string }, form: Record<string, string>) {
  const res = await sendInvitation(app, inviter, form);
  const secret = INVITATION_LINK.exec(res.text)?.[1];
  if (res.status !== 200 || !secret) throw new Error(`Invitation failed with ${res.status}: ${res.text.slice(0, 500)}`);
  return secret;
}

/** Opens the invitation page in a fresh browser and sends its form. */
export async function acceptInvitation(app: Express, secret: string, form: Record<string, string>) {
  const agent = request.agent(app);
  const csrf = await csrfFor(agent, `/invitations/${secret}`);
  return agent
    .post(`/invitations/${secret}`)
    .type('form')
    .send({ ...form, _csrf: csrf });
}

// --- Practices ---------------------------------------------------------------------------------

/** `Authorization` header value for a fresh API token of the user. */
export async function bearerFor(ctx: TestContext, user: User): Promise<string> {
  const { secret } = await ctx.services.tokens.create(user.id, 'test');
  return `Bearer ${secret}`;
}

/** A practice body with every mandatory field filled in (Daugavpils unless overridden), ready to submit. */
export function completePracticeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Return-migration advisers in Latgale',
    summary: 'Regional advisers help emigrants plan their return: jobs, schools, housing and paperwork.',
    city: 'daugavpils',
    themes: ['return-migration-diaspora'],
    targetGroups: ['returning-emigrants', 'families-with-children'],
    period: { startYear: 2018, ongoing: true },
    budget: { amountEur: 45000, fundingSources: 'State re-emigration pilot project' },
    stakeholders: 'Latgale Planning Region; municipality; employers',
    description: 'An adviser answers **every** question a returning family has.',
    results: 'Families returned and stayed.',
    transferability: 'Needs one adviser per region.',
    lessons: 'Start with employers.',
    indicators: [{ name: 'Families returned', baseline: 0, value: 68, unit: 'families', year: 2019 }],
    sources: [{ title: 'Pilot project report', url: 'https://example.org/report' }],
    contact: { name: 'Inese Example', organisation: 'Daugavpils City Council', email: 'inese@example.lv' },
    language: 'lv',
    titleEn: 'Return advisers for families coming home',
    summaryEn: 'One adviser helps families who return from abroad.',
    event: '2018-05-daugavpils-kick-off',
    ...overrides,
  };
}

/** Creates a practice through the API as `auth` and returns its JSON. */
export async function createPracticeVia(app: Express, auth: string, body: Record<string, unknown>) {
  const res = await request(app).post('/api/practices').set('Authorization', auth).send(body);
  if (res.status !== 201) throw new Error(`Create failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; revision: number } & Record<string, unknown>;
}
