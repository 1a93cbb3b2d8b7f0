import type { Connection } from 'mongoose';
import type { Logger } from '../../lib/logger';
import type { Can } from '../../lib/policy';
import type { SearchEngine } from '../../lib/search';
import { createIndexOutbox, type OutboxSource } from '../../lib/search-outbox';
import type { VocabulariesService } from '../vocabularies';
import { toRecommendationDocument, type IndexableRecommendation } from './recommendation.document';
import { termLabels, toSearchDocument, type IndexablePractice } from './search.document';
import { createSynonymsService } from './search-synonyms.service';

export type SearchIndexing = ReturnType<typeof createSearchIndexing>;

/**
 * The indexing side of search: synonyms, the practices index's outbox (sync, reconciliation, rebuilds;
 * spread at the top for the pages and scripts that know only practices) and the recommendations index's.
 */
export function createSearchIndexing(deps: {
  connection: Connection;
  search: SearchEngine;
  source: OutboxSource<IndexablePractice>;
  recommendationsSource: OutboxSource<IndexableRecommendation>;
  vocabularies: VocabulariesService;
  can: Can;
  logger: Logger;
}) {
  const synonyms = createSynonymsService(deps.connection, { search: deps.search, can: deps.can });
  const outbox = createIndexOutbox({
    connection: deps.connection,
    search: deps.search,
    index: 'practices',
    source: deps.source,
    // Labels are read once per pass, so a renamed theme is searchable by its new name after the next change.
    documents: async () => {
      const labels = await termLabels(deps.vocabularies);
      return (practice: IndexablePractice) => toSearchDocument(practice, labels);
    },
    settings: () => synonyms.settings(),
    prepare: () => synonyms.apply(),
    logger: deps.logger,
  });
  const recommendations = createIndexOutbox({
    connection: deps.connection,
    search: deps.search,
    index: 'recommendations',
    source: deps.recommendationsSource,
    documents: async () => {
      const labels = await termLabels(deps.vocabularies);
      return (rec: IndexableRecommendation) => toRecommendationDocument(rec, labels);
    },
    settings: () => synonyms.settings(),
    prepare: () => synonyms.apply(),
    logger: deps.logger,
  });
  return {
    synonyms,
    ...outbox,
    recommendations,
    /** Both indexes' sync and reconciliation, each under its own leases. */
    start(options: Parameters<typeof outbox.start>[0] = {}) {
      outbox.start(options);
      recommendations.start(options);
    },
    async stop() {
      await Promise.all([outbox.stop(), recommendations.stop()]);
    },
  };
}
