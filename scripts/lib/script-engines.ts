import type { Config } from '../../server/lib/config';
import { connectMongo, type Connection } from '../../server/lib/db';
import { chooseDatabase, type DatabaseEngine } from '../../server/lib/embedded/database-choice';
import { startEmbeddedMeilisearch } from '../../server/lib/embedded/meilisearch';
import type { Logger } from '../../server/lib/logger';
import { readRuntimeInfo } from '../../server/lib/runtime-file';
import { SearchEngine } from '../../server/lib/search';

export type ScriptDatabase = {
  db: Connection;
  engine: DatabaseEngine;
  /** True when this script started the engine itself (no server was running on DATA_DIR). */
  startedHere: boolean;
  /** Whether the server is running on this machine's DATA_DIR right now. */
  serverRunning: boolean;
  close(): Promise<void>;
};

/**
 * The database the server uses: MONGODB_URI; else the engine of the server running on this DATA_DIR (through
 * runtime.json); else the engine `npm start` would choose, started for the length of the script (the bundled
 * store's lock keeps a server from starting on the same folder meanwhile).
 */
export async function openScriptDatabase(config: Config, logger: Logger): Promise<ScriptDatabase> {
  const runtime = readRuntimeInfo(config);
  if (config.mongodbUri) {
    const db = await connectMongo(config.mongodbUri);
    return { db, engine: { kind: 'mongodb', detail: 'MONGODB_URI' }, startedHere: false, serverRunning: false, close: () => db.close() };
  }
  if (runtime?.mongoUri) {
    const db = await connectMongo(runtime.mongoUri);
    const engine: DatabaseEngine = { kind: runtime.database ?? 'embedded-mongod', detail: config.dataDir };
    return { db, engine, startedHere: false, serverRunning: true, close: () => db.close() };
  }
  const chosen = await chooseDatabase(config, logger);
  try {
    const db = await connectMongo(chosen.uri);
    return {
      db,
      engine: { kind: chosen.kind, detail: chosen.detail },
      startedHere: true,
      serverRunning: false,
      close: async () => {
        await db.close();
        await chosen.stop();
      },
    };
  } catch (err) {
    await chosen.stop();
    throw err;
  }
}

/** Meilisearch as the server reaches it: MEILI_HOST, the running server's, or the embedded one started here. */
export async function openScriptSearch(
  config: Config,
  logger: Logger,
): Promise<{ search: SearchEngine; close(): Promise<void> }> {
  const runtime = readRuntimeInfo(config);
  if (config.meili.host) {
    const search = await SearchEngine.connect(config.meili.host, config.meili.masterKey ?? '', config.meili.indexPrefix);
    await search.ensureIndexes();
    return { search, close: () => Promise.resolve() };
  }
  // The running server's embedded Meilisearch belongs to it; a script that needs its own waits for it to stop.
  if (runtime?.meiliHost) throw new Error(`the server (pid ${runtime.pid}) is running on ${config.dataDir}: stop it first`);
  const meili = await startEmbeddedMeilisearch({ dataDir: config.dataDir, bin: config.meili.bin, logger, production: config.isProduction });
  try {
    const search = await SearchEngine.connect(meili.host, meili.masterKey, config.meili.indexPrefix);
    await search.ensureIndexes();
    return { search, close: meili.stop };
  } catch (err) {
    await meili.stop();
    throw err;
  }
}
