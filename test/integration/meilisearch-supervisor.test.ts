import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import pino from 'pino';
import { superviseEmbeddedMeilisearch, type SupervisedMeilisearch } from '../../server/lib/embedded/meilisearch-supervisor';

/** The engine the app started itself, killed from outside: the app brings it back. */
let dataDir: string;
let lines: string[];
let meili: SupervisedMeilisearch | undefined;

const logger = () => pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
const logged = (msg: string) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not reached in ${timeoutMs} ms; log:\n${lines.join('')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const alive = (pid: number | undefined) => {
  try {
    return pid !== undefined && process.kill(pid, 0);
  } catch {
    return false;
  }
};

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-supervisor-'));
  lines = [];
});

afterEach(async () => {
  await meili?.stop();
  meili = undefined;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('supervised embedded Meilisearch', () => {
  it('when the engine is killed with SIGKILL, then it is started again at the same address with its data, and the restart is logged', async () => {
    meili = await superviseEmbeddedMeilisearch({ dataDir, logger: logger() });
    const client = new Meilisearch({ host: meili.host, apiKey: meili.masterKey });
    await client.createIndex('kept').waitTask({ timeout: 120_000 });
    const first = meili.pid;

    process.kill(first!, 'SIGKILL');
    await until(() => meili!.pid !== first && meili!.restarts === 1);
    await until(() => client.isHealthy());

    expect(alive(first)).toBe(false);
    expect(alive(meili.pid)).toBe(true);
    expect((await client.getRawIndex('kept')).uid).toBe('kept');
    expect(logged('embedded Meilisearch exited unexpectedly; restarting')).toEqual([
      expect.objectContaining({ level: 40, signal: 'SIGKILL', pid: first, restartInMs: 250 }),
    ]);
    expect(logged('embedded Meilisearch restarted')).toEqual([expect.objectContaining({ level: 30, restarts: 1, pid: meili.pid, host: meili.host })]);
  });

  it('when it dies again soon after a restart, then it waits longer before the next start', async () => {
    meili = await superviseEmbeddedMeilisearch({ dataDir, logger: logger() });

    for (const restarts of [1, 2]) {
      const pid = meili.pid;
      process.kill(pid!, 'SIGKILL');
      await until(() => meili!.restarts === restarts && meili!.pid !== pid);
    }

    expect(logged('embedded Meilisearch exited unexpectedly; restarting').map((l) => l.restartInMs)).toEqual([250, 500]);
  });

  it('when it is stopped, then it stays stopped', async () => {
    meili = await superviseEmbeddedMeilisearch({ dataDir, logger: logger() });
    const pid = meili.pid;

    await meili.stop();
    await new Promise((r) => setTimeout(r, 1000));

    expect(alive(pid)).toBe(false);
    await expect(fetch(`${meili.host}/health`)).rejects.toThrow();
    expect(logged('embedded Meilisearch exited unexpectedly; restarting')).toEqual([]);
    expect(meili.restarts).toBe(0);
  });
});
