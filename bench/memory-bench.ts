import fs from 'node:fs';
import type { Services } from '../server/app';
import { perSecond, timed } from './bench-stats';

export type MemorySnapshot = {
  label: string;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  otherProcessRssMb?: number | undefined;
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Full collections until the heap stops shrinking, so a snapshot shows what is retained, not garbage. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('global.gc is not exposed (run node with --expose-gc)');
  let last = Infinity;
  for (let i = 0; i < 5; i++) {
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 64 * 1024) break;
    last = used;
  }
}

/** VmRSS of another process (the MongoDB test server), from /proc; undefined elsewhere. */
function processRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

export function snapshot(label: string, otherPid?: number): MemorySnapshot {
  collectGarbage();
  const m = process.memoryUsage();
  return {
    label,
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    otherProcessRssMb: processRssMb(otherPid),
  };
}

export type ReconcileMemoryReport = {
  checked: number;
  requeued: number;
  removed: number;
  seconds: number;
  perSecond: number;
  baselineHeapMb: number;
  /** Highest heapUsed seen while reconciling (sampled every few ms, no gc in between), over the baseline. */
  peakGrowthMb: number;
  /** heapUsed after reconciling and a full gc, over the baseline: what reconciliation kept. */
  retainedGrowthMb: number;
};

/**
 * Reconciliation of the whole corpus against the index, with the heap sampled throughout. It reads in
 * batches, so its peak must not depend on the corpus size. The baseline is taken after a full gc.
 */
export async function measureReconcile(services: Services): Promise<ReconcileMemoryReport> {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 2);
  try {
    const { value, ms } = await timed(() => services.searchIndexing.reconcile());
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    clearInterval(sampler);
    collectGarbage();
    const retained = process.memoryUsage().heapUsed;
    return {
      checked: value.checked,
      requeued: value.requeued.length,
      removed: value.removed.length,
      seconds: Math.round(ms) / 1000,
      perSecond: perSecond(value.checked, ms),
      baselineHeapMb: mb(baseline),
      peakGrowthMb: mb(peak - baseline),
      retainedGrowthMb: mb(retained - baseline),
    };
  } finally {
    clearInterval(sampler);
  }
}
