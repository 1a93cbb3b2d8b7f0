import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, signedInAgent } from '../support/factories';
import { registeredRoutes } from '../../server/lib/openapi';
import { createTestContext, type TestContext } from '../support/test-context';
import { PRACTICE_ROUTES, practiceFixtures, type PracticeFixtures } from '../support/practice-matrix';
import {
  RECOMMENDATION_ROUTES,
  recommendationFixtures,
  type RecommendationFixtures,
} from '../support/recommendation-matrix';
import { PROPOSAL_ROUTES, proposalFixtures, type ProposalFixtures } from '../support/proposals-matrix';

/**
 * Every route for every kind of caller. "allow" means the policy let the request through (whatever
 * the handler then answered: 200, a redirect, a 404 for an unknown token, a 422 for an empty form);
 * "deny" means 401/403 or, for a visitor's page view, the redirect to sign-in. A route missing from
 * this table fails the suite, so a new route cannot ship without a decision about who may call it.
 */
export type Who = 'anonymous' | 'partnerOwn' | 'partnerOther' | 'planner' | 'coordinator' | 'admin';
export const WHO: readonly Who[] = ['anonymous', 'partnerOwn', 'partnerOther', 'planner', 'coordinator', 'admin'];
const ALL = WHO;
const MEMBERS: readonly Who[] = ['partnerOwn', 'partnerOther', 'planner', 'coordinator', 'admin'];
const CURATORS: readonly Who[] = ['coordinator', 'admin'];
const ADMIN: readonly Who[] = ['admin'];

export type Fixtures = {
  target: User;
  practices: PracticeFixtures;
  recommendations: RecommendationFixtures;
  proposals: ProposalFixtures;
};
export type Case = {
  allow: readonly Who[];
  path?: (fx: Fixtures, who: Who) => string;
  /** The request body; a function when it names fixtures. */
  body?: Record<string, unknown> | ((fx: Fixtures, who: Who) => Record<string, unknown>);
  /** Ends the caller's session (sign-out): run it on a session of its own so later cases keep theirs. */
  fresh?: boolean;
  /** A deleted record is hidden from those who may not act on it: for them 404 is the refusal. */
  hiddenWhenDenied?: boolean;
};

const ACCOUNT_ROUTES: Record<string, Case> = {
  'GET /healthz': { allow: ALL },
  'GET /readyz': { allow: ALL },
  'GET /': { allow: ALL },
  'GET /network': { allow: ALL },
  'GET /lang/:locale': { allow: ALL, path: () => '/lang/lv' },
  'GET /sign-in': { allow: ALL },
  'POST /sign-in': { allow: ALL, body: {} },
  'POST /sign-out': { allow: ALL, fresh: true },
  'GET /password/forgot': { allow: ALL },
  'POST /password/forgot': { allow: ALL, body: {} },
  'GET /password/reset/:token': { allow: ALL, path: () => '/password/reset/unknown-token' },
  'POST /password/reset/:token': { allow: ALL, path: () => '/password/reset/unknown-token', body: {} },
  'GET /invitations/:token': { allow: ALL, path: () => '/invitations/unknown-token' },
  'POST /invitations/:token': { allow: ALL, path: () => '/invitations/unknown-token', body: {} },
  'GET /account': { allow: MEMBERS },
  'POST /account/password': { allow: MEMBERS, body: {} },
  'POST /account/tokens': { allow: MEMBERS, body: {} },
  'POST /account/tokens/:id/revoke': { allow: MEMBERS, path: () => '/account/tokens/5f0000000000000000000000/revoke' },
  'GET /api/me': { allow: MEMBERS },
  // Everyone's own notifications: a made-up id is a 404 for members, never another person's.
  'GET /notifications': { allow: MEMBERS },
  'POST /notifications/read-all': { allow: MEMBERS },
  'GET /notifications/:id': { allow: MEMBERS, path: () => '/notifications/5f0000000000000000000000' },
  'GET /account/notifications': { allow: MEMBERS },
  'POST /account/notifications': { allow: MEMBERS, body: {} },
  'GET /api/notifications': { allow: MEMBERS },
  'POST /api/notifications/read-all': { allow: MEMBERS },
  'POST /api/notifications/:id/read': { allow: MEMBERS, path: () => '/api/notifications/5f0000000000000000000000/read' },
  'GET /admin/users': { allow: CURATORS },
  'GET /admin/users/invite': { allow: CURATORS },
  'POST /admin/users/invite': { allow: CURATORS, body: { role: 'planner' } },
  'POST /admin/users/:id/role': {
    allow: ADMIN,
    path: (fx) => `/admin/users/${fx.target.id}/role`,
    body: { role: 'planner' },
  },
  'POST /admin/users/:id/deactivate': { allow: ADMIN, path: (fx) => `/admin/users/${fx.target.id}/deactivate` },
  'POST /admin/users/:id/reactivate': { allow: ADMIN, path: (fx) => `/admin/users/${fx.target.id}/reactivate` },
  'POST /admin/users/:id/reset-link': { allow: ADMIN, path: (fx) => `/admin/users/${fx.target.id}/reset-link` },
  'GET /admin/audit': { allow: ADMIN },
};

