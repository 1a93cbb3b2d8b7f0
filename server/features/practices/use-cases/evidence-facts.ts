import type { PracticeDoc } from '../persistence/practice-model';
import { isListed } from '../domain/listing';
import type { PracticeContent } from '../domain/practice-fields';
import type { PracticesContext } from './context';

/** Why a practice no longer stands as evidence, or `listed` when it does. */
export type EvidenceState = 'listed' | 'archived' | 'deleted' | 'unpublished' | 'gone';

/**
 * What another record citing a practice may show of it: facts of the published copy, and only while the
 * practice is listed (public and findable). For any other practice only its state is told.
 */
export type PracticeFacts =
  | {
      id: string;
      state: 'listed';
      title: string;
      /** The title in English when the practice is written in another language. */
      titleEn: string | undefined;
      summary: string;
      city: string;
      cityName: string;
      country: string;
      period: PracticeContent['period'];
      indicators: PracticeContent['indicators'];
      illustrative: boolean;
    }
  | { id: string; state: Exclude<EvidenceState, 'listed'> };

function stateOf(doc: PracticeDoc): EvidenceState {
  if (isListed(doc)) return 'listed';
  if (doc.deleted) return 'deleted';
  return doc.status === 'archived' ? 'archived' : 'unpublished';
}

export function evidenceFacts(ctx: PracticesContext) {
  const { reads } = ctx;

  return {
    /**
     * The facts of the given practices, in the order asked, for recommendations that cite them. A trusted
     * read: it tells nothing that is not public (the published copy of a listed practice) besides states.
     */
    async evidenceFacts(ids: readonly string[]): Promise<PracticeFacts[]> {
      const docs = await reads.citedFacts(ids);
      const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
      return ids.map((id): PracticeFacts => {
        const doc = byId.get(id);
        if (!doc) return { id, state: 'gone' };
        const state = stateOf(doc);
        if (state !== 'listed' || !doc.published) return { id, state: state === 'listed' ? 'unpublished' : state };
        const p = doc.published;
        return {
          id,
          state,
          title: p.title,
          titleEn: p.titleEn || undefined,
          summary: p.summary ?? '',
          city: doc.city,
          cityName: doc.cityName,
          country: doc.country,
          period: p.period ?? { ongoing: false },
          indicators: p.indicators ?? [],
          illustrative: Boolean(p.illustrative),
        };
      });
    },
  };
}
