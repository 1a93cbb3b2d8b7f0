import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { createServices, type AppDeps } from '../server/app';
import { ConfigError, loadConfig } from '../server/lib/config';
import { connectMongo, type Connection } from '../server/lib/db';
import { createLogger } from '../server/lib/logger';
import { SearchEngine } from '../server/lib/search';
import { DEMO_NOTICE } from './seed/demo-practices';
import { DemoSeedError, seedDemoData, type SeedReport } from './seed/seed-demo-data';

const USAGE = `Loads the DeCoDe demo data set: demo accounts, the network's reference data, 30+ practices
from all eight cities with generated PDF summary sheets, recommendations citing them, a published edition
of the proposals and illustrative adoption cells.

Usage:
  npm run seed              add whatever of the demo set is missing (running it again changes nothing)
  npm run seed -- --reset   remove the demo data first (only that: nothing else is touched), then load it

Demo accounts get the password from SEED_PASSWORD, else a random one printed once. Accounts that
already exist keep their password. MONGODB_URI must point at the server's database (.env is read, as the
server does); the server indexes the practices for search on its own (they are saved as pending).`;

export type SeedIo = { env: NodeJS.ProcessEnv; out: (line: string) => void; err: (line: string) => void };

/** A problem the person running the command can fix; shown as is, without a stack. */
class SeedError extends Error {}

function describe(report: SeedReport, dbName: string): string[] {
  const lines = [
    DEMO_NOTICE,
    '',
    `Database "${dbName}": ${report.created} demo practices created, ${report.existing} already there` +
      (report.removed > 0 ? `, ${report.removed} removed first (--reset)` : '') +
      `; ${report.attachments} PDF summary sheets attached.`,
    `Demo recommendations: ${report.proposals.recommendations.created} created, ${report.proposals.recommendations.existing} already there; ` +
      `edition 1 of the proposals ${report.proposals.edition === 'created' ? 'published' : 'already there'}; ` +
      `${report.proposals.adoption.created} illustrative adoption cells recorded` +
      (report.proposals.removed > 0 ? ` (${report.proposals.removed} demo recommendations, editions and cells removed first)` : '') +
      '.',
  ];
  if (!report.unicodePdfs) {
    lines.push(
      'No TrueType font with Latin Extended-A was found: the PDFs spell ā, ł, ș… without their marks (set DEMO_PDF_FONT).',
    );
  }
  lines.push('', 'Demo accounts:');
  for (const account of report.accounts) {
    lines.push(
      `  ${account.role.padEnd(11)} ${account.email}${account.city ? ` (${account.city})` : ''}${account.created ? '' : ' — existed already, password unchanged'}`,
    );
  }
  if (report.generatedPassword) {
    lines.push('', `Password of the new demo accounts (shown only now): ${report.generatedPassword}`);
  } else if (report.accounts.some((a) => a.created)) {
    lines.push('', 'New demo accounts use the password from SEED_PASSWORD.');
  }
  return lines;
}

/** The whole command, given its arguments; answers the process exit code instead of exiting. */
export async function runSeed(argv: string[], io: SeedIo): Promise<number> {
  let connection: Connection | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { reset: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const config = loadConfig(io.env);
    if (!config.mongodbUri) {
      throw new SeedError(
        'MONGODB_URI is not set. The seed writes to the database the server uses; without MONGODB_URI the server runs ' +
          'its own embedded MongoDB, which only the running server opens — and it loads the demo data by itself the first ' +
          'time it starts on an empty database. Set MONGODB_URI (e.g. MONGODB_URI=mongodb://127.0.0.1:27017/decode) to seed ' +
          'a MongoDB you run yourself.',
      );
    }
    const password = io.env.SEED_PASSWORD?.trim() || undefined;
    if (password !== undefined && password.length < 10)
      throw new SeedError('SEED_PASSWORD must be at least 10 characters long.');

    connection = await connectMongo(config.mongodbUri);
    // The seed only writes to MongoDB: practices are saved as pending for the search index and the server's
    // sync worker indexes them. The engine object is needed to build the services but is not contacted here.
    const search = new SearchEngine(
      config.meili.host ?? 'http://127.0.0.1:7700',
      config.meili.masterKey ?? '',
      config.meili.indexPrefix,
    );
    const logger = createLogger(io.env.LOG_LEVEL ?? 'warn', 'decode-kb-seed');
    const deps: AppDeps = { config, logger, db: connection, search, sessionSecret: randomBytes(32).toString('hex') };
    const services = createServices(deps);
    const report = await seedDemoData(services, { reset: Boolean(values.reset), password, logger });
    for (const line of describe(report, connection.name)) io.out(line);
    return 0;
  } catch (err) {
    if (err instanceof SeedError || err instanceof DemoSeedError || err instanceof ConfigError) io.err(err.message);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
      io.err(`${err.message}\n\n${USAGE}`);
    else io.err(`The seed failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  } finally {
    await connection?.close();
  }
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  void runSeed(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => {
    process.exitCode = code;
  });
}
