// npm run backup [-- --out FILE]: the whole database and the uploads folder in one archive.
import path from 'node:path';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../server/lib/config';
import { createLogger } from '../server/lib/logger';
import { appVersion } from '../server/lib/openapi';
import { projectRoot } from '../server/lib/paths';
import { progressBar } from './backup/cli-progress-bar';
import { silentProgress, writeBackup, type Progress } from './backup/write-backup';
import { openScriptDatabase } from './lib/script-engines';

const USAGE = `Writes one backup archive (.tar.gz): every collection of the database (BSON, with its indexes), the
uploads folder, and a manifest with versions and counts. The search index is rebuilt on restore.

Usage:
  npm run backup                    writes backups/decode-kb-<date and time>.tar.gz
  npm run backup -- --out FILE      writes FILE

It reads the database the server uses: MONGODB_URI if set, else the running server's, else the one in DATA_DIR
(started for the backup). It can run while the server runs. The archive holds password hashes and personal data:
it is written readable by its owner only; keep it that way.`;

export type BackupIo = { env: NodeJS.ProcessEnv; out: (line: string) => void; err: (line: string) => void; progress?: Progress };

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');

export async function runBackup(argv: string[], io: BackupIo): Promise<number> {
  let close: (() => Promise<void>) | undefined;
  try {
    const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const config = loadConfig(io.env);
    const logger = createLogger(io.env.LOG_LEVEL ?? 'warn', 'decode-kb-backup');
    const database = await openScriptDatabase(config, logger);
    close = () => database.close();
    const out = path.resolve(values.out ?? path.join(projectRoot, 'backups', `decode-kb-${stamp()}.tar.gz`));
    const result = await writeBackup({
      db: database.db,
      uploadsDir: config.uploadsDir,
      out,
      engine: database.engine.kind,
      app: { name: 'decode-knowledge-base', version: appVersion() },
      progress: io.progress ?? silentProgress,
    });
    const { manifest } = result;
    io.out(`Backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB)`);
    io.out(`  database "${manifest.source.database}" on ${manifest.source.engine} ${manifest.source.serverVersion}`);
    for (const c of manifest.collections) io.out(`  ${c.name.padEnd(24)} ${String(c.documents).padStart(8)} documents, ${c.indexes} indexes`);
    io.out(`  uploads                  ${String(manifest.uploads.files).padStart(8)} files, ${(manifest.uploads.bytes / 1024 / 1024).toFixed(1)} MB`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) io.err(err.message);
    else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) io.err(`${err.message}\n\n${USAGE}`);
    else io.err(`The backup failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await close?.().catch(() => undefined);
  }
}

if (require.main === module) {
  dotenv.config({ quiet: true });
  void runBackup(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: progressBar('Backing up'),
  }).then((code) => process.exit(code));
}
