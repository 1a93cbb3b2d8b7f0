import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { Model } from 'mongoose';
import { registeredRoutes } from '../../server/lib/openapi';
import { dbSnapshot, type DbSnapshot } from '../support/db-snapshot';
import { completePracticeBody, createUser, csrfFrom, TEST_PASSWORD } from '../support/factories';
import { hostileRequest, type HostileRequest } from '../support/hostile-input';
import { samplePng } from '../support/sample-files';
import { createTestContext, type TestContext } from '../support/test-context';

/**
 * Every registered route, called by every kind of caller with generated hostile input. No answer may
 * be a 5xx; a refused request stores nothing; what an allowed one stores is valid and carries no
 * operator or prototype key. Seeded, with a fixed number of cases per route and caller, so a failure
 * is reproduced by running the file again.
 */
const RUNS_PER_CALLER = 3;
const WHO = ['anonymous', 'partner', 'planner', 'coordinator', 'admin'] as const;
type Who = (typeof WHO)[number];
type Identity = { cookie?: string; csrf?: string; bearer?: string };
type Answer = { status: number; text: string };

let ctx: TestContext;
let server: http.Server;
let base: { host: string; port: number };
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });
const identities = new Map<Who, Identity>();
const emails = new Map<Who, string>();
/** Fixture values by path-parameter name and route prefix: real records, so input reaches the handlers. */
const real: Record<string, string[]> = {};

function send(method: string, path: string, who: Identity, body?: HostileRequest['body']): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (who.cookie) headers.Cookie = who.cookie;
  if (who.csrf) headers['X-CSRF-Token'] = who.csrf;
  if (who.bearer && path.startsWith('/api/')) headers.Authorization = `Bearer ${who.bearer}`;
  if (body) {
    headers['Content-Type'] = body.type;
    headers['Content-Length'] = String(Buffer.byteLength(body.payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ ...base, method, path, headers, agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body?.payload);
  });
}

const cookieOf = (headers: http.IncomingHttpHeaders | Headers) => {
  const raw = headers instanceof Headers ? headers.getSetCookie() : (headers['set-cookie'] ?? []);
  return raw.map((c) => c.split(';')[0]).join('; ');
};

