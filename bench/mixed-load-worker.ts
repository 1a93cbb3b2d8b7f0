import { parentPort, workerData } from 'node:worker_threads';
import type { LoadRequest } from './load-runner';
import type { AckedSave } from './mixed-load-check';
import { MemberSession, ResponseProblem } from './mixed-load-client';
import { cpuPer, cpuSample, type CpuProcesses } from './process-cpu';

/**
 * The clients of the mixed load phase, in a thread of their own (as the other load tests): each signs
 * in like a browser, then, until the deadline, one request after another, searches or saves one of its
 * practices with the revision it last saw. A save refused with 409 because someone else saved first is
 * read again and retried; every save the server acknowledges is reported for the lost-save check.
 */
export type MixedClient = {
  id: number;
  email: string;
  password: string;
  /** Practices no other client edits. */
  own: string[];
  /** A practice the clients of one city share, so that some saves really race. */
  shared: string;
};

export type MixedJob = {
  baseUrl: string;
  clients: MixedClient[];
  durationMs: number;
  /** The searches-only run just before, with the same clients: the floor the mixed searches are compared to. */
  floorMs: number;
  timeoutMs: number;
  /** Fraction of operations that are searches; the rest are saves. */
  searchShare: number;
  /** Fraction of saves that go to the shared practice. */
  sharedShare: number;
  /** Attempts of one save (the first and the retries after conflicts). */
  maxAttempts: number;
  searches: LoadRequest[];
  /** The engines' processes, for CPU per request of the mixed run alone. */
  processes: CpuProcesses;
};

export type MixedError = { client: number; what: string; problem: string };

export type MixedOutcome = {
  latencies: { search: number[]; save: number[]; conflict: number[]; reread: number[]; floorSearch: number[] };
  /** Saves started (each counts once however many attempts it took). */
  /** Requests sent during the timed run, answered or not. */
  issued: number;
  savesStarted: number;
  conflicts: number;
  errorCount: number;
  errors: MixedError[];
  acks: AckedSave[];
  elapsedMs: number;
  floorElapsedMs: number;
  /** CPU ms per request of the mixed run by process (`bench` is the app with this client thread). */
  cpuMsPerRequest: Record<string, number>;
};

type PracticeAnswer = { revision?: unknown; working?: { summary?: unknown }; published?: { summary?: unknown } | null };

