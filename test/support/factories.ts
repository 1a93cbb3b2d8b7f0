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
