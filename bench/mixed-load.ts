import { randomBytes } from 'node:crypto';
import type { Services } from '../server/app';
import { NETWORK_CITIES } from '../server/features/network';
import type { User } from '../server/features/users';
import type { BenchContext } from './bench-engines';
import { below, type Target } from './bench-report';
import { perSecond, summarize, timed, type LatencySummary } from './bench-stats';
import { runInWorker } from './load-runner';
import { checkSaves, type IndexedPractice, type LostSave, type StoredPractice } from './mixed-load-check';
import type { MixedClient, MixedError, MixedJob, MixedOutcome } from './mixed-load-worker';
import type { CpuProcesses } from './process-cpu';
import { searchApiRequests } from './search-bench';

/**
 * The mixed load phase: signed-in members searching (80 %) and saving practice edits (20 %) at once,
 * over HTTP with sessions and CSRF tokens, with the search sync on its timer as the server runs it.
 * Afterwards every practice that was saved is read back: each acknowledged save must be in MongoDB and,
 * once the outbox has drained, in the search index.
 */
export type MixedLoadReport = {
  clients: number;
  partners: number;
  coordinators: number;
  practicesEdited: number;
  elapsedS: number;
  requests: { searches: number; saves: number; conflicts: number; rereads: number; total: number };
  savesStarted: number;
  throughputRps: number;
  errors: number;
  errorSamples: MixedError[];
  acknowledged: number;
  lostSaves: number;
  lostSamples: LostSave[];
  /** From the end of the load until the sync had indexed every saved revision. */
  drainS: number;
  latencyMs: { search: LatencySummary; save: LatencySummary; conflict: LatencySummary; reread: LatencySummary };
  /** The same clients searching only, just before the mixed run: the floor of the search target. */
  floor: { elapsedS: number; throughputRps: number; searchMs: LatencySummary };
  cpuMsPerRequest: Record<string, number>;
};

export const MIXED = {
  searchShare: 0.8,
  /** Saves that go to the practice a city's clients share: enough for real conflicts, few enough to be rare. */
  sharedShare: 0.05,
  ownPerClient: 4,
  maxAttempts: 10,
  /** The searches-only floor run lasts a third of the mixed run, at most this long. */
  floorMaxMs: 20_000,
} as const;

export const MIXED_TARGETS = {
  /** Others' saves may at most double what a search takes. */
  searchP95OverFloor: 2,
  /** A save is a few single-document reads and writes: it should not wait much longer than a search. */
  saveP95OverSearch: 2,
} as const;

const REQUEST_TIMEOUT_MS = 10_000;

const CITY_GROUP = 4;
/** The last client of each city's four is a coordinator (whose edits of a published practice go live); the rest are partners. */
const isCoordinator = (client: number) => client % CITY_GROUP === CITY_GROUP - 1;

/** Published practices by city, in a stable order. */
async function publishedByCity(ctx: BenchContext): Promise<Map<string, string[]>> {
  const docs = await ctx.db
    .collection<{ city: string }>('practices')
    .find({ status: 'published', deleted: false }, { projection: { city: 1 }, sort: { _id: 1 } })
    .toArray();
  const out = new Map<string, string[]>();
  for (const doc of docs) out.set(doc.city, [...(out.get(doc.city) ?? []), doc._id.toHexString()]);
  return out;
}

/** The members who take part, each with practices of their city that no one else edits and one shared practice. */
async function createClients(ctx: BenchContext, count: number): Promise<MixedClient[]> {
  const byCity = await publishedByCity(ctx);
  const password = `mixed-${randomBytes(9).toString('base64url')}`;
  const clients: MixedClient[] = [];
  for (let id = 0; id < count; id++) {
    // Four clients to a city (three partners and a coordinator), so even a short run with 8 clients has
    // cities whose shared practice has several editors.
    const group = Math.floor(id / CITY_GROUP);
    const city = NETWORK_CITIES[group % NETWORK_CITIES.length]!;
    const pool = byCity.get(city.slug) ?? [];
    // The first practice of each city is its shared one; then each client takes its own from the pool.
    const takenInCity = Math.floor(group / NETWORK_CITIES.length) * CITY_GROUP + (id % CITY_GROUP);
    const own = pool.slice(1 + takenInCity * MIXED.ownPerClient, 1 + (takenInCity + 1) * MIXED.ownPerClient);
    if (own.length < MIXED.ownPerClient) {
      throw new Error(`the corpus has too few published practices in ${city.name} for ${count} clients: raise --size`);
    }
    const coordinator = isCoordinator(id);
    const email = `bench.mixed.${id}@example.org`;
    await ctx.services.users.create({
      email,
      name: `Bench ${coordinator ? 'coordinator' : `partner ${city.name}`} ${id}`,
      role: coordinator ? 'coordinator' : 'partner',
      ...(coordinator ? {} : { city: city.slug }),
      password,
    });
    clients.push({ id, email, password, own, shared: pool[0]! });
  }
  return clients;
}

