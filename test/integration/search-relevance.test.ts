import { RELEVANCE_QUERIES } from '../fixtures/relevance/queries';
import {
  evaluateRelevance,
  formatRelevanceReport,
  loadRelevanceCorpus,
  type RelevanceReport,
} from '../support/relevance';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let report: RelevanceReport;

beforeAll(async () => {
  ctx = await createTestContext();
  await loadRelevanceCorpus(ctx.search, ctx.services);
  report = await evaluateRelevance(ctx.services);
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

describe('the relevance set', () => {
  it('when it is counted, then it has at least 80 queries over all nine languages and every kind', () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(80);
    expect(Object.keys(report.byLanguage).sort()).toEqual(['da', 'de', 'en', 'es', 'it', 'lt', 'lv', 'pl', 'ro']);
    expect(Object.keys(report.byKind).sort()).toEqual([
      'exact',
      'inflection',
      'multi-word',
      'no-diacritics',
      'synonym',
      'typo',
    ]);
  });

  it('when every query is searched, then at least 95 % have an expected practice in the first three results', () => {
    // On failure the message is the whole report: it names each query that missed.
    const ok = report.overall.hitAt3 >= 0.95;

    expect(ok ? 'hit@3 at least 95 %' : formatRelevanceReport(report)).toBe('hit@3 at least 95 %');
  });
});
