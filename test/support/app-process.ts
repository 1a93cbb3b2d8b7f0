import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { projectRoot } from '../../server/lib/paths';

/**
 * The real server (server/main.ts) in a process of its own. Node loads tsx as a hook in that same
 * process (the tsx command would put a second process in between), so a SIGKILL reaches the server itself.
 */
export type AppProcess = {
  child: ChildProcessWithoutNullStreams;
  baseUrl: string;
  output(): string;
  /** pino's JSON lines so far, parsed. */
  logLines(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  get(pathname: string): Promise<Response>;
  /** SIGKILL if still running; safe to call twice. */
  kill(): Promise<void>;
};

export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('server', 'main.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: String(port), ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    child,
    baseUrl,
    output: () => output,
    logLines: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    exited,
    get: (pathname) => fetch(`${baseUrl}${pathname}`, { signal: AbortSignal.timeout(30_000) }),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return app;
}

/** Polls until `check` holds; fails early, with the output, if the process ends. */
export async function waitForApp(app: AppProcess, check: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) throw new Error(`server exited while waiting for ${what}:\n${app.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output so far:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const listening = (app: AppProcess) => waitForApp(app, () => app.output().includes('listening on'), 'the server to listen');

/** The status of a request, or 0 when it could not be made at all. */
export const statusOf = (app: AppProcess, pathname: string) =>
  app.get(pathname).then(
    async (res) => {
      await res.arrayBuffer();
      return res.status;
    },
    () => 0,
  );
