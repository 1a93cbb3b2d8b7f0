import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time per process, read from /proc (Linux), so a phase can say where its work went: the bench
 * process (app and load client), Meilisearch, and the MongoDB server when it is a child of this one.
 * On a 2-core machine shared with other work, CPU per request is steadier than wall-clock latency.
 */
export type CpuProcesses = Record<string, number | undefined>;
export type CpuSample = Record<string, number | undefined>;

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process in ms; undefined when /proc cannot tell. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

/** This process's children with the given command name (the embedded Meilisearch has no pid in its API). */
export function childPid(command: string): number | undefined {
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm === command) return Number(entry);
    }
  } catch {
    // not Linux, or a process ended while the list was read
  }
  return undefined;
}

export function cpuSample(processes: CpuProcesses): CpuSample {
  const usage = process.cpuUsage();
  const sample: CpuSample = { bench: (usage.user + usage.system) / 1000 };
  for (const [name, pid] of Object.entries(processes)) sample[name] = pid ? processCpuMs(pid) : undefined;
  return sample;
}

/** CPU ms per unit of work between two samples, per process; a process /proc could not read is left out. */
export function cpuPer(before: CpuSample, after: CpuSample, units: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, start] of Object.entries(before)) {
    const end = after[name];
    if (start === undefined || end === undefined || units === 0) continue;
    out[name] = Math.round(((end - start) / units) * 10) / 10;
  }
  return out;
}
