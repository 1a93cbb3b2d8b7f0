import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../server/app';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../server/lib/embedded/meilisearch';
import { silentLogger } from '../../server/lib/logger';
import { SearchEngine, type SearchIndexName } from '../../server/lib/search';
import type { TestContext } from './test-context';

/**
 * A Meilisearch of one test file's own, with the app's services wired to it, so the file can stop and
 * start it (an outage) without affecting any other test file. It comes back on the same port with the
 * same data, as a restarted server would.
 */
export type OwnMeilisearch = {
  engine: SearchEngine;
  services: Services;
  /** The outage: the engine stops answering. */
  stop(): Promise<void>;
  /** The engine returns, with what it had indexed before. */
  restart(): Promise<void>;
  /** Stops the services' timers and the engine, and removes its data. */
  close(): Promise<void>;
};

export async function startOwnMeilisearch(ctx: TestContext): Promise<OwnMeilisearch> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-own-meili-'));
  const port = await findFreePort();
  let meili: EmbeddedMeilisearch | undefined = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger, port });
  const engine = await SearchEngine.connect(meili.host, meili.masterKey);
  await engine.ensureIndexes();
  const services = createServices({ ...ctx.deps, search: engine });
  return {
    engine,
    services,
    async stop() {
      await meili?.stop();
      meili = undefined;
    },
    async restart() {
      if (!meili) meili = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger, port });
    },
    async close() {
      await services.searchIndexing.stop();
      await meili?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The document an index holds for `id`, or undefined when it holds none. */
export async function indexedDocument<T extends { id: string }>(engine: SearchEngine, index: SearchIndexName, id: string): Promise<T | undefined> {
  return engine
    .index(index)
    .getDocument<T>(id)
    .catch((err: { cause?: { code?: string } }) => {
      if (err.cause?.code === 'document_not_found') return undefined;
      throw err;
    });
}

/** Polls until `check` holds; the limit is generous because a loaded machine restarts Meilisearch slowly. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
