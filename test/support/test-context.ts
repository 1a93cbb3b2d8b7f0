import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import createApp, { createServices, type AppDeps, type Services } from '../../server/app';
import { loadConfig, type Config } from '../../server/lib/config';
import { connectMongo, type Connection } from '../../server/lib/db';
import { silentLogger, type Logger } from '../../server/lib/logger';
import { SearchEngine } from '../../server/lib/search';
import type { Express } from 'express';

export type TestContext = {
  app: Express;
  config: Config;
  db: Connection;
  search: SearchEngine;
  services: Services;
  deps: AppDeps;
  tmpDir: string;
  close(): Promise<void>;
};

export function testEngines(): { mongoUri: string; meiliHost: string; meiliKey: string } {
  const { TEST_MONGODB_URI, TEST_MEILI_HOST, TEST_MEILI_KEY } = process.env;
  if (!TEST_MONGODB_URI || !TEST_MEILI_HOST || !TEST_MEILI_KEY) {
    throw new Error('Test engines are not running: run the tests with `npm test` (jest global setup starts them).');
  }
  return { mongoUri: TEST_MONGODB_URI, meiliHost: TEST_MEILI_HOST, meiliKey: TEST_MEILI_KEY };
}

/** A unique database and index prefix per call, so test files never see each other's data. */
export function uniqueName(): string {
  return `t${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(5).toString('hex')}`;
}

export type TestContextOptions = {
  /** Reach MongoDB at another address (a fault proxy in front of the test server); the database name stays unique. */
  mongoUri?: string;
  logger?: Logger;
  /** The app's clock (AppDeps.clock): a test that moves it sees time-limited offers run out. */
  clock?: () => Date;
};

export async function createTestContext(env: Record<string, string> = {}, options: TestContextOptions = {}): Promise<TestContext> {
  const engines = testEngines();
  const mongoUri = options.mongoUri ?? engines.mongoUri;
  const name = uniqueName();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `decode-kb-${name}-`));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: tmpDir,
    UPLOADS_DIR: path.join(tmpDir, 'uploads'),
    MONGODB_URI: mongoUri,
    MEILI_HOST: engines.meiliHost,
    MEILI_MASTER_KEY: engines.meiliKey,
    MEILI_INDEX_PREFIX: `${name}_`,
    ...env,
  });
  const db = await connectMongo(mongoUri, { dbName: name });
  const search = await SearchEngine.connect(engines.meiliHost, engines.meiliKey, config.meili.indexPrefix);
  await search.ensureIndexes();
  const deps: AppDeps = {
    config,
    logger: options.logger ?? silentLogger,
    db,
    search,
    sessionSecret: randomBytes(32).toString('hex'),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const services = createServices(deps);
  await services.network.ensureReferenceData();
  await services.events.ensureReferenceData();
  await services.vocabularies.ensureReferenceData();
  const app = createApp(deps, services);
  return {
    app,
    config,
    db,
    search,
    services,
    deps,
    tmpDir,
    async close() {
      if (db.readyState === mongoose.ConnectionStates.connected) await db.dropDatabase();
      await db.close();
      await search.dropOwnIndexes();
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}
