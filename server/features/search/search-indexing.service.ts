import type { Connection } from 'mongoose';
import type { Logger } from '../../lib/logger';
import type { Can } from '../../lib/policy';
import type { SearchEngine } from '../../lib/search';
import { createIndexOutbox, type OutboxSource } from '../../lib/search-outbox';
import type { VocabulariesService } from '../vocabularies';
import { toRecommendationDocument, type IndexableRecommendation } from './recommendation.document';
import { termLabels, toSearchDocument, type IndexablePractice } from './search.document';
import { BASE_CONCEPTS, createSynonymsService } from './search-synonyms.service';

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
      return (practice: IndexablePractice) => toSearchDocument(practice, labels, BASE_CONCEPTS);
    },
    settings: () => synonyms.settings(),
    // Settings (synonyms included) may have changed while the engine was away; so may the concepts.
    prepare: async () => {
      // Its own index only: the other's settings task would hold up this sync's first pass.
      await synonyms.apply(['practices']);
      await conceptsCurrent();
    },
    logger: deps.logger,
  });

  /**
   * Practices carry the base synonym groups as concepts (search-concepts.ts): when the groups changed
   * since the index was built (a new release), every practice is sent again.
   */
  async function conceptsCurrent(): Promise<void> {
    const state = deps.connection.collection<{ _id: string; version: string }>('search_state');
    const stored = await state.findOne({ _id: 'practices-concepts' });
    if (stored?.version === BASE_CONCEPTS.version) return;
    await deps.source.requeueAll();
    await state.updateOne({ _id: 'practices-concepts' }, { $set: { version: BASE_CONCEPTS.version } }, { upsert: true });
  }

  const recommendations = createIndexOutbox({
    connection: deps.connection,
    search: deps.search,
    index: 'recommendations',
    source: deps.recommendationsSource,
    documents: async () => {
      const labels = await termLabels(deps.vocabularies);
      return (rec: IndexableRecommendation) => toRecommendationDocument(rec, labels);
    },
    settings: () => synonyms.settings('recommendations'),
    prepare: () => synonyms.apply(['recommendations']),
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
