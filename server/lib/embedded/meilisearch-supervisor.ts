import { findFreePort } from './free-port';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch, type EmbeddedMeilisearchOptions } from './meilisearch';

export type SupervisedMeilisearch = Readonly<{
  host: string;
  masterKey: string;
  /** The engine's current process (a new one after each restart). */
  readonly pid: number | undefined;
  /** How many times it was started again after dying. */
  readonly restarts: number;
  stop(): Promise<void>;
}>;

export type SupervisorOptions = EmbeddedMeilisearchOptions & {
  /** The first wait before starting again; it doubles while the engine keeps dying soon after a start. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Up this long, a process counts as healthy again and the next restart waits only the first delay. */
  stableAfterMs?: number;
};

/**
 * The embedded Meilisearch, kept running: when its process ends without being asked to (a crash, the
 * OOM killer, a SIGKILL), it is started again on the same port with the same key and data, so every
 * client keeps its address and search comes back by itself. Each exit and restart is logged.
 * Meanwhile search answers 503 and the index sync retries; nothing is lost (MongoDB is the truth).
 */
export async function superviseEmbeddedMeilisearch(options: SupervisorOptions): Promise<SupervisedMeilisearch> {
  const { logger } = options;
  const initialBackoffMs = options.initialBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const port = options.port ?? (await findFreePort());
  const start = () => startEmbeddedMeilisearch({ ...options, port });

  let current: EmbeddedMeilisearch = await start();
  let startedAt = Date.now();
  let restarts = 0;
  let backoffMs = initialBackoffMs;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let restarting: Promise<void> | undefined;

  // A wait that stop() cuts short.
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function restart(): Promise<void> {
    while (!stopping) {
      await wait(backoffMs);
      backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
      if (stopping) return;
      try {
        current = await start();
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err), retryInMs: backoffMs }, 'embedded Meilisearch did not start again');
        continue;
      }
      startedAt = Date.now();
      restarts += 1;
      if (stopping) {
        await current.stop();
        return;
      }
      logger.info({ restarts, pid: current.pid, host: current.host }, 'embedded Meilisearch restarted');
      watch(current);
      return;
    }
  }

  function watch(engine: EmbeddedMeilisearch): void {
    void engine.exited.then(({ code, signal }) => {
      if (stopping || engine !== current) return;
      if (Date.now() - startedAt >= stableAfterMs) backoffMs = initialBackoffMs;
      logger.warn({ pid: engine.pid, code, signal, restartInMs: backoffMs }, 'embedded Meilisearch exited unexpectedly; restarting');
      restarting = restart().finally(() => (restarting = undefined));
    });
  }

  watch(current);
  let stopped: Promise<void> | undefined;
  return {
    host: current.host,
    masterKey: current.masterKey,
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        clearTimeout(timer);
        wake?.();
        await restarting;
        await current.stop();
      })()),
  };
}
