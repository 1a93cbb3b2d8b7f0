import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { mongodBinaryAvailable } from '../../server/lib/embedded/mongod';
import { projectRoot } from '../../server/lib/paths';
import { testEngines, uniqueName } from '../support/test-context';

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

type Run = { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> };

function startServer(env: Record<string, string>, command: [string, string[]] = [tsx, ['server/main.ts']]): Run {
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

async function waitFor(predicate: () => boolean, run: Run, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (run.child.exitCode !== null) throw new Error(`server exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toMatchObject({ checks: { meilisearch: 'ok' } });
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
  });

  it('when the production build is started, then it finds its views, locales and data files and serves pages', async () => {
    // `npm start` runs the compiled output: files read at run time must travel with it or resolve from the root.
    const build = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: projectRoot });
    expect(await new Promise((resolve) => build.once('exit', resolve))).toBe(0);
    const dbName = uniqueName();
    const uri = new URL(testEngines().mongoUri);
    uri.pathname = `/${dbName}`;
    const port = await findFreePort();
    const run = startServer(
      { MONGODB_URI: uri.toString(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' },
      [process.execPath, ['dist/server/main.js']],
    );

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
  }, 120_000);

  it('when the configuration is invalid, then it exits 1 naming every problem', async () => {
    const run = startServer({ PORT: 'eighty', MONGODB_URI: 'postgres://nope', DATA_DIR: dataDir });

    const code = await run.exited;

    expect(code).toBe(1);
    expect(run.output()).toContain('Invalid configuration');
    expect(run.output()).toMatch(/PORT /);
    expect(run.output()).toMatch(/MONGODB_URI must start with mongodb:\/\//);
  });

  it('when no mongod binary can be had and MONGODB_URI is unset, then it exits 1 saying what to do', async () => {
    if (await mongodBinaryAvailable()) return; // a machine with a cached mongod starts it instead
    const run = startServer({ DATA_DIR: dataDir, PORT: String(await findFreePort()), MONGOMS_RUNTIME_DOWNLOAD: 'false', LOG_LEVEL: 'silent' });

    const code = await run.exited;

    expect(code).toBe(1);
    expect(run.output()).toContain('No MongoDB server could be started');
    expect(run.output()).toContain('MONGODB_URI');
    expect(run.output()).toContain('MONGOMS_SYSTEM_BINARY');
    expect(run.output()).toContain('npm run mongo:test-server');
    expect(fs.existsSync(path.join(dataDir, 'meilisearch', 'master-key'))).toBe(true);
  });
});