// Bulk import is the curators' (policy: practice.import). An unknown import id answers 404 to those let through.
const UNKNOWN_IMPORT = '5f0000000000000000000000';
const IMPORT_ROUTES: Record<string, Case> = {
  'GET /imports': { allow: CURATORS },
  'POST /imports': { allow: CURATORS },
  'GET /imports/template.csv': { allow: CURATORS },
  'GET /imports/:id': { allow: CURATORS, path: () => `/imports/${UNKNOWN_IMPORT}` },
  'POST /imports/:id/start': { allow: CURATORS, path: () => `/imports/${UNKNOWN_IMPORT}/start`, body: { mode: 'accepted-only' } },
  'GET /api/imports': { allow: CURATORS },
  'POST /api/imports': { allow: CURATORS },
  'GET /api/imports/template.csv': { allow: CURATORS },
  'GET /api/imports/:id': { allow: CURATORS, path: () => `/api/imports/${UNKNOWN_IMPORT}` },
  'GET /api/imports/:id/rows': { allow: CURATORS, path: () => `/api/imports/${UNKNOWN_IMPORT}/rows` },
  'POST /api/imports/:id/start': { allow: CURATORS, path: () => `/api/imports/${UNKNOWN_IMPORT}/start`, body: { mode: 'accepted-only' } },
};

const MATRIX: Record<string, Case> = {
  ...ACCOUNT_ROUTES,
  ...PRACTICE_ROUTES,
  ...RECOMMENDATION_ROUTES,
  ...PROPOSAL_ROUTES,
  ...IMPORT_ROUTES,
};

let ctx: TestContext;
let fixtures: Fixtures;
type Caller = { agent: request.Agent; csrf: string };
const agents = new Map<Who, Caller>();
const users = new Map<Who, User>();

async function anonymousCaller(): Promise<Caller> {
  const agent = request.agent(ctx.app);
  return { agent, csrf: /name="_csrf" value="([^"]+)"/.exec((await agent.get('/sign-in')).text)?.[1] ?? '' };
}

async function freshCaller(who: Who): Promise<Caller> {
  const user = users.get(who);
  return user ? signedInAgent(ctx.app, user) : anonymousCaller();
}

