import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { mongodBinaryAvailable } from '../../server/lib/embedded/mongod';
import { projectRoot } from '../../server/lib/paths';
import { completePracticeBody } from '../support/factories';

// `npm install && npm start` on a machine with nothing else: the compiled server in a folder of its own, started
// with no configuration (no MONGODB_URI, no DATA_DIR, no mongod), as a newcomer would. Only PORT is set, because
// other servers share this machine, SEED_PASSWORD, so the test knows the demo accounts' password, and
// MONGOMS_RUNTIME_DOWNLOAD=false: tests never reach beyond this machine, so the mongod download check is skipped
// (offline it fails within seconds and the server goes on exactly as here).

const SEED_PASSWORD = 'fresh-machine-demo-password';
const MINUTE = 60_000;

type Run = { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> };

let appDir: string;

/** The project as `npm install && npm run build` leaves it, minus everything a developer's checkout adds. */
async function freshInstall(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-fresh-'));
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(dir, 'dist')], { cwd: projectRoot });
  let output = '';
  build.stdout.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise((resolve) => build.once('exit', resolve));
  if (code !== 0) throw new Error(`build failed:\n${output}`);
  for (const entry of ['views', 'public', 'server/locales', 'package.json']) {
    fs.cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(dir, 'home'));
  return dir;
}

function start(port: number): Run {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: appDir,
    // A new user's environment: no database settings, and a home without a mongod download cache.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: path.join(appDir, 'home'),
      PORT: String(port),
      SEED_PASSWORD,
      MONGOMS_RUNTIME_DOWNLOAD: 'false',
    },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, run: Run, timeoutMs = 3 * MINUTE): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`server exited early:\n${run.output()}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${run.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A browser's cookie jar and CSRF token, enough to sign in and post. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`${this.base}${pathname}`, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  async csrf(pathname: string): Promise<string> {
    const html = await (await this.fetch(pathname)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${pathname}`);
    return token;
  }

  async signIn(email: string, password: string): Promise<Response> {
    const _csrf = await this.csrf('/sign-in');
    return this.fetch('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, _csrf }).toString(),
    });
  }
}

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGTERM');
  return run.exited;
}

beforeAll(async () => {
  appDir = await freshInstall();
}, 5 * MINUTE);

afterAll(() => {
  fs.rmSync(appDir, { recursive: true, force: true });
});

describe('a fresh machine', () => {
  it('when the built server starts with no configuration in an empty folder, then it serves the demo, finds it, lets a demo account sign in and keeps a new practice across a restart', async () => {
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const expectBundledStore = !(await mongodBinaryAvailable());
    let run = start(port);
    let practiceId: string;
    try {
      await until('the server to listen', () => Promise.resolve(run.output().includes('listening on') ? true : undefined), run);

      const home = await fetch(`${base}/`);
      const homeHtml = await home.text();
      expect(home.status).toBe(200);
      // The demo set's published practices, listed with links to their pages.
      expect(Number(/data-count="practices">(\d+)</.exec(homeHtml)?.[1])).toBeGreaterThan(20);
      expect(homeHtml.match(/<li><a href="\/practices\/[^"]+">[^<]+<\/a>/g)?.length).toBeGreaterThan(3);
      const ready = (await (await fetch(`${base}/readyz`)).json()) as { ready: boolean; database: string };
      expect(ready.ready).toBe(true);
      if (expectBundledStore) {
        expect(ready.database).toBe('bundled-store');
        expect(run.output()).toContain(`database: the bundled store, data in ${path.join(appDir, 'data', 'bundled-store')}`);
      }

      // The demo is indexed by the sync worker in the background: search finds it once that has run.
      const hits = await until('search to find the demo', async () => {
        const body = (await (await fetch(`${base}/api/search?q=remigration`)).json()) as { hits?: { id: string; title: string }[] };
        return body.hits && body.hits.length > 0 ? body.hits : undefined;
      }, run);
      expect(hits[0]?.title).toEqual(expect.any(String));
      const searchPage = await (await fetch(`${base}/search?q=remigration`)).text();
      expect(searchPage).toContain(`href="/practices/${hits[0]?.id}"`);

      const partner = new Browser(base);
      const signedIn = await partner.signIn('demo.partner.daugavpils@example.org', SEED_PASSWORD);
      expect(signedIn.status).toBe(303);
      const created = await partner.fetch('/api/practices', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': await partner.csrf('/account') },
        body: JSON.stringify(completePracticeBody({ title: 'Written just before the restart' })),
      });
      expect(created.status).toBe(201);
      practiceId = ((await created.json()) as { id: string }).id;

      expect(await stop(run)).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }

    run = start(port);
    try {
      await until('the server to listen again', () => Promise.resolve(run.output().includes('listening on') ? true : undefined), run);
      const partner = new Browser(base);
      expect((await partner.signIn('demo.partner.daugavpils@example.org', SEED_PASSWORD)).status).toBe(303);

      const after = await partner.fetch(`/api/practices/${practiceId}`);

      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ id: practiceId, working: { title: 'Written just before the restart' } });
      // The demo is loaded once: the restart found the data and did not seed again.
      expect(run.output()).not.toContain('demo data loaded');
      expect(await stop(run)).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 10 * MINUTE);

  it('when it starts in production mode with no MONGODB_URI, then it refuses the bundled store and says to set MONGODB_URI', async () => {
    if (await mongodBinaryAvailable()) return; // a machine with a mongod would start that instead
    const child = spawn(process.execPath, ['dist/server/main.js'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: path.join(appDir, 'home'),
        PORT: String(await findFreePort()),
        NODE_ENV: 'production',
        SESSION_SECRET: 'x'.repeat(40),
        DATA_DIR: path.join(appDir, 'prod-data'),
        MONGOMS_RUNTIME_DOWNLOAD: 'false',
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));

    const code = await new Promise((resolve) => child.once('exit', resolve));

    expect(code).toBe(1);
    expect(output).toContain('NODE_ENV=production needs a real MongoDB');
    expect(output).toContain('Set MONGODB_URI to a MongoDB 7 or 8');
    expect(output).toContain('ALLOW_BUNDLED_STORE_IN_PRODUCTION=true');
  }, 2 * MINUTE);
});
