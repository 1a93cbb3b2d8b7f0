import fs from 'node:fs';
import path from 'node:path';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { DryMongoBinary } from 'mongodb-memory-server-core/lib/util/DryMongoBinary';
import { MongoBinaryDownloadUrl } from 'mongodb-memory-server-core/lib/util/MongoBinaryDownloadUrl';
import resolveConfig, { envToBool, ResolveConfigVariables } from 'mongodb-memory-server-core/lib/util/resolveConfig';
import type { Logger } from '../logger';
import { findFreePort } from './free-port';

export class MongodUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`no mongod could be started (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`, {
      cause,
    });
    this.name = 'MongodUnavailableError';
  }
}

export type EmbeddedMongod = Readonly<{ uri: string; dbPath: string; stop(): Promise<void> }>;

/** True when mongodb-memory-server can start mongod without a download (system binary or its cache). */
export async function mongodBinaryAvailable(): Promise<boolean> {
  return (await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions())) !== undefined;
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/**
 * Whether mongodb-memory-server could download mongod now: its archive answers a HEAD request within `timeoutMs`.
 * Offline, the download itself would retry for minutes before giving up. Behind a proxy (which Node's fetch does
 * not use, but the downloader does) the download is simply attempted.
 */
export async function mongodDownloadReachable(timeoutMs = 3000): Promise<boolean> {
  if (!envToBool(resolveConfig(ResolveConfigVariables.RUNTIME_DOWNLOAD))) return false;
  if (PROXY_VARIABLES.some((name) => process.env[name])) return true;
  try {
    const url = await new MongoBinaryDownloadUrl(await DryMongoBinary.generateOptions()).getDownloadUrl();
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Whether DATA_DIR already holds a mongod database (its storage engine's files). */
export function hasMongodData(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'mongodb', 'WiredTiger'));
}

/**
 * A real mongod with its data on disk under DATA_DIR, so a laptop keeps its data across restarts
 * with no database install.
 */
export async function startEmbeddedMongod(options: {
  dataDir: string;
  logger: Logger;
  dbName?: string;
  persistent?: boolean;
}): Promise<EmbeddedMongod> {
  const dbPath = path.join(options.dataDir, 'mongodb');
  fs.mkdirSync(dbPath, { recursive: true });
  let server: MongoMemoryServer;
  try {
    server = await MongoMemoryServer.create({
      instance: {
        dbPath,
        storageEngine: 'wiredTiger',
        ip: '127.0.0.1',
        port: await findFreePort(),
        dbName: options.dbName ?? 'decode',
      },
    });
  } catch (err) {
    throw new MongodUnavailableError(err);
  }
  const uri = server.getUri(options.dbName ?? 'decode');
  options.logger.info({ uri, dbPath }, 'embedded mongod started');
  return Object.freeze({
    uri,
    dbPath,
    // doCleanup false keeps the data directory: it is the user's database.
    stop: async () => {
      await server.stop({ doCleanup: options.persistent === false, force: false });
    },
  });
}
