import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import createApp, { createServices, type Services } from '../../server/app';
import { superviseEmbeddedMeilisearch, type SupervisedMeilisearch } from '../../server/lib/embedded/meilisearch-supervisor';
import { silentLogger } from '../../server/lib/logger';
import { SearchEngine } from '../../server/lib/search';
import type { Express } from 'express';
import { bearerFor, completePracticeBody, createUser } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

/**
 * Meilisearch killed with SIGKILL while people save: saves never depend on the engine, and once it is
 * back (the supervisor starts it again) the index catches up to exactly what MongoDB holds.
 * This file runs its own Meilisearch, so killing it affects no other test file.
 */
const CLIENTS = 16;
const EDITS = 4;

let ctx: TestContext;
let dataDir: string;
let meili: SupervisedMeilisearch;
let services: Services;
let app: Express;

beforeAll(async () => {
  ctx = await createTestContext();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-meili-kill-'));
  meili = await superviseEmbeddedMeilisearch({ dataDir, logger: silentLogger });
  const engine = await SearchEngine.connect(meili.host, meili.masterKey);
  await engine.ensureIndexes();
  const deps = { ...ctx.deps, search: engine };
  services = createServices(deps);
  app = createApp(deps, services);
}, 120_000);

afterAll(async () => {
  await services.searchIndexing.stop();
  await meili.stop();
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Answer = { status: number; body: { error?: { code?: string; message?: string } } };

/** One person: writes a practice, has it published, then keeps improving it. */
async function client(n: number, auth: string, coordinator: string, answers: Answer[], halfway: () => void): Promise<string> {
  const note = (res: Answer) => {
    answers.push({ status: res.status, body: res.body });
    return res;
  };
  const created = note(await request(app).post('/api/practices').set('Authorization', auth).send(completePracticeBody({ title: `Client ${n} practice` })));
  const id = (created.body as { id: string }).id;
  note(await request(app).post(`/api/practices/${id}/submit`).set('Authorization', auth).send({}));
  note(await request(app).post(`/api/practices/${id}/publish`).set('Authorization', coordinator).send({}));
  for (let edit = 1; edit <= EDITS; edit += 1) {
    if (edit === 2) halfway();
    const current = await request(app).get(`/api/practices/${id}`).set('Authorization', coordinator);
    note(
      await request(app)
        .patch(`/api/practices/${id}`)
        .set('Authorization', coordinator)
        .send({ revision: current.body.revision, title: `Client ${n} practice, edit ${edit}` }),
    );
  }
  return id;
}

describe('Meilisearch killed during concurrent saves', () => {
  it('when it is killed with SIGKILL while 16 clients save, then every save is answered, and after its restart the index equals MongoDB', async () => {
    const coordinator = await bearerFor(ctx, await createUser(ctx, { role: 'coordinator' }));
    const partners = await Promise.all(
      Array.from({ length: CLIENTS }, async () => bearerFor(ctx, await createUser(ctx, { role: 'partner', city: 'daugavpils' }))),
    );
    services.searchIndexing.sync.start(100);
    const answers: Answer[] = [];
    const killedPid = meili.pid;
    let reachedHalfway = 0;
    let killed = false;
    const halfway = () => {
      reachedHalfway += 1;
      if (reachedHalfway === CLIENTS / 2 && !killed) {
        killed = true;
        process.kill(killedPid!, 'SIGKILL');
      }
    };

    const ids = await Promise.all(partners.map((auth, n) => client(n, auth, coordinator, answers, halfway)));

    expect(killed).toBe(true);
    // Every save answered: 2xx, or an error that says what it is. None was expected to fail.
    const failures = answers.filter((a) => a.status >= 300);
    expect(failures).toEqual([]);
    expect(answers).toHaveLength(CLIENTS * (3 + EDITS));

    const deadline = Date.now() + 120_000;
    while (meili.restarts < 1 || (await services.searchIndexing.sync.status()).pending > 0) {
      if (Date.now() > deadline) throw new Error(`index did not catch up: ${JSON.stringify(await services.searchIndexing.sync.status())}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await services.searchIndexing.sync.stop();

    expect(meili.pid).not.toBe(killedPid);
    const stored = await services.practices.indexStates(undefined, 1000);
    expect(stored.filter((s) => ids.includes(s.id)).every((s) => s.indexedRevision === s.revision)).toBe(true);
    const index = new SearchEngine(meili.host, meili.masterKey).index('practices');
    const docs = await index.getDocuments<{ id: string; revision: number; title: string }>({ limit: 1000, fields: ['id', 'revision', 'title'] });
    const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const published = await Promise.all(ids.map((id) => services.practices.get(undefined, id)));
    expect(sortById(docs.results.map(({ id, revision, title }) => ({ id, revision, title })))).toEqual(
      sortById(published.map((p) => ({ id: p.id, revision: p.revision, title: p.published!.title }))),
    );
    expect(docs.results.map((d) => d.title).sort()).toEqual(ids.map((_, n) => `Client ${n} practice, edit ${EDITS}`).sort());
  }, 240_000);
});
