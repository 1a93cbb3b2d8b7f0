import type { Config } from '../config';
import type { Logger } from '../logger';
import { bundledStoreDir, hasBundledStoreData, startBundledStore } from './bundled-store';
import { hasMongodData, mongodBinaryAvailable, mongodDownloadReachable, startEmbeddedMongod } from './mongod';

/** Which database the app runs on; /readyz and the admin pages name it. */
export type DatabaseKind = 'mongodb' | 'embedded-mongod' | 'bundled-store';
export type DatabaseEngine = Readonly<{ kind: DatabaseKind; detail: string }>;

export type ChosenDatabase = DatabaseEngine & { uri: string; started: boolean; stop(): Promise<void> };

export class BundledStoreRefusedError extends Error {
  constructor(reason: string) {
    super(
      `NODE_ENV=production needs a real MongoDB, but ${reason}. Set MONGODB_URI to a MongoDB 7 or 8, e.g. ` +
        'MONGODB_URI=mongodb://127.0.0.1:27017/decode. (The bundled store is for trying the app on one machine; ' +
        'to run production on it anyway, set ALLOW_BUNDLED_STORE_IN_PRODUCTION=true.)',
    );
    this.name = 'BundledStoreRefusedError';
  }
}

const noop = (): Promise<void> => Promise.resolve();

/**
 * MONGODB_URI; else a local mongod (MONGOMS_SYSTEM_BINARY, mongodb-memory-server's cache, or a download that is
 * given up within seconds when offline); else the bundled store. Data already in DATA_DIR keeps its engine: a
 * laptop that first ran offline must not come back online to an empty mongod, nor the reverse.
 */
export async function chooseDatabase(config: Config, logger: Logger): Promise<ChosenDatabase> {
  if (config.mongodbUri) {
    return { kind: 'mongodb', detail: 'MONGODB_URI', uri: config.mongodbUri, started: false, stop: noop };
  }
  const bundled = async (why: string): Promise<ChosenDatabase> => {
    if (config.isProduction && !config.allowBundledStoreInProduction) throw new BundledStoreRefusedError(why);
    const store = await startBundledStore({ dataDir: config.dataDir, logger });
    return { kind: 'bundled-store', detail: store.dir, uri: store.uri, started: true, stop: store.stop };
  };
  const mongod = async (): Promise<ChosenDatabase> => {
    const started = await startEmbeddedMongod({ dataDir: config.dataDir, logger });
    return { kind: 'embedded-mongod', detail: started.dbPath, uri: started.uri, started: true, stop: started.stop };
  };

  if (hasMongodData(config.dataDir)) return mongod();
  if (hasBundledStoreData(config.dataDir)) return bundled(`${bundledStoreDir(config.dataDir)} holds this installation's data`);
  if (await mongodBinaryAvailable()) return mongod();
  if (await mongodDownloadReachable()) {
    try {
      return await mongod();
    } catch (err) {
      logger.warn({ err }, 'mongod could not be downloaded or started; using the bundled store');
    }
  }
  return bundled('MONGODB_URI is not set and no mongod could be found or downloaded');
}

/** The one start-up line that says where the data is. */
export function describeDatabase(engine: DatabaseEngine): string {
  switch (engine.kind) {
    case 'mongodb':
      return 'database: MongoDB from MONGODB_URI';
    case 'embedded-mongod':
      return `database: a local mongod (mongodb-memory-server), data in ${engine.detail}`;
    case 'bundled-store':
      return `database: the bundled store, data in ${engine.detail} (for trying the app; use MongoDB with MONGODB_URI in production)`;
  }
}
