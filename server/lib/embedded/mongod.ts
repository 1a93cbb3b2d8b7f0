import fs from 'node:fs';
import path from 'node:path';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { DryMongoBinary } from 'mongodb-memory-server-core/lib/util/DryMongoBinary';
import type { Logger } from '../logger';
import { findFreePort } from './free-port';

export class MongodUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      'No MongoDB server could be started: no mongod binary is cached, MONGOMS_SYSTEM_BINARY is not set, ' +
        `and downloading one failed (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).\n` +
        'Do one of these, then run npm start again:\n' +
        '  - set MONGODB_URI to a running MongoDB 7 or 8, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/decode\n' +
        '  - set MONGOMS_SYSTEM_BINARY to the path of a local mongod binary\n' +
        '  - for a quick try without MongoDB: run `npm run mongo:test-server` in another terminal and start with\n' +
        '    MONGODB_URI=mongodb://127.0.0.1:27017/decode npm start (data is then kept in memory only)',
      { cause },
    );
    this.name = 'MongodUnavailableError';
  }
}

export type EmbeddedMongod = Readonly<{ uri: string; stop(): Promise<void> }>;

/** True when mongodb-memory-server can start mongod without a download (system binary or its cache). */
export async function mongodBinaryAvailable(): Promise<boolean> {
  return (await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions())) !== undefined;
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
    // doCleanup false keeps the data directory: it is the user's database.
    stop: async () => {
      await server.stop({ doCleanup: options.persistent === false, force: false });
    },
  });
}
