// npm run eval:relevance — hit@3 and MRR of the relevance set (test/fixtures/relevance), per language and per kind.
import { startBenchContext } from '../bench/bench-engines';
import { evaluateRelevance, formatRelevanceReport, loadRelevanceCorpus } from '../test/support/relevance';

async function main(): Promise<number> {
  const ctx = await startBenchContext();
  try {
    const practices = await loadRelevanceCorpus(ctx.search, ctx.services);
    console.log(
      `${practices} practices indexed (published demo practices and the relevance fixtures); MongoDB: ${ctx.mongo.description}`,
    );
    const report = await evaluateRelevance(ctx.services);
    console.log(formatRelevanceReport(report));
    return 0;
  } finally {
    await ctx.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
