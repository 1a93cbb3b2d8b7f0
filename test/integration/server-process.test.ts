import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { projectRoot } from '../../server/lib/paths';
import { testEngines, uniqueName } from '../support/test-context';

// Node itself with tsx's loader, not the tsx command: that one runs the server in a child and, when the
// child is slow to say it handles SIGTERM (a busy machine), ends itself with 143 instead of relaying it.
const fromSource: [string, string[]] = [process.execPath, ['--import', 'tsx', 'server/main.ts']];

type Run = { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> };

function startServer(env: Record<string, string>, command: [string, string[]] = fromSource): Run {
  const child = spawn(command[0], command[1], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, run: Run, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (run.child.exitCode !== null) throw new Error(`server exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let built: Promise<void> | undefined;

/** `npm run build`, once per file: the tests that run the compiled server share it. */
function buildOnce(): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: projectRoot });
    let output = '';
    build.stdout.on('data', (d: Buffer) => (output += d.toString()));
    build.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed:\n${output}`))));
  });
  return built;
}

let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-main-'));
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('when started with MONGODB_URI and no MEILI_HOST, then it serves the home page with the embedded Meilisearch and stops cleanly on SIGTERM', async () => {
    const dbName = uniqueName();
    const uri = new URL(testEngines().mongoUri);
    uri.pathname = `/${dbName}`;
    const port = await findFreePort();
    const run = startServer({ MONGODB_URI: uri.toString(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' });

    try {
      await waitFor(() => run.output().includes('listening on'), run);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      const html = await home.text();
      const meiliPid = Number(/"pid":(\d+)[^\n]*embedded Meilisearch started/.exec(run.output())?.[1]);

      expect(home.status).toBe(200);
      expect(html).toMatch(/data-count="cities">8</);
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toMatchObject({
        checks: { meilisearch: 'ok' },
      });
      expect(fs.statSync(path.join(dataDir, 'meilisearch', 'master-key')).mode & 0o777).toBe(0o600);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('embedded Meilisearch stopped');
      expect(() => process.kill(meiliPid, 0)).toThrow();
    } finally {
      run.child.kill('SIGKILL');
      const client = await MongoClient.connect(uri.toString());
      await client.db(dbName).dropDatabase();
      await client.close();
    }
  }, 180_000);

  it('when the production build is started, then it finds its views, locales and data files and serves pages', async () => {
    // `npm start` runs the compiled output: files read at run time must travel with it or resolve from the root.
    await buildOnce();
    const dbName = uniqueName();
    const uri = new URL(testEngines().mongoUri);
    uri.pathname = `/${dbName}`;
    const port = await findFreePort();
    const run = startServer({ MONGODB_URI: uri.toString(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' }, [
      process.execPath,
      ['dist/server/main.js'],
    ]);

    try {
      await waitFor(() => run.output().includes('listening on'), run);
      const get = (p: string) => fetch(`http://127.0.0.1:${port}${p}`);
      const [home, search, practices] = [await get('/'), await get('/search?q=youth'), await get('/practices')];

      expect([home.status, search.status, practices.status]).toEqual([200, 200, 200]);
      expect(await home.text()).toContain('data-count="cities">8<');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
      const client = await MongoClient.connect(uri.toString());
      await client.db(dbName).dropDatabase();
      await client.close();
    }
  }, 300_000);

  it('when the configuration is invalid, then it exits 1 naming every problem', async () => {
    const run = startServer({ PORT: 'eighty', MONGODB_URI: 'postgres://nope', DATA_DIR: dataDir });

    const code = await run.exited;

    expect(code).toBe(1);
    expect(run.output()).toContain('Invalid configuration');
    expect(run.output()).toMatch(/PORT /);
    expect(run.output()).toMatch(/MONGODB_URI must start with mongodb:\/\//);
  }, 120_000);
});