/** A browser-like caller: a session cookie and its CSRF token, signed in as `email` unless anonymous. */
async function identityFor(email: string | undefined): Promise<Identity> {
  const url = `http://${base.host}:${base.port}`;
  const first = await fetch(`${url}/sign-in`);
  let cookie = cookieOf(first.headers);
  let csrf = csrfFrom(await first.text());
  if (email) {
    const signIn = await fetch(`${url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password: TEST_PASSWORD, _csrf: csrf }).toString(),
    });
    if (signIn.status !== 303) throw new Error(`sign-in as ${email} failed: ${signIn.status}`);
    cookie = cookieOf(signIn.headers);
    csrf = csrfFrom(await (await fetch(`${url}/`, { headers: { Cookie: cookie } })).text());
  }
  return { cookie, csrf };
}

async function signInEveryone(): Promise<void> {
  for (const who of WHO) {
    const bearer = identities.get(who)?.bearer;
    identities.set(who, { ...(await identityFor(emails.get(who))), ...(bearer ? { bearer } : {}) });
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  server = http.createServer(ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };

  const users = {
    partner: await createUser(ctx, { role: 'partner', city: 'daugavpils' }),
    planner: await createUser(ctx, { role: 'planner' }),
    coordinator: await createUser(ctx, { role: 'coordinator' }),
    admin: await createUser(ctx, { role: 'admin' }),
  };
  for (const [who, user] of Object.entries(users) as [Who, (typeof users)['admin']][]) {
    emails.set(who, user.email);
    identities.set(who, { bearer: (await ctx.services.tokens.create(user.id, 'walker')).secret });
  }
  await signInEveryone();

  // Records to aim at. The callers' own accounts and tokens are not among them: a walk must not lock itself out.
  const target = await createUser(ctx, { role: 'planner' });
  const extraToken = await ctx.services.tokens.create(users.partner.id, 'spare');
  const practices = ctx.services.practices;
  const seed = (city: string, status: 'draft' | 'submitted' | 'published', file = false) =>
    practices.seedPractice({
      content: completePracticeBody({ title: `Walked ${status} practice of ${city}`, city }),
      status,
      createdBy: users.admin.id,
      reviewedBy: users.coordinator.id,
      attachments: file ? [{ buffer: samplePng(), originalName: 'walk.png' }] : [],
    });
  const draft = await seed('daugavpils', 'draft', true);
  const ids = [draft.id, (await seed('kaunas', 'draft')).id, (await seed('daugavpils', 'submitted')).id, (await seed('daugavpils', 'published')).id];
  const deleted = await seed('daugavpils', 'draft');
  await practices.remove(users.admin, deleted.id);
  const group = await ctx.services.searchIndexing.synonyms.addGroup(users.coordinator, ['walk', 'stroll']);
  real.practice = [...ids, deleted.id];
  real.attachmentId = [(await practices.get(users.admin, draft.id)).working?.attachments[0]?.id ?? 'none'];
  real.user = [target.id];
  real.token = [extraToken.token.id];
  real.synonym = [group.id ?? 'none'];
  real.number = ['1', '2'];
  real.locale = ['en', 'lv'];
  real.kind = ['theme', 'target-group'];
  real.slug = ['youth-retention', 'ageing-care'];
}, 180_000);

afterAll(async () => {
  keepAlive.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

/** Which fixtures a path parameter may name, by parameter and route. */
function realFor(route: string) {
  return (param: string): readonly string[] => {
    if (param !== 'id') return real[param] ?? [];
    if (route.startsWith('/admin/users')) return real.user!;
    if (route.startsWith('/account/tokens')) return real.token!;
    if (route.startsWith('/admin/search/synonyms')) return real.synonym!;
    return real.practice!;
  };
}

const FORBIDDEN_KEY = /^\$|^(__proto__|constructor|prototype)$/;

function forbiddenKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value) || (value as { _bsontype?: string })._bsontype) return [];
  return Object.keys(value).flatMap((k) => [
    ...(FORBIDDEN_KEY.test(k) ? [`${path}.${k}`] : []),
    ...forbiddenKeys((value as Record<string, unknown>)[k], `${path}.${k}`),
  ]);
}

/** Problems with what changed between two snapshots: forbidden keys anywhere, or documents their model rejects. */
async function invalidChanges(before: DbSnapshot, after: DbSnapshot): Promise<string[]> {
  const changed = Object.keys(after).filter((name) => JSON.stringify(after[name]) !== JSON.stringify(before[name]));
  const models = Object.values(ctx.db.models) as Model<unknown>[];
  const problems: string[] = [];
  for (const name of changed) {
    const model = models.find((m) => m.collection.collectionName === name);
    for (const doc of await ctx.db.collection(name).find({}).toArray()) {
      for (const key of forbiddenKeys(doc)) problems.push(`${name} ${String(doc._id)}: key ${key}`);
      if (model) await new model(doc).validate().catch((err: Error) => problems.push(`${name} ${String(doc._id)}: ${err.message}`));
    }
  }
  return problems;
}

const seedOf = (text: string) => createHash('sha256').update(text).digest().readInt32BE(0);

type Failure = { who: Who; status: number; method: string; request: HostileRequest; answer: string };

async function walk(route: string, method: string, who: Who): Promise<{ failures: Failure[]; statuses: number[] }> {
  const failures: Failure[] = [];
  const statuses: number[] = [];
  const withBody = method !== 'GET';
  const property = fc.asyncProperty(hostileRequest(route, realFor(route), withBody), async (req) => {
    const path = `${req.path}${req.query ? `?${req.query}` : ''}`;
    const res = await send(method, path, identities.get(who)!, req.body);
    statuses.push(res.status);
    if (res.status >= 500) failures.push({ who, status: res.status, method, request: req, answer: res.text.slice(0, 400) });
    return res.status < 500;
  });
  await fc.check(property, { seed: seedOf(`${method} ${route} ${who}`), numRuns: RUNS_PER_CALLER, endOnFailure: true });
  return { failures, statuses };
}

// Signing in or out replaces the session: those routes go last, and everyone signs in again after each.
const ENDS_SESSIONS = new Set(['POST /sign-in', 'POST /sign-out']);

/** Audit records written since `after` (ObjectIds grow with time) that are not of a refused attempt. */
async function auditedOtherThanRefusals(after: unknown): Promise<string[]> {
  const events = await ctx.db
    .collection<{ action: string }>('auditevents')
    .find(after ? { _id: { $gt: after as never } } : {})
    .toArray();
  return events.map((e) => e.action).filter((action) => !action.endsWith('-failed'));
}

const lastAuditId = async () => (await ctx.db.collection('auditevents').find({}).sort({ _id: -1 }).limit(1).toArray())[0]?._id;

describe('hostile input on every route', () => {
  it('when every route gets generated hostile input from every kind of caller, then none answers 5xx and nothing invalid is stored', async () => {
    const routes = [...new Set(registeredRoutes(ctx.app).map((r) => `${r.method.toUpperCase()} ${r.path}`))].sort(
      (a, b) => Number(ENDS_SESSIONS.has(a)) - Number(ENDS_SESSIONS.has(b)) || a.localeCompare(b),
    );
    const failures: (Failure & { route: string })[] = [];
    const badWrites: string[] = [];
    let requests = 0;

    for (const entry of routes) {
      const [method = 'GET', route = '/'] = entry.split(' ');
      const before = await dbSnapshot(ctx.db, { ignore: ['auditevents'] });
      const auditMark = await lastAuditId();
      const statuses: number[] = [];
      for (const who of WHO) {
        const result = await walk(route, method, who);
        statuses.push(...result.statuses);
        failures.push(...result.failures.map((f) => ({ ...f, route: entry })));
      }
      requests += statuses.length;
      const after = await dbSnapshot(ctx.db, { ignore: ['auditevents'] });
      if (method === 'GET' || statuses.every((status) => status >= 400)) {
        // Reading, or refused every time: not one document may have changed; an audit record may say it was refused.
        const changed = Object.keys({ ...before, ...after }).filter((name) => JSON.stringify(after[name]) !== JSON.stringify(before[name]));
        const audited = await auditedOtherThanRefusals(auditMark);
        if (changed.length + audited.length > 0) badWrites.push(`${entry} changed ${[...changed, ...audited].join(', ')} (${statuses.join(', ')})`);
      } else {
        badWrites.push(...(await invalidChanges(before, after)).map((problem) => `${entry}: ${problem}`));
      }
      if (ENDS_SESSIONS.has(entry)) await signInEveryone();
    }

    expect(failures).toEqual([]);
    expect(badWrites).toEqual([]);
    expect(requests).toBe(routes.length * WHO.length * RUNS_PER_CALLER);
  }, 600_000);
});
