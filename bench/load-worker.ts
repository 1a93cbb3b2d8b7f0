import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadOutcome } from './load-runner';

/**
 * The HTTP client side of a load test, in its own thread: its event loop never queues behind the
 * server's request handlers, so a latency is the server's answer time plus the loopback round trip.
 * Requests go out round-robin through the job's list with at most `concurrency` in flight, and the
 * run stops by itself after `maxRequests` or `durationMs`, whichever comes first.
 */
async function run(job: LoadJob): Promise<LoadOutcome> {
  const latencies: Record<string, number[]> = {};
  const errors: LoadOutcome['errors'] = [];
  let errorCount = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + job.durationMs;

  async function one(index: number): Promise<void> {
    const request = job.requests[index % job.requests.length]!;
    const t0 = performance.now();
    let problem: string | undefined;
    try {
      const res = await fetch(job.baseUrl + request.path, {
        headers: { accept: request.accept ?? '*/*' },
        signal: AbortSignal.timeout(job.timeoutMs),
      });
      // The whole body counts: a page is only served once its last byte is.
      const body = await res.arrayBuffer();
      if (res.status !== 200) problem = `HTTP ${res.status}`;
      else if (body.byteLength === 0) problem = 'empty body';
    } catch (err) {
      problem = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const ms = performance.now() - t0;
    if (problem) {
      errorCount += 1;
      if (errors.length < 10) errors.push({ label: request.label, path: request.path, problem });
    } else {
      (latencies[request.label] ??= []).push(ms);
    }
  }

  async function lane(): Promise<void> {
    while (issued < job.maxRequests && performance.now() < deadline) {
      await one(issued++);
    }
  }

  await Promise.all(Array.from({ length: job.concurrency }, () => lane()));
  return { latencies, errorCount, errors, issued, elapsedMs: performance.now() - started };
}

run(workerData as LoadJob).then(
  (outcome) => parentPort!.postMessage({ ok: true, outcome }),
  (err: unknown) =>
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
