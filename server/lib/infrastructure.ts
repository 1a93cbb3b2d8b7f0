import type { Config } from './config';
import { connectMongo, type Connection } from './db';
import { chooseDatabase, describeDatabase, type DatabaseEngine } from './embedded/database-choice';
import { superviseEmbeddedMeilisearch } from './embedded/meilisearch-supervisor';
import type { Logger } from './logger';
import { SearchEngine } from './search';

export type Infrastructure = {
  db: Connection;
  search: SearchEngine;
  /** Which database this is: MONGODB_URI, a local mongod or the bundled store. */
  database: DatabaseEngine;
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
      // Supervised: if the engine dies, it is started again (logged) and search recovers without a restart.
      const meili = await superviseEmbeddedMeilisearch({
        dataDir: config.dataDir,
        bin: config.meili.bin,
        logger,
        production: config.isProduction,
      });
      cleanups.push(meili.stop);
      meiliHost = meili.host;
      meiliKey = meili.masterKey;
    }

    const chosen = await chooseDatabase(config, logger);
    cleanups.push(() => chosen.stop());
    logger.info({ database: chosen.kind }, describeDatabase(chosen));
    const mongoUri = chosen.uri;
    const db = await connectMongo(mongoUri);
    cleanups.push(() => db.close());
    logger.info({ db: db.name }, 'connected to MongoDB');

    const search = await SearchEngine.connect(meiliHost, meiliKey ?? '', config.meili.indexPrefix);
    const changed = await search.ensureIndexes();
    if (changed.length > 0) logger.info({ indexes: changed }, 'search index settings applied');

    return {
      db,
      search,
      database: { kind: chosen.kind, detail: chosen.detail },
      embedded: {
        mongoUri: chosen.started ? mongoUri : undefined,
        meiliHost: config.meili.host ? undefined : meiliHost,
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