beforeAll(async () => {
  ctx = await createTestContext();
  const people = {
    partnerOwn: await createUser(ctx, { role: 'partner', city: 'daugavpils' }),
    planner: await createUser(ctx, { role: 'planner' }),
    coordinator: await createUser(ctx, { role: 'coordinator' }),
    admin: await createUser(ctx, { role: 'admin' }),
  };
  // "partnerOther" is the same Daugavpils partner, acting on a Kaunas practice (see practice-matrix.ts).
  users.set('partnerOwn', people.partnerOwn);
  users.set('partnerOther', people.partnerOwn);
  users.set('planner', people.planner);
  users.set('coordinator', people.coordinator);
  users.set('admin', people.admin);
  fixtures = {
    target: await createUser(ctx, { role: 'planner' }),
    practices: await practiceFixtures(ctx, people),
    recommendations: await recommendationFixtures(ctx, people),
    proposals: await proposalFixtures(ctx, people),
  };
  for (const who of WHO) agents.set(who, await freshCaller(who));
  // Dozens of practices, files and sign-ins: on a loaded CI machine this takes far longer than on an idle one.
}, 300_000);

afterAll(async () => {
  await ctx.close();
});

/** A 5xx is neither: the route broke, and the case fails whatever the matrix expects. */
function decisionOf(status: number, location: string | undefined, spec: Case): 'allow' | 'deny' | 'server error' {
  if (status >= 500) return 'server error';
  if (spec.hiddenWhenDenied && status === 404) return 'deny';
  return status === 401 || status === 403 || (status === 303 && (location ?? '').startsWith('/sign-in?next='))
    ? 'deny'
    : 'allow';
}

describe('authorization matrix', () => {
  it('when a route answers with a server error, then the matrix counts it as neither allowed nor denied', () => {
    const spec: Case = { allow: ALL };
    expect([500, 502, 503].map((status) => decisionOf(status, undefined, spec))).toEqual([
      'server error',
      'server error',
      'server error',
    ]);
    expect(decisionOf(403, undefined, spec)).toBe('deny');
    expect(decisionOf(404, undefined, { ...spec, hiddenWhenDenied: true })).toBe('deny');
    expect(decisionOf(422, undefined, spec)).toBe('allow');
  });

  it('when the app is built, then every route has an entry in the matrix and every entry is a route', () => {
    const routes = [...new Set(registeredRoutes(ctx.app).map((r) => `${r.method.toUpperCase()} ${r.path}`))];

    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  const cases = Object.entries(MATRIX).flatMap(([route, spec]) => WHO.map((who) => [route, who, spec] as const));

  it.each(cases)('when %s is called by %s, then the policy decides as the matrix says', async (route, who, spec) => {
    const [method = 'GET', pattern = '/'] = route.split(' ');
    const path = spec.path ? spec.path(fixtures, who) : pattern;
    const { agent, csrf } = spec.fresh ? await freshCaller(who) : agents.get(who)!;

    const req = method === 'GET' ? agent.get(path) : agent[method.toLowerCase() as 'post' | 'patch'](path);
    const res = await (method === 'GET'
      ? req
      : req
          .set('x-csrf-token', csrf)
          .type(path.startsWith('/api/') ? 'json' : 'form')
          .send({ ...(typeof spec.body === 'function' ? spec.body(fixtures, who) : (spec.body ?? {})), _csrf: csrf }));

    const expected = spec.allow.includes(who) ? 'allow' : 'deny';
    expect({ route, who, decision: decisionOf(res.status, res.headers.location, spec), status: res.status }).toEqual({
      route,
      who,
      decision: expected,
      status: res.status,
    });
  });
});

describe('PUBLIC_READ off', () => {
  it('when public reading is switched off, then visitors are sent to sign in and members still read', async () => {
    const closed = await createTestContext({ PUBLIC_READ: 'false' });
    const member = await createUser(closed, { role: 'planner' });
    const { agent } = await signedInAgent(closed.app, member);

    const visitorHome = await request(closed.app).get('/');
    const visitorNetwork = await request(closed.app).get('/network');
    const memberHome = await agent.get('/');

    expect(visitorHome.status).toBe(303);
    expect(visitorHome.headers.location).toBe('/sign-in?next=%2F');
    expect(visitorNetwork.headers.location).toBe('/sign-in?next=%2Fnetwork');
    expect(memberHome.status).toBe(200);
    expect(memberHome.text).toMatch(/data-count="cities">8</);
    await closed.close();
  });
});
