import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import dotenv from 'dotenv';
import createApp, { createServices, type Services } from './app';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { ConfigError, loadConfig, type Config } from './lib/config';
import { startInfrastructure } from './lib/infrastructure';
import { createLogger, type Logger } from './lib/logger';
import { readOrCreateSecret } from './lib/secrets';
import { removeRuntimeInfo, writeRuntimeInfo } from './lib/runtime-file';

const SHUTDOWN_GRACE_MS = 10000;

/**
 * A laptop install (bundled store or embedded mongod) starts with the demo data set so there is something to search;
 * a marker in DATA_DIR makes it happen once, so deleting the demo practices later does not bring them back.
 */
async function seedEmbeddedOnce(config: Config, services: Services, logger: Logger): Promise<void> {
  const marker = path.join(config.dataDir, 'demo-seeded');
  if (fs.existsSync(marker) || (await services.practices.practiceCount()) > 0) return;
  const report = await seedDemoData(services, { logger, password: process.env.SEED_PASSWORD });
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
  logger.info(
    { practices: report.created, attachments: report.attachments },
    'demo data loaded into the empty embedded database',
  );
  if (report.generatedPassword) {
    console.log(
      `\nDemo accounts (${report.accounts.map((a) => a.email).join(', ')}) have the password: ${report.generatedPassword}\n`,
    );
  }
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);

  let infra;
  try {
    infra = await startInfrastructure(config, logger);
  } catch (err) {
    logger.fatal({ err }, 'start-up failed');
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }

  const sessionSecret = config.sessionSecret ?? readOrCreateSecret(path.join(config.dataDir, 'session-secret'));
  const deps = { config, logger, db: infra.db, search: infra.search, sessionSecret, database: infra.database };
  const services = createServices(deps);
  await services.network.ensureReferenceData();
  await services.events.ensureReferenceData();
  await services.vocabularies.ensureReferenceData();
  const admin = await services.auth.ensureInitialAdmin(config.initialAdmin);
  if (admin) logger.info({ email: admin.email }, 'first administrator created from ADMIN_EMAIL');

  if (infra.embedded.mongoUri) await seedEmbeddedOnce(config, services, logger);
  services.searchIndexing.start();
  // Imports a previous process left unfinished carry on (their rows are written once, by import key).
  services.imports.resume();
  writeRuntimeInfo(config, { pid: process.pid, ...infra.embedded, database: infra.database.kind });

  const server = http.createServer(createApp(deps, services));
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info(`DeCoDe knowledge base listening on http://${config.host}:${config.port} (${config.baseUrl})`);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('grace period over: closing remaining connections');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // close() waits for in-flight requests; idle keep-alive sockets would otherwise hold it open.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await services.imports.stop();
    await services.searchIndexing.stop();
    removeRuntimeInfo(config);
    await infra.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
