import { setImmediate } from 'node:timers/promises';

const SLICE = 25;

/**
 * Runs `fn` over the items, letting the event loop turn between slices. Building search documents
 * (stemming every text in its language) is synchronous: a thousand in one go would hold this process
 * for seconds, and every request, timer and database heartbeat with it.
 */
export async function forEachYielding<T>(items: readonly T[], fn: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % SLICE === 0) await setImmediate();
    fn(items[i] as T);
  }
}
