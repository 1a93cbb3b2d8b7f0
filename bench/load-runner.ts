import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { perSecond, summarize, type LatencySummary } from './bench-stats';

export type LoadRequest = { label: string; path: string; accept?: string };

export type LoadJob = {
  baseUrl: string;
  requests: LoadRequest[];
  concurrency: number;
  maxRequests: number;
  durationMs: number;
  timeoutMs: number;
};

export type LoadOutcome = {
  latencies: Record<string, number[]>;
  errorCount: number;
  errors: { label: string; path: string; problem: string }[];
  issued: number;
  elapsedMs: number;
};

export type LoadReport = {
  requests: number;
  ok: number;
  errors: number;
  errorSamples: LoadOutcome['errors'];
  elapsedS: number;
  throughputRps: number;
  concurrency: number;
  latencyMs: LatencySummary;
  byLabel: Record<string, LatencySummary>;
};

/**
 * Runs a TypeScript file of this folder in a worker thread with `data` as its workerData, and resolves
 * with the outcome it posts (`{ ok, outcome }` or `{ ok: false, error }`); the worker ends with the run.
 * tsx's require hook is registered inside the worker before the file is loaded.
 */
export async function runInWorker<T>(file: string, data: unknown, guardMs: number): Promise<T> {
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, file))});`;
  const worker = new Worker(code, { eval: true, workerData: data });
  let guard: NodeJS.Timeout | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      guard = setTimeout(() => reject(new Error(`${file} did not finish within ${guardMs} ms`)), guardMs);
      worker.once('message', (message: { ok: true; outcome: T } | { ok: false; error: string }) =>
        message.ok ? resolve(message.outcome) : reject(new Error(message.error)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`${file} exited with code ${code}`)));
    });
  } finally {
    clearTimeout(guard);
    await worker.terminate();
  }
}

/** Runs one bounded load test in a worker thread and summarises it. */
export async function runLoad(job: LoadJob): Promise<LoadReport> {
  // A hung worker must not hold the benchmark: the run is bounded by its own duration plus the request timeout.
  const outcome = await runInWorker<LoadOutcome>('load-worker.ts', job, job.durationMs + job.timeoutMs + 30_000);
  const all = Object.values(outcome.latencies).flat();
  return {
    requests: outcome.issued,
    ok: all.length,
    errors: outcome.errorCount,
    errorSamples: outcome.errors,
    elapsedS: Math.round(outcome.elapsedMs / 100) / 10,
    throughputRps: perSecond(outcome.issued, outcome.elapsedMs),
    concurrency: job.concurrency,
    latencyMs: summarize(all),
    byLabel: Object.fromEntries(
      Object.entries(outcome.latencies).map(([label, samples]) => [label, summarize(samples)]),
    ),
  };
}
