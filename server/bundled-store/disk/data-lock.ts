import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Holder = { pid: number; hostname: string; processStart: string | null; since: string };

/** Another process holds the folder: two writers would interleave their journals and lose data. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    holder: Holder | undefined,
  ) {
    const who = holder ? `process ${holder.pid} on ${holder.hostname}, since ${holder.since}` : 'another process';
    const otherHost = holder && holder.hostname !== os.hostname();
    super(
      `The bundled store's data folder ${dir} is in use by ${who}. ` +
        'Only one server can use it at a time: stop the other one first, or set DATA_DIR to another folder.' +
        (otherHost ? ` If ${holder.hostname} no longer uses this folder, delete ${path.join(dir, LOCK_FILE)}.` : ''),
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'LOCK';
const heldHere = new Set<string>();

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null where /proc is missing. */
function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    return typeof holder.pid === 'number' && typeof holder.hostname === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the recorded holder may still be running. A process on another host cannot be checked, so it counts
 * as alive. A recorded pid equal to ours belongs to an earlier life of this container (pid 1 again), unless this
 * process holds the folder itself; a pid that now belongs to a process started at another time was reused.
 */
function mayBeAlive(holder: Holder, dir: string): boolean {
  if (holder.hostname !== os.hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(dir);
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStart(holder.pid);
  return !(started !== null && holder.processStart !== null && started !== holder.processStart);
}

function isRecent(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < 5000;
  } catch {
    return false;
  }
}

export type DataLock = { release(): void };

/**
 * A lock file in the data folder naming the process that holds it, as PostgreSQL's postmaster.pid does: a lock
 * left by a process that died (SIGKILL, power loss) is recognised as stale and taken over at once, without the
 * timed expiry of heartbeat locks that a busy machine can miss.
 */
export function acquireDataLock(dir: string, onStale: (message: string) => void = () => undefined): DataLock {
  const key = path.resolve(dir);
  const file = path.join(key, LOCK_FILE);
  const mine: Holder = {
    pid: process.pid,
    hostname: os.hostname(),
    processStart: processStart(process.pid),
    since: new Date().toISOString(),
  };
  const content = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      heldHere.add(key);
      return {
        release() {
          heldHere.delete(key);
          // Only our own lock: a release after a takeover must not remove the new holder's.
          if (readHolder(file)?.since === mine.since && readHolder(file)?.pid === mine.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && mayBeAlive(holder, key)) throw new DataDirLockedError(key, holder);
      // An unreadable lock is either being written right now by a process starting beside us, or was cut short
      // by a crash while it was written; only an old one is stale.
      if (!holder && isRecent(file)) throw new DataDirLockedError(key, undefined);
      onStale(
        holder
          ? `removing the stale lock of process ${holder.pid} (no longer running) from ${key}`
          : `removing an unreadable lock file from ${key}`,
      );
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(key, readHolder(file));
}
