import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { DatabaseKind } from './embedded/database-choice';

/**
 * Where a running server's embedded engines listen. Their ports are chosen at start-up, so the
 * command-line scripts (seed, reconcile, reindex) read this file to reach the same databases.
 */
export type RuntimeInfo = {
  pid: number;
  mongoUri?: string | undefined;
  meiliHost?: string | undefined;
  database?: DatabaseKind | undefined;
};

const fileOf = (config: Config) => path.join(config.dataDir, 'runtime.json');

export function writeRuntimeInfo(config: Config, info: RuntimeInfo): void {
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(fileOf(config), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

export function removeRuntimeInfo(config: Config): void {
  fs.rmSync(fileOf(config), { force: true });
}

/** The running server's engines, or undefined when no server (still alive) wrote the file. */
export function readRuntimeInfo(config: Config): RuntimeInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(fileOf(config), 'utf8')) as RuntimeInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}
