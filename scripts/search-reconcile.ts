// npm run search:reconcile — compares MongoDB and the search index and repairs any drift.
import { openScriptContext, runScript } from './lib/script-context';

runScript(async () => {
  const ctx = await openScriptContext();
  try {
    const report = await ctx.services.searchIndexing.reconcile();
    // Requeued practices are sent by the sync; run one here so the index is right when this exits.
    await ctx.services.searchIndexing.sync.drain();
    console.log(`Checked ${report.checked} practices: ${report.requeued.length} sent again, ${report.removed.length} removed from the index.`);
    const recs = await ctx.services.searchIndexing.recommendations.reconcile();
    await ctx.services.searchIndexing.recommendations.sync.drain();
    console.log(`Checked ${recs.checked} recommendations: ${recs.requeued.length} sent again, ${recs.removed.length} removed from the index.`);
  } finally {
    await ctx.close();
  }
});
