// npm run search:reindex — rebuilds the search index from MongoDB and swaps it in without downtime.
import { SingleBar, Presets } from 'cli-progress';
import { openScriptContext, runScript } from './lib/script-context';

runScript(async () => {
  const ctx = await openScriptContext();
  const bar = new SingleBar({ format: 'Rebuilding the search index [{bar}] {value}/{total} practices', hideCursor: true }, Presets.shades_classic);
  let started = false;
  try {
    const result = await ctx.services.searchIndexing.reindex({
      onProgress: ({ done, total }) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    });
    if (started) bar.stop();
    await ctx.services.searchIndexing.sync.drain();
    console.log(`Indexed ${result.indexed} published practices; ${result.replay.requeued.length} changed during the build and were sent again.`);
    const recs = await ctx.services.searchIndexing.recommendations.reindex();
    await ctx.services.searchIndexing.recommendations.sync.drain();
    console.log(`Indexed ${recs.indexed} recommendations (final or in consultation); ${recs.replay.requeued.length} changed during the build.`);
  } finally {
    if (started) bar.stop();
    await ctx.close();
  }
});
