import type { BenchContext } from './bench-engines';
import { summarize, type LatencySummary } from './bench-stats';
import { searchStates } from './search-bench';

/**
 * The floor: what Meilisearch itself needs for the same queries over the same documents, in a plain
 * index (default settings: no synonyms, every attribute searchable), asked with `q` only. Beside it,
 * the app's own Meilisearch requests exactly as the search service builds them (one multi-search per
 * search, facets included), sent with the app's search client. Both one at a time.
 */
export type FloorReport = { documents: number; floor: LatencySummary; appRequests: LatencySummary };

const PLAIN_INDEX = 'plain_floor';

async function copyToPlainIndex(ctx: BenchContext): Promise<{ uid: string; documents: number }> {
  const live = ctx.search.index('practices');
  const uid = `${ctx.search.indexPrefix}${PLAIN_INDEX}`;
  await ctx.search.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
  const plain = ctx.search.client.index(uid);
  const tasks = [];
  let documents = 0;
  for (let offset = 0; ; offset += 1000) {
    const { results } = await live.getDocuments({ limit: 1000, offset });
    if (results.length === 0) break;
    tasks.push(await plain.addDocuments(results));
    documents += results.length;
  }
  for (const task of await ctx.search.client.tasks.waitForTasks(tasks, { timeout: 20 * 60_000 })) {
    if (task.status !== 'succeeded') throw new Error(`plain index: task ${task.status}`);
  }
  return { uid, documents };
}

async function timeEach(count: number, send: (i: number) => Promise<unknown>): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await send(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export async function measureFloor(ctx: BenchContext, requests: number): Promise<FloorReport> {
  const { uid, documents } = await copyToPlainIndex(ctx);
  const states = searchStates();
  const bodies = await Promise.all(states.map((state) => ctx.services.search.requestFor(state)));
  const client = ctx.search.searchClient;
  // One warm-up round of each, so neither side pays for cold caches.
  for (const state of states) await client.index(uid).search(state.q);
  for (const body of bodies) await client.multiSearch({ queries: body.queries });
  const floor = await timeEach(requests, (i) => client.index(uid).search(states[i % states.length]!.q));
  const appRequests = await timeEach(requests, (i) =>
    client.multiSearch({ queries: bodies[i % bodies.length]!.queries }),
  );
  await ctx.search.client.deleteIndex(uid).waitTask({ timeout: 60_000 });
  return { documents, floor, appRequests };
}
