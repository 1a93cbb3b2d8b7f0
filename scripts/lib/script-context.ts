import path from 'node:path';
import dotenv from 'dotenv';
import { createServices, type Services } from '../../server/app';
import { loadConfig, type Config } from '../../server/lib/config';
import { connectMongo, type Connection } from '../../server/lib/db';
import { createLogger } from '../../server/lib/logger';
import { readRuntimeInfo } from '../../server/lib/runtime-file';
import { SearchEngine } from '../../server/lib/search';
import { readOrCreateSecret } from '../../server/lib/secrets';

export type ScriptContext = { config: Config; db: Connection; search: SearchEngine; services: Services; close(): Promise<void> };

/** A problem the person running the script can fix: printed without a stack. */
export class ScriptError extends Error {}

/**
 * The same engines the server uses: MONGODB_URI / MEILI_HOST when configured, otherwise those of the
 * server running on this machine (its embedded engines, found through DATA_DIR/runtime.json).
 */
export async function openScriptContext(): Promise<ScriptContext> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const runtime = readRuntimeInfo(config);
  const mongoUri = config.mongodbUri ?? runtime?.mongoUri;
  const meiliHost = config.meili.host ?? runtime?.meiliHost;
  if (!mongoUri || !meiliHost) {
    throw new ScriptError(
      'No database to work on: start the server first (npm start), so this script can use its embedded engines,\n' +
        'or set MONGODB_URI and MEILI_HOST (with MEILI_MASTER_KEY) to the databases to use.',
    );
  }
  const masterKey = config.meili.masterKey ?? readOrCreateSecret(path.join(config.dataDir, 'meilisearch', 'master-key'));
  const db = await connectMongo(mongoUri);
  const search = await SearchEngine.connect(meiliHost, masterKey, config.meili.indexPrefix);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'decode-kb-script');
  const services = createServices({ config, logger, db, search, sessionSecret: 'scripts-do-not-serve-http' });
  return { config, db, search, services, close: () => db.close() };
}

/** Runs a script body with clear failure output and a non-zero exit code. */
export function runScript(body: () => Promise<void>): void {
  body().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof ScriptError ? err.message : err);
      process.exit(1);
    },
  );
}
