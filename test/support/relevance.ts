import type { Services } from '../../server/app';
import { NETWORK_CITIES } from '../../server/features/network/network.data';
import { emptySelection } from '../../server/features/search/search.filters';
import { termLabels, toSearchDocument, type IndexablePractice } from '../../server/features/search/search.document';
import { BASE_CONCEPTS } from '../../server/features/search/search-synonyms.service';
import type { SearchEngine } from '../../server/lib/search';
import { DEMO_PRACTICES } from '../../scripts/seed/demo-practices';
import { RELEVANCE_PRACTICES } from '../fixtures/relevance/practices';
import { RELEVANCE_QUERIES, type RelevanceQuery } from '../fixtures/relevance/queries';
import { indexable } from './search-documents';

/**
 * The relevance set's corpus in an index: the published demo practices and the fixture practices,
 * turned into documents exactly as the sync turns practices into documents, then searched through
 * the search service exactly as the search page and API search.
 */
export async function loadRelevanceCorpus(search: SearchEngine, services: Services): Promise<number> {
  const labels = await termLabels(services.vocabularies);
  const demo: IndexablePractice[] = DEMO_PRACTICES.filter((p) => p.status === 'published').map((p) => {
    const city = NETWORK_CITIES.find((c) => c.slug === p.content.city);
    return {
      id: p.demoSlug,
      revision: 1,
      city: p.content.city,
      cityName: city?.name ?? p.content.city,
      country: p.content.country,
      publishedAt: p.date ? new Date(p.date) : undefined,
      content: {
        ...p.content,
        budget: p.content.budget ?? {},
        results: p.content.results ?? '',
        transferability: p.content.transferability ?? '',
        lessons: p.content.lessons ?? '',
        attachments: [],
      },
    };
  });
  const docs = [...demo, ...RELEVANCE_PRACTICES.map(indexable)].map((p) => toSearchDocument(p, labels, BASE_CONCEPTS));
  const task = await search.index('practices').addDocuments(docs).waitTask({ timeout: 120_000 });
  if (task.status !== 'succeeded')
    throw new Error(`Indexing the relevance corpus failed: ${JSON.stringify(task.error)}`);
  return docs.length;
}

export type QueryOutcome = RelevanceQuery & { rank: number; top: string[] };
type Score = { queries: number; hitAt3: number; mrr: number };
export type RelevanceReport = {
  overall: Score;
  byLanguage: Record<string, Score>;
  byKind: Record<string, Score>;
  outcomes: QueryOutcome[];
};

function score(outcomes: QueryOutcome[]): Score {
  const n = outcomes.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    queries: n,
    hitAt3: round(outcomes.filter((o) => o.rank > 0 && o.rank <= 3).length / n),
    mrr: round(outcomes.reduce((sum, o) => sum + (o.rank > 0 ? 1 / o.rank : 0), 0) / n),
  };
}

const groupBy = (outcomes: QueryOutcome[], key: (o: QueryOutcome) => string) =>
  Object.fromEntries(
    [...new Set(outcomes.map(key))].sort().map((k) => [k, score(outcomes.filter((o) => key(o) === k))]),
  );

/** hit@3 (an expected practice among the first three) and MRR (1 / rank of the first expected one, over ten). */
export async function evaluateRelevance(services: Services, queries = RELEVANCE_QUERIES): Promise<RelevanceReport> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const result = await services.search.query({
      q: query.q,
      filters: emptySelection(),
      ongoing: false,
      sort: 'relevance',
      page: 1,
      hitsPerPage: 10,
    });
    const ids = result.hits.map((h) => h.id);
    const index = ids.findIndex((id) => query.expected.includes(id));
    outcomes.push({ ...query, rank: index + 1, top: ids.slice(0, 3) });
  }
  return {
    overall: score(outcomes),
    byLanguage: groupBy(outcomes, (o) => o.lang),
    byKind: groupBy(outcomes, (o) => o.kind),
    outcomes,
  };
}

export function formatRelevanceReport(report: RelevanceReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const rows = (title: string, scores: Record<string, Score>) => [
    `${title.padEnd(14)} queries  hit@3     MRR`,
    ...Object.entries(scores).map(
      ([k, s]) => `${k.padEnd(14)} ${String(s.queries).padStart(7)}  ${pct(s.hitAt3).padStart(7)}  ${s.mrr.toFixed(3)}`,
    ),
  ];
  const misses = report.outcomes.filter((o) => o.rank === 0 || o.rank > 3);
  return [
    `Relevance set: ${report.overall.queries} queries, hit@3 ${pct(report.overall.hitAt3)}, MRR ${report.overall.mrr.toFixed(3)}`,
    '',
    ...rows('language', report.byLanguage),
    '',
    ...rows('kind', report.byKind),
    '',
    misses.length === 0
      ? 'Every query has an expected practice in its first three results.'
      : [
          'Queries without an expected practice in the first three:',
          ...misses.map(
            (o) =>
              `  [${o.lang} ${o.kind}] "${o.q}" → rank ${o.rank || '> 10'}; first three: ${o.top.join(', ') || 'none'}`,
          ),
        ].join('\n'),
  ].join('\n');
}
