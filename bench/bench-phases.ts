import type { BenchContext, MongoKind } from './bench-engines';
import { createAuthors, seedCorpus } from './bench-corpus';
import type { BenchOptions } from './bench-options';
import { atLeast, below, type Target } from './bench-report';
import { perSecond, timed, type LatencySummary } from './bench-stats';
import {
  measureDrain,
  measureIdleSyncPass,
  measureReindex,
  measureSaveToSearchable,
  type SaveToSearchableReport,
  type ThroughputReport,
} from './indexing-bench';
import { runLoad, type LoadReport, type LoadRequest } from './load-runner';
import { evaluateMixedTargets, runMixedLoad, type MixedLoadReport } from './mixed-load';
import { measureReconcile, snapshot, type MemorySnapshot, type ReconcileMemoryReport } from './memory-bench';
import { cpuPer, cpuSample, type CpuProcesses } from './process-cpu';
import { measureFloor, type FloorReport } from './floor-bench';
import { searchApiRequests, searchPageRequests } from './search-bench';

export const TARGETS = {
  /** p50 at one request in flight, as a multiple of the floor's p50 (floor-bench.ts). */
  searchApiFloorRatio: 4,
  searchPageFloorRatio: 5,
  pageP95Ms: 200,
  indexingPerSecond: 500,
  saveToSearchableP95Ms: 1000,
  reconcileHeapGrowthMb: 50,
} as const;

/** Requests of each one-at-a-time run (floor, the app's Meilisearch requests, /api/search, /search). */
const SERIAL_REQUESTS = 300;

/** CPU ms per request (or per practice) by process: `bench` is the app with the load client, then the engines. */
export type CpuShare = Record<string, number>;
export type MeasuredLoad = LoadReport & { cpuMsPerRequest: CpuShare };
/** A page one request at a time (what one reader waits) and with `concurrency` in flight (the errors under load). */
export type PageRun = { name: string; serial: MeasuredLoad; report: MeasuredLoad };
export type MeasuredThroughput = ThroughputReport & { cpuMsPerPractice: CpuShare };

export type BenchResults = {
  startedAt: string;
  finishedAt: string;
  machine: Record<string, unknown>;
  options: BenchOptions;
  engines: { mongo: string; mongoKind: MongoKind; meilisearch: string; nodeEnv: string };
  corpus: MeasuredThroughput;
  floor: FloorReport;
  /** /api/search and /search with one request in flight. */
  serial: { api: MeasuredLoad; page: MeasuredLoad };
  /** /api/search with `concurrency` in flight. */
  search: MeasuredLoad;
  pages: PageRun[];
  indexing: {
    drain: MeasuredThroughput;
    idleSyncPass: LatencySummary & { cpuMsPerPass: CpuShare };
    reindex: MeasuredThroughput;
    saveToSearchable: SaveToSearchableReport;
  };
  mixed: MixedLoadReport;
  memory: MemorySnapshot[];
  reconcile: ReconcileMemoryReport;
  targets: Target[];
  passed: boolean;
};

type Measured = Pick<
  BenchResults,
  'corpus' | 'floor' | 'serial' | 'search' | 'pages' | 'indexing' | 'mixed' | 'memory' | 'reconcile'
>;

const REQUEST_TIMEOUT_MS = 10_000;
// Page runs are shorter than the search run: enough samples for a p95, bounded in count and time.
const PAGE_REQUESTS = 300;
const PAGE_SECONDS = 30;

async function withCpu<T>(processes: CpuProcesses, run: () => Promise<T>, units: (value: T) => number) {
  const before = cpuSample(processes);
  const value = await run();
  return { value, cpu: cpuPer(before, cpuSample(processes), units(value)) };
}

async function measuredLoad(processes: CpuProcesses, job: Parameters<typeof runLoad>[0]): Promise<MeasuredLoad> {
  const { value, cpu } = await withCpu(
    processes,
    () => runLoad(job),
    (report) => report.requests,
  );
  return { ...value, cpuMsPerRequest: cpu };
}

