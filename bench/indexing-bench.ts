import type { Services } from '../server/app';
import { practiceContent, prng, type BenchAuthors } from './bench-corpus';
import { perSecond, summarize, timed, type LatencySummary } from './bench-stats';

export type ThroughputReport = { practices: number; seconds: number; perSecond: number };

/** The sync indexing everything pending, pass after pass, as after an import or an outage. */
export async function measureDrain(services: Services, expected: number): Promise<ThroughputReport> {
  const before = await services.searchIndexing.sync.status();
  const { ms } = await timed(() => services.searchIndexing.sync.drain());
  const after = await services.searchIndexing.sync.status();
  if (after.pending !== 0) throw new Error(`the sync left ${after.pending} practices pending`);
  if (before.pending !== expected) throw new Error(`expected ${expected} pending practices, found ${before.pending}`);
  return { practices: before.pending, seconds: Math.round(ms) / 1000, perSecond: perSecond(before.pending, ms) };
}

/**
 * One sync pass with nothing pending, as the server runs it four times a second all day: taking the lease and
 * looking for pending practices (an indexed query on the pending flag).
 */
export async function measureIdleSyncPass(services: Services, passes = 10): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < passes; i++) {
    const { value, ms } = await timed(() => services.searchIndexing.sync.runOnce());
    if (!value.leased || value.upserted + value.removed + value.skipped > 0)
      throw new Error('the idle sync pass found work or no lease');
    samples.push(ms);
  }
  return summarize(samples);
}

/** A full rebuild beside the live index and the swap (`npm run search:reindex`). */
export async function measureReindex(services: Services): Promise<ThroughputReport> {
  const { value, ms } = await timed(() => services.searchIndexing.reindex());
  return { practices: value.indexed, seconds: Math.round(ms) / 1000, perSecond: perSecond(value.indexed, ms) };
}

export type SaveToSearchableReport = {
  probes: number;
  found: number;
  timeouts: number;
  /** From the start of the publish call to the first search answer that lists the practice. */
  saveToSearchableMs: LatencySummary;
  /** The publish call alone (the save). */
  publishMs: LatencySummary;
};

const POLL_EVERY_MS = 50;
const PROBE_TIMEOUT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A word found in no other record, and at least three edits from any other probe's word. */
function probeWord(rng: () => number): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return Array.from({ length: 12 }, () => letters[Math.floor(rng() * letters.length)]).join('');
}

async function searchFinds(baseUrl: string, word: string, id: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(word)}&hitsPerPage=5`, {
    signal: AbortSignal.timeout(5000),
  });
  if (res.status !== 200) throw new Error(`search answered HTTP ${res.status}`);
  const body = (await res.json()) as { hits: { id: string }[] };
  return body.hits.some((hit) => hit.id === id);
}

/**
 * With the sync running on its 250 ms timer (`searchIndexing.start()`, as the server runs it), publishes
 * one practice at a time through the workflow (create, submit, publish) and polls the search API
 * every 50 ms until it is listed. Probes start at varying offsets from the timer's tick.
 */
export async function measureSaveToSearchable(
  services: Services,
  authors: BenchAuthors,
  baseUrl: string,
  probes: number,
): Promise<SaveToSearchableReport> {
  const rng = prng(7);
  const totals: number[] = [];
  const publishes: number[] = [];
  let timeouts = 0;
  services.searchIndexing.start();
  try {
    for (let i = 0; i < probes; i++) {
      const word = probeWord(rng);
      const content = practiceContent(1_000_000 + i, rng);
      content.title = `Probe ${word} ${i}`;
      const partner = authors.partners.get(content.city as string)!;
      const draft = await services.practices.create(partner, content);
      await services.practices.submit(partner, draft.id);
      await sleep(Math.floor(rng() * 1000));
      const start = performance.now();
      await services.practices.publish(authors.coordinator, draft.id);
      publishes.push(performance.now() - start);
      let found = false;
      while (performance.now() - start < PROBE_TIMEOUT_MS) {
        if (await searchFinds(baseUrl, word, draft.id)) {
          found = true;
          break;
        }
        await sleep(POLL_EVERY_MS);
      }
      if (found) totals.push(performance.now() - start);
      else timeouts += 1;
    }
  } finally {
    await services.searchIndexing.stop();
  }
  return {
    probes,
    found: totals.length,
    timeouts,
    saveToSearchableMs: summarize(totals),
    publishMs: summarize(publishes),
  };
}