/** What MongoDB holds for every practice that was saved, with the history entries of the acknowledged revisions. */
async function readBack(services: Services, reader: User, outcome: MixedOutcome): Promise<Map<string, StoredPractice>> {
  const wanted = new Map<string, Set<number>>();
  for (const ack of outcome.acks)
    wanted.set(ack.practiceId, (wanted.get(ack.practiceId) ?? new Set()).add(ack.revision));
  const stored = new Map<string, StoredPractice>();
  for (const [id, revisions] of wanted) {
    const practice = await services.practices.get(reader, id);
    const history = new Map<number, string>();
    for (const n of revisions) {
      const revision = await services.practices.getRevision(reader, id, n).catch(() => undefined);
      const summary = revision?.snapshot.summary;
      if (revision) history.set(n, typeof summary === 'string' ? summary : '');
    }
    stored.set(id, {
      revision: practice.revision,
      working: practice.working?.summary ?? '',
      published: practice.published?.summary ?? null,
      history,
    });
  }
  return stored;
}

/** Every practice document in the search index: id, revision and summary. */
async function readIndex(ctx: BenchContext): Promise<Map<string, IndexedPractice>> {
  const index = ctx.search.index('practices');
  const out = new Map<string, IndexedPractice>();
  const limit = 1000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.getDocuments<{ id: string; revision: number; summary: string }>({
      fields: ['id', 'revision', 'summary'],
      limit,
      offset,
    });
    for (const doc of page.results) out.set(doc.id, { revision: doc.revision, summary: doc.summary });
    if (page.results.length < limit) return out;
  }
}

export async function runMixedLoad(
  ctx: BenchContext,
  reader: User,
  processes: CpuProcesses,
  options: { clients: number; durationS: number },
): Promise<MixedLoadReport> {
  const clients = await createClients(ctx, options.clients);
  const job: MixedJob = {
    baseUrl: ctx.baseUrl,
    clients,
    durationMs: options.durationS * 1000,
    floorMs: Math.min(MIXED.floorMaxMs, (options.durationS * 1000) / 3),
    timeoutMs: REQUEST_TIMEOUT_MS,
    searchShare: MIXED.searchShare,
    sharedShare: MIXED.sharedShare,
    maxAttempts: MIXED.maxAttempts,
    searches: searchApiRequests(),
    processes,
  };
  // Set-up (sign-ins, first reads) plus the run, plus the last saves' retries, each bounded by the timeout.
  const guardMs = job.durationMs + job.floorMs + (MIXED.maxAttempts * 2 + 10) * REQUEST_TIMEOUT_MS;
  ctx.services.searchIndexing.start();
  let outcome: MixedOutcome;
  try {
    outcome = await runInWorker<MixedOutcome>('mixed-load-worker.ts', job, guardMs);
  } finally {
    await ctx.services.searchIndexing.stop();
  }
  const { ms: drainMs } = await timed(() => ctx.services.searchIndexing.sync.drain());
  const pending = (await ctx.services.searchIndexing.sync.status()).pending;
  if (pending !== 0) throw new Error(`the sync left ${pending} practices pending after the mixed load`);

  const check = checkSaves(outcome.acks, await readBack(ctx.services, reader, outcome), await readIndex(ctx));
  const { search, save, conflict, reread, floorSearch } = outcome.latencies;
  const total = outcome.issued;
  return {
    clients: clients.length,
    partners: clients.filter((c) => !isCoordinator(c.id)).length,
    coordinators: clients.filter((c) => isCoordinator(c.id)).length,
    practicesEdited: check.practices,
    elapsedS: Math.round(outcome.elapsedMs / 100) / 10,
    requests: {
      searches: search.length,
      saves: save.length,
      conflicts: conflict.length,
      rereads: reread.length,
      total,
    },
    savesStarted: outcome.savesStarted,
    throughputRps: perSecond(total, outcome.elapsedMs),
    errors: outcome.errorCount,
    errorSamples: outcome.errors,
    acknowledged: check.acknowledged,
    lostSaves: check.lost.length,
    lostSamples: check.lost.slice(0, 20),
    drainS: Math.round(drainMs) / 1000,
    latencyMs: {
      search: summarize(search),
      save: summarize(save),
      conflict: summarize(conflict),
      reread: summarize(reread),
    },
    floor: {
      elapsedS: Math.round(outcome.floorElapsedMs / 100) / 10,
      throughputRps: perSecond(floorSearch.length, outcome.floorElapsedMs),
      searchMs: summarize(floorSearch),
    },
    cpuMsPerRequest: outcome.cpuMsPerRequest,
  };
}

/**
 * Errors and lost saves must be exactly zero. Latencies are held to floors from the same run, so that
 * other work on the machine weighs on both sides: a search with the saves mixed in against the same
 * clients searching only, just before; a save against a search under the same load (a save is a few
 * single-document reads and writes and should not wait much longer than a search).
 */
export function evaluateMixedTargets(mixed: MixedLoadReport): Target[] {
  const { searchP95OverFloor: searchFactor, saveP95OverSearch: saveFactor } = MIXED_TARGETS;
  const floor = mixed.floor.searchMs.p95;
  return [
    below('mixed load errors', mixed.errors, 0, 'errors', true),
    below('mixed load lost saves', mixed.lostSaves, 0, 'saves', true),
    below(
      `mixed load search p95 (≤ ${searchFactor} × ${floor} ms, searches only)`,
      mixed.latencyMs.search.p95,
      Math.round(floor * searchFactor),
      'ms',
      true,
    ),
    below(
      `mixed load save p95 (≤ ${saveFactor} × mixed search p95)`,
      mixed.latencyMs.save.p95,
      Math.round(mixed.latencyMs.search.p95 * saveFactor),
      'ms',
      true,
    ),
  ];
}