async function measuredThroughput(
  processes: CpuProcesses,
  run: () => Promise<ThroughputReport>,
): Promise<MeasuredThroughput> {
  const { value, cpu } = await withCpu(processes, run, (report) => report.practices);
  return { ...value, cpuMsPerPractice: cpu };
}

/** Every practice page request reads a different practice, spread over the corpus. */
function practicePageRequests(ids: string[]): LoadRequest[] {
  const step = Math.max(1, Math.floor(ids.length / 100));
  return ids
    .filter((_, i) => i % step === 0)
    .map((id) => ({ label: 'practice page', path: `/practices/${id}`, accept: 'text/html' }));
}

/** Each request once, one at a time: compiles views, fills caches and opens connections before timing. */
async function warmUp(baseUrl: string, requests: LoadRequest[]): Promise<void> {
  const report = await runLoad({
    baseUrl,
    requests,
    concurrency: 1,
    maxRequests: requests.length,
    durationMs: 60_000,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  if (report.errors > 0) {
    const first = report.errorSamples[0];
    throw new Error(`warm-up failed: ${report.errors} errors, e.g. ${first?.path}: ${first?.problem}`);
  }
}

export async function runBenchmarks(
  ctx: BenchContext,
  options: BenchOptions,
  progress: (line: string) => void,
): Promise<Measured> {
  const { services, baseUrl } = ctx;
  const pid = ctx.mongo.pid;
  const processes: CpuProcesses = { meilisearch: ctx.pids.meilisearch, mongo: ctx.pids.mongo };
  const memory: MemorySnapshot[] = [snapshot('app built, database empty', pid)];

  progress(`loading ${options.size} published practices through seedPractice`);
  const authors = await createAuthors(services);
  let ids: string[] = [];
  const corpus = await measuredThroughput(processes, async () => {
    const loaded = await timed(() => seedCorpus(services, authors, options.size));
    ids = loaded.value;
    return {
      practices: ids.length,
      seconds: Math.round(loaded.ms) / 1000,
      perSecond: perSecond(ids.length, loaded.ms),
    };
  });
  memory.push(snapshot('corpus stored, not indexed', pid));

  progress('indexing the corpus with the sync (drain)');
  const drain = await measuredThroughput(processes, () => measureDrain(services, ids.length));
  memory.push(snapshot('corpus indexed by the sync', pid));
  const idle = await withCpu(
    processes,
    () => measureIdleSyncPass(services),
    (summary) => summary.count,
  );
  const idleSyncPass = { ...idle.value, cpuMsPerPass: idle.cpu };
  progress('rebuilding the whole index (reindex)');
  const reindex = await measuredThroughput(processes, () => measureReindex(services));

  const apiRequests = searchApiRequests();
  await warmUp(baseUrl, apiRequests);
  progress(
    `the floor: a plain copy of the index, q only, and the app's own Meilisearch requests, ${SERIAL_REQUESTS} each`,
  );
  const floor = await measureFloor(ctx, SERIAL_REQUESTS);
  const serialRun = (requests: LoadRequest[]) =>
    measuredLoad(processes, {
      baseUrl,
      requests,
      concurrency: 1,
      maxRequests: SERIAL_REQUESTS,
      durationMs: options.durationS * 1000,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  progress(`GET /api/search and GET /search one at a time, ${SERIAL_REQUESTS} each`);
  const pageRequests = searchPageRequests();
  await warmUp(baseUrl, pageRequests);
  const serial = { api: await serialRun(apiRequests), page: await serialRun(pageRequests) };
  progress(
    `search load test: ≤ ${options.requests} requests or ≤ ${options.durationS} s, ${options.concurrency} in flight`,
  );
  const search = await measuredLoad(processes, {
    baseUrl,
    requests: apiRequests,
    concurrency: options.concurrency,
    maxRequests: options.requests,
    durationMs: options.durationS * 1000,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });

  const pageSets: { name: string; requests: LoadRequest[] }[] = [
    { name: 'GET /search?q=… (HTML)', requests: pageRequests },
    { name: 'GET /practices/:id', requests: practicePageRequests(ids) },
    { name: 'GET / (home)', requests: [{ label: 'home', path: '/', accept: 'text/html' }] },
  ];
  const pages: PageRun[] = [];
  for (const set of pageSets) {
    progress(
      `page load test: ${set.name}, ≤ ${PAGE_REQUESTS} requests or ≤ ${PAGE_SECONDS} s, one at a time, then ${options.concurrency} in flight`,
    );
    await warmUp(baseUrl, set.requests.slice(0, 10));
    const serial = await measuredLoad(processes, {
      baseUrl,
      requests: set.requests,
      concurrency: 1,
      maxRequests: PAGE_REQUESTS,
      durationMs: PAGE_SECONDS * 1000,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const report = await measuredLoad(processes, {
      baseUrl,
      requests: set.requests,
      concurrency: options.concurrency,
      maxRequests: PAGE_REQUESTS,
      durationMs: PAGE_SECONDS * 1000,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    pages.push({ name: set.name, serial, report });
  }
  progress(
    `mixed load: ${options.mixedClients} signed-in clients searching and saving for ${options.mixedDurationS} s`,
  );
  const mixed = await runMixedLoad(ctx, authors.coordinator, processes, {
    clients: options.mixedClients,
    durationS: options.mixedDurationS,
  });
  memory.push(snapshot('after the load tests', pid));

  progress('reconciling the whole corpus with the heap sampled');
  const reconcile = await measureReconcile(services);

  progress(`save-to-searchable: ${options.probes} probes with the sync on its 250 ms timer`);
  const saveToSearchable = await measureSaveToSearchable(services, authors, baseUrl, options.probes);

  return {
    corpus,
    floor,
    serial,
    search,
    pages,
    indexing: { drain, idleSyncPass, reindex, saveToSearchable },
    mixed,
    memory,
    reconcile,
  };
}

/** p50 of a run as a multiple of the floor's p50, to one decimal. */
export const floorRatio = (p50: number, floor: FloorReport) => Math.round((p50 / floor.floor.p50) * 10) / 10;

export function evaluateTargets(results: Measured): Target[] {
  const s2s = results.indexing.saveToSearchable;
  const [searchPage, ...otherPages] = results.pages;
  return [
    below(
      'GET /api/search p50, 1 in flight, × floor',
      floorRatio(results.serial.api.latencyMs.p50, results.floor),
      TARGETS.searchApiFloorRatio,
      '×',
      true,
    ),
    below(
      'GET /search p50, 1 in flight, × floor',
      floorRatio(results.serial.page.latencyMs.p50, results.floor),
      TARGETS.searchPageFloorRatio,
      '×',
      true,
    ),
    below(`GET /api/search errors, ${results.search.concurrency} in flight`, results.search.errors, 0, 'errors', true),
    ...(searchPage
      ? [
          below(
            `${searchPage.name} errors, ${searchPage.report.concurrency} in flight`,
            searchPage.report.errors,
            0,
            'errors',
            true,
          ),
        ]
      : []),
    // What one reader waits is the target; under load the pages must only not fail (32 requests in flight
    // on two cores queue behind each other whatever each costs).
    ...otherPages.flatMap((p) => [
      below(`${p.name} p95, 1 in flight`, p.serial.latencyMs.p95, TARGETS.pageP95Ms, 'ms'),
      below(`${p.name} errors, ${p.report.concurrency} in flight`, p.report.errors, 0, 'errors', true),
    ]),
    atLeast('sync drain', results.indexing.drain.perSecond, TARGETS.indexingPerSecond, 'practices/s'),
    atLeast('reindex', results.indexing.reindex.perSecond, TARGETS.indexingPerSecond, 'practices/s'),
    below('save-to-searchable p95', s2s.saveToSearchableMs.p95, TARGETS.saveToSearchableP95Ms, 'ms', true),
    below('save-to-searchable not found in 15 s', s2s.timeouts, 0, 'probes', true),
    ...evaluateMixedTargets(results.mixed),
    below('reconcile peak heap growth', results.reconcile.peakGrowthMb, TARGETS.reconcileHeapGrowthMb, 'MB', true),
  ];
}
