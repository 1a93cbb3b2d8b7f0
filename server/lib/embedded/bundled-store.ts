import fs from 'node:fs';
import path from 'node:path';
import { MongoWireServer } from '../../bundled-store/server';
import type { Logger } from '../logger';

export type BundledStore = Readonly<{ uri: string; dir: string; stop(): Promise<void> }>;

export const bundledStoreDir = (dataDir: string): string => path.join(dataDir, 'bundled-store');

/** Whether DATA_DIR already holds the bundled store's data. */
export function hasBundledStoreData(dataDir: string): boolean {
  return fs.existsSync(path.join(bundledStoreDir(dataDir), 'snapshot'));
}

/**
 * The bundled store in this process, durable under DATA_DIR/bundled-store. It listens on 127.0.0.1 on a free
 * port, so the app reaches it like any MongoDB and the scripts reach it through runtime.json.
 */
export async function startBundledStore(options: { dataDir: string; logger: Logger; dbName?: string }): Promise<BundledStore> {
  const dir = bundledStoreDir(options.dataDir);
  const log = options.logger.child({ component: 'bundled-store' });
  // Dropped records and refused writes deserve an operator's eye; the rest (what was loaded, compactions) is routine.
  const server = await MongoWireServer.start({
    dataDir: dir,
    log: (message) => (/dropped|failed|refuses|stale/.test(message) ? log.warn(message) : log.info(message)),
  });
  return Object.freeze({ uri: server.uriFor(options.dbName ?? 'decode'), dir, stop: () => server.stop() });
}
