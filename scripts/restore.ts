// npm run restore -- FILE: loads a backup archive into an empty database and rebuilds the search index.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { createServices } from '../server/app';
import { ConfigError, loadConfig } from '../server/lib/config';
import { createLogger } from '../server/lib/logger';
import { readRuntimeInfo } from '../server/lib/runtime-file';
import { progressBar } from './backup/cli-progress-bar';
import { readBackup, RestoreError } from './backup/read-backup';
import { silentProgress, type Progress } from './backup/write-backup';
import { openScriptDatabase, openScriptSearch } from './lib/script-engines';

const USAGE = `Loads a backup archive (from npm run backup) into an empty database and an empty uploads folder,
then rebuilds the search index from the restored practices.

Usage:
  npm run restore -- FILE

The target is MONGODB_URI (with MEILI_HOST) if set, else DATA_DIR and UPLOADS_DIR, as npm start would use them.
Stop the server first. The database must be empty: restore into a new DATA_DIR, or an empty MongoDB database.
If anything fails part-way, what was loaded is removed again.`;

export type RestoreIo = {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  progress?: (verb: string) => Progress;
};

export async function runRestore(argv: string[], io: RestoreIo): Promise<number> {
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new RestoreError(`Name one backup archive.\n\n${USAGE}`);
    const file = path.resolve(positionals[0] as string);
    if (!fs.existsSync(file)) throw new RestoreError(`${file} does not exist.`);
    const config = loadConfig(io.env);
    const running = readRuntimeInfo(config);
    if (running) throw new RestoreError(`The server (pid ${running.pid}) is running on ${config.dataDir}: stop it first.`);
    const logger = createLogger(io.env.LOG_LEVEL ?? 'warn', 'decode-kb-restore');
    const progress = io.progress ?? (() => silentProgress);

    const database = await openScriptDatabase(config, logger);
    closers.push(() => database.close());
    const search = await openScriptSearch(config, logger);
    closers.push(() => search.close());
    const result = await readBackup({ file, db: database.db, uploadsDir: config.uploadsDir, progress: progress('Restoring') });
    io.out(`Restored ${result.documents} documents in ${result.manifest.collections.length} collections and ${result.files} uploaded files`);
    io.out(`  from ${path.basename(file)}, written ${result.manifest.createdAt} by ${result.manifest.app.name} ${result.manifest.app.version}`);

    const services = createServices({ config, logger, db: database.db, search: search.search, sessionSecret: randomBytes(32).toString('hex') });
    const bar = progress('Rebuilding the search index');
    let shown: number | undefined;
    const reindexed = await services.searchIndexing.reindex({
      onProgress: ({ done, total }) => {
        if (shown === undefined) bar.start(total, 'practices');
        bar.advance(done - (shown ?? 0));
        shown = done;
      },
    });
    bar.stop();
    io.out(`Search index rebuilt: ${reindexed.indexed} published practices.`);
    // The restored data is this installation's: the server must not load the demo set over it.
    if (database.startedHere) fs.writeFileSync(path.join(config.dataDir, 'demo-seeded'), `restored ${new Date().toISOString()}\n`);
    return 0;
  } catch (err) {
    if (err instanceof RestoreError || err instanceof ConfigError) io.err(err.message);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) io.err(`${err.message}\n\n${USAGE}`);
    else io.err(`The restore failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  void runRestore(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: progressBar,
  }).then((code) => process.exit(code));
}
