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

// The worker is TypeScript: tsx's require hook is registered inside it before the file is loaded.
const WORKER_CODE = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'load-worker.ts'))});`;

/** Runs one bounded load test in a worker thread and summarises it; the worker ends with the run. */
export async function runLoad(job: LoadJob): Promise<LoadReport> {
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: job });
  // A hung worker must not hold the benchmark: the run is bounded by its own duration plus the request timeout.
  const guardMs = job.durationMs + job.timeoutMs + 30_000;
  let guard: NodeJS.Timeout | undefined;
  try {
    const outcome = await new Promise<LoadOutcome>((resolve, reject) => {
      guard = setTimeout(() => reject(new Error(`load worker did not finish within ${guardMs} ms`)), guardMs);
      worker.once('message', (message: { ok: true; outcome: LoadOutcome } | { ok: false; error: string }) =>
        message.ok ? resolve(message.outcome) : reject(new Error(message.error)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`load worker exited with code ${code}`)));
    });
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
  } finally {
    clearTimeout(guard);
    await worker.terminate();
  }
}
