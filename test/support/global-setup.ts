import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { mongodBinaryAvailable } from '../../server/lib/embedded/mongod';
import { startEmbeddedMeilisearch } from '../../server/lib/embedded/meilisearch';
import { silentLogger } from '../../server/lib/logger';
import { startMongoWireServer } from '../../server/bundled-store/server';

type Stoppable = { stop(): Promise<unknown> };
const registry = globalThis as typeof globalThis & { __testEngines?: Stoppable[]; __testTmp?: string };

/**
 * Starts the engines every test file shares: a real Meilisearch always, and MongoDB as MONGODB_URI,
 * else a real mongod when a binary is at hand, else the bundled store (in memory: no journal).
 * Test files isolate themselves by database name and index prefix, so they can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-test-'));
  registry.__testTmp = tmp;
  registry.__testEngines = [];

  const meili = await startEmbeddedMeilisearch({ dataDir: tmp, logger: silentLogger });
  registry.__testEngines.push(meili);
  process.env.TEST_MEILI_HOST = meili.host;
  process.env.TEST_MEILI_KEY = meili.masterKey;

  let which: string;
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    which = `MongoDB from MONGODB_URI (${process.env.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@')})`;
  } else if (await mongodBinaryAvailable()) {
    const mongod = await MongoMemoryServer.create({ instance: { storageEngine: 'wiredTiger', ip: '127.0.0.1' } });
    registry.__testEngines.push(mongod);
    process.env.TEST_MONGODB_URI = mongod.getUri();
    which = `a real mongod through mongodb-memory-server (${mongod.getUri()})`;
  } else {
    const wire = await startMongoWireServer();
    registry.__testEngines.push(wire);
    process.env.TEST_MONGODB_URI = wire.uri;
    which = `the bundled store, in memory (${wire.uri}); set MONGODB_URI to run on a real MongoDB`;
  }
  console.log(`\nTests use ${which} and Meilisearch at ${meili.host}.`);
  if (process.env.BROWSER_TESTS_OFF) {
    console.log(
      'Browser tests (test/e2e) are left out: no Chromium at /usr/bin/chromium (apt-get install chromium; CI always runs them).',
    );
  }
}
