import {
  toSearchDocument,
  type IndexablePractice,
  type PracticeSearchDocument,
} from '../../server/features/search/search.document';
import { termLabels } from '../../server/features/search/search.document';
import { BASE_CONCEPTS } from '../../server/features/search/search-synonyms.service';
import type { TestContext } from './test-context';

/**
 * Query-side search tests index documents directly (built with toSearchDocument, exactly as the sync worker
 * builds them), so query-side tests do not depend on the worker's timing.
 */
export type PracticeFixture = Partial<Omit<IndexablePractice, 'content'>> & {
  id: string;
  content: Partial<IndexablePractice['content']> & { title: string };
};

export function indexable(fixture: PracticeFixture): IndexablePractice {
  return {
    revision: 1,
    city: 'daugavpils',
    cityName: 'Daugavpils',
    country: 'LV',
    publishedAt: new Date('2020-01-15T10:00:00Z'),
    ...fixture,
    content: {
      summary: '',
      themes: [],
      targetGroups: [],
      period: { ongoing: false },
      budget: {},
      description: '',
      results: '',
      transferability: '',
      lessons: '',
      indicators: [],
      attachments: [],
      ...fixture.content,
    },
  };
}

export async function indexPractices(ctx: TestContext, fixtures: PracticeFixture[]): Promise<PracticeSearchDocument[]> {
  const labels = await termLabels(ctx.services.vocabularies);
  const docs = fixtures.map((f) => toSearchDocument(indexable(f), labels, BASE_CONCEPTS));
  const task = await ctx.search.client
    .index(ctx.search.indexUid('practices'))
    .addDocuments(docs)
    .waitTask({ timeout: 60_000 });
  if (task.status !== 'succeeded') throw new Error(`Indexing failed: ${JSON.stringify(task.error)}`);
  return docs;
}

/** Indexes raw documents (for values no practice form would accept, such as quotes in a slug). */
export async function indexRawDocuments(ctx: TestContext, docs: PracticeSearchDocument[]): Promise<void> {
  const task = await ctx.search.client
    .index(ctx.search.indexUid('practices'))
    .addDocuments(docs)
    .waitTask({ timeout: 60_000 });
  if (task.status !== 'succeeded') throw new Error(`Indexing failed: ${JSON.stringify(task.error)}`);
}

/** Text content of an HTML fragment, tags removed and whitespace collapsed (for asserting on what a reader sees). */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
