import type { Config } from './config';
import { connectMongo, type Connection } from './db';
import { startEmbeddedMeilisearch } from './embedded/meilisearch';
import { startEmbeddedMongod } from './embedded/mongod';
import type { Logger } from './logger';
import { SearchEngine } from './search';

export type Infrastructure = {
  db: Connection;
  search: SearchEngine;
  /** Addresses of the engines this process started itself (for the scripts, via runtime.json). */
  embedded: { mongoUri?: string | undefined; meiliHost?: string | undefined };
  close(): Promise<void>;
};

/**
 * Connects to MongoDB and Meilisearch, starting embedded engines for whatever is not configured.
 * Whatever was started is stopped again if a later step fails, so a failed start leaves no process behind.
 */
export async function startInfrastructure(config: Config, logger: Logger): Promise<Infrastructure> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => logger.error({ err }, 'shutdown step failed'));
  };
  try {
    let meiliHost = config.meili.host;
    let meiliKey = config.meili.masterKey;
    if (!meiliHost) {
      const meili = await startEmbeddedMeilisearch({
        dataDir: config.dataDir,
        bin: config.meili.bin,
        logger,
        production: config.isProduction,
      });
      cleanups.push(meili.stop);
      meiliHost = meili.host;
      meiliKey = meili.masterKey;
    }

    let mongoUri = config.mongodbUri;
    if (!mongoUri) {
      const mongod = await startEmbeddedMongod({ dataDir: config.dataDir, logger });
      cleanups.push(mongod.stop);
      mongoUri = mongod.uri;
    }
    const db = await connectMongo(mongoUri);
    cleanups.push(() => db.close());
    logger.info({ db: db.name }, 'connected to MongoDB');

    const search = await SearchEngine.connect(meiliHost, meiliKey ?? '', config.meili.indexPrefix);
    const changed = await search.ensureIndexes();
    if (changed.length > 0) logger.info({ indexes: changed }, 'search index settings applied');

    return {
      db,
      search,
      embedded: {
        mongoUri: config.mongodbUri ? undefined : mongoUri,
        meiliHost: config.meili.host ? undefined : meiliHost,
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