const MARKER = / \(mixed-load c\d+ #\d+\)$/;
const MAX_SUMMARY = 600;

async function run(job: MixedJob): Promise<MixedOutcome> {
  const out: MixedOutcome = {
    latencies: { search: [], save: [], conflict: [], reread: [], floorSearch: [] },
    issued: 0,
    savesStarted: 0,
    conflicts: 0,
    errorCount: 0,
    errors: [],
    acks: [],
    elapsedMs: 0,
    floorElapsedMs: 0,
    cpuMsPerRequest: {},
  };
  const fail = (client: number, what: string, problem: string) => {
    out.errorCount += 1;
    if (out.errors.length < 20) out.errors.push({ client, what, problem });
  };
  const problemOf = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

  type Known = { revision: number | undefined; base: string };
  const sessions = job.clients.map((c) => ({
    client: c,
    session: new MemberSession(job.baseUrl, job.timeoutMs),
    known: new Map<string, Known>(),
  }));
  let running = false;
  const send = (s: (typeof sessions)[number], ...args: Parameters<MemberSession['request']>) => {
    if (running) out.issued += 1;
    return s.session.request(...args);
  };

  /** The practice as the client reads it: its revision, and its summary without an earlier save's marker. */
  async function read(s: (typeof sessions)[number], id: string, timed: boolean): Promise<boolean> {
    const what = `GET /api/practices/${id}`;
    try {
      const res = await send(s, 'GET', `/api/practices/${id}`);
      if (res.status !== 200) {
        fail(s.client.id, what, `HTTP ${res.status}: ${res.body.slice(0, 200)}`);
        return false;
      }
      const body = JSON.parse(res.body) as PracticeAnswer;
      if (typeof body.revision !== 'number' || typeof body.working?.summary !== 'string') {
        fail(s.client.id, what, 'answer without revision or working copy');
        return false;
      }
      const base = s.known.get(id)?.base ?? body.working.summary.replace(MARKER, '');
      s.known.set(id, { revision: body.revision, base });
      if (timed) out.latencies.reread.push(res.ms);
      return true;
    } catch (err) {
      fail(s.client.id, what, problemOf(err));
      return false;
    }
  }

  async function search(s: (typeof sessions)[number], samples: number[]): Promise<void> {
    const request = job.searches[Math.floor(Math.random() * job.searches.length)]!;
    try {
      const res = await send(s, 'GET', request.path, { accept: request.accept });
      if (res.status !== 200) return fail(s.client.id, request.path, `HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      const body = JSON.parse(res.body) as { hits?: unknown };
      if (!Array.isArray(body.hits)) return fail(s.client.id, request.path, 'answer without hits');
      samples.push(res.ms);
    } catch (err) {
      fail(s.client.id, request.path, problemOf(err));
    }
  }

  async function save(s: (typeof sessions)[number], seq: number): Promise<void> {
    const { client } = s;
    const shared = Math.random() < job.sharedShare;
    const id = shared ? client.shared : client.own[seq % client.own.length]!;
    out.savesStarted += 1;
    for (let attempt = 1; attempt <= job.maxAttempts; attempt++) {
      // After a network error the revision is unknown (the save may have landed): read it again.
      if (s.known.get(id)?.revision === undefined && !(await read(s, id, true))) return;
      const known = s.known.get(id)!;
      const marker = ` (mixed-load c${client.id} #${seq})`;
      const summary = known.base.slice(0, MAX_SUMMARY - marker.length) + marker;
      const what = `PATCH /api/practices/${id}`;
      let res: Awaited<ReturnType<MemberSession['request']>>;
      try {
        res = await send(s, 'PATCH', `/api/practices/${id}`, { json: { revision: known.revision, summary } });
      } catch (err) {
        known.revision = undefined;
        return fail(client.id, what, problemOf(err));
      }
      if (res.status === 200) {
        const body = JSON.parse(res.body) as PracticeAnswer;
        if (typeof body.revision !== 'number' || body.working?.summary !== summary) {
          known.revision = undefined;
          return fail(client.id, what, 'acknowledged, but the answer does not show the saved text');
        }
        known.revision = body.revision;
        out.latencies.save.push(res.ms);
        const published = body.published?.summary;
        out.acks.push({
          practiceId: id,
          client: client.id,
          revision: body.revision,
          working: summary,
          published: typeof published === 'string' ? published : null,
        });
        return;
      }
      if (res.status !== 409) return fail(client.id, what, `HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      out.conflicts += 1;
      out.latencies.conflict.push(res.ms);
      // Only the shared practice has another editor: a conflict anywhere else means something moved it.
      if (!shared) fail(client.id, what, '409 on a practice no other client edits');
      known.revision = undefined;
    }
    fail(client.id, `PATCH /api/practices/${id}`, `still in conflict after ${job.maxAttempts} attempts`);
  }

  // Signing in and the first reads are set-up, outside the timed run. One member after another, as people
  // arrive: the sign-in limit per address counts an attempt until it is answered (successes are only
  // taken off afterwards), so 31 sign-ins in flight at once from 127.0.0.1 would meet its limit of 30.
  for (const s of sessions) {
    await s.session.signIn(s.client.email, s.client.password);
    for (const id of [...s.client.own, s.client.shared]) {
      if (!(await read(s, id, false))) throw new ResponseProblem(`client ${s.client.id} could not read practice ${id}`);
    }
  }

  // The floor: the same signed-in clients searching only, on the machine as loaded as it is right now.
  const floorStarted = performance.now();
  const floorDeadline = floorStarted + job.floorMs;
  await Promise.all(
    sessions.map(async (s) => {
      while (performance.now() < floorDeadline) await search(s, out.latencies.floorSearch);
    }),
  );
  out.floorElapsedMs = performance.now() - floorStarted;

  running = true;
  const cpuBefore = cpuSample(job.processes);
  const started = performance.now();
  const deadline = started + job.durationMs;
  await Promise.all(
    sessions.map(async (s) => {
      let seq = 0;
      while (performance.now() < deadline) {
        if (Math.random() < job.searchShare) await search(s, out.latencies.search);
        else await save(s, ++seq);
      }
    }),
  );
  out.elapsedMs = performance.now() - started;
  out.cpuMsPerRequest = cpuPer(cpuBefore, cpuSample(job.processes), out.issued);
  return out;
}

run(workerData as MixedJob).then(
  (outcome) => parentPort!.postMessage({ ok: true, outcome }),
  (err: unknown) =>
    parentPort!.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
