import { trusted } from 'mongoose';
import { AppError } from '../../../lib/errors';
import type { EditionDoc } from '../persistence/edition-model';
import {
  buildEditionDocument,
  type EditionDocument,
  type EditionItem,
  type Reference,
} from '../domain/edition-document';
import {
  actorOf,
  deny,
  loadReadable,
  mayCurate,
  type Caller,
  type ChoosableRecommendation,
  type ProposalsContext,
} from './context';

/** An edition in a list. */
export type EditionSummary = {
  id: string;
  status: 'draft' | 'published';
  number: number | undefined;
  title: string;
  publishedAt: Date | undefined;
  recommendationCount: number;
  updatedAt: Date;
  demo: boolean;
};

/** What the draft editor shows: the draft, the final recommendations to choose from, and chosen ones that are not final. */
export type EditionEditor = {
  edition: EditionSummary & { revision: number; introduction: string; recommendations: string[] };
  choices: ChoosableRecommendation[];
  /** Chosen recommendations that are no longer final (they block publishing until removed or made final again). */
  notFinal: { id: string; title: string; status: string }[];
  nextNumber: number;
};

const LIST_MAX = 500;

export const isDemo = (doc: Pick<EditionDoc, 'importKey'>) => doc.importKey?.startsWith('demo:') ?? false;

export function summaryOf(doc: EditionDoc): EditionSummary {
  return {
    id: doc._id.toHexString(),
    status: doc.status,
    number: doc.number,
    title: doc.content.title,
    publishedAt: doc.publishedAt,
    recommendationCount: doc.frozen ? doc.frozen.items.length : doc.content.recommendations.length,
    updatedAt: doc.updatedAt,
    demo: isDemo(doc),
  };
}

/** Reading editions: lists, and the document of one edition as every rendering of it uses it. */
export function reading(ctx: ProposalsContext, helpers: { nextNumber(): Promise<number> }) {
  const { models, deps } = ctx;
  const { Edition } = models;

  /** A published edition from its frozen parts only: later edits of the recommendations never reach it. */
  async function publishedItems(doc: EditionDoc): Promise<EditionItem[]> {
    const items = await Promise.all(
      (doc.frozen?.items ?? []).map(async (item) => {
        const frozen = await deps.recommendations.frozen(item.recommendationId, item.revision).catch((err: unknown) => {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          // Final recommendations cannot be erased, so this is damage, not a state: say so and leave it out.
          deps.logger.error({ edition: doc._id.toHexString(), ...item }, 'frozen recommendation revision missing');
          return undefined;
        });
        return frozen
          ? { recommendationId: item.recommendationId, revision: item.revision, text: frozen.text }
          : undefined;
      }),
    );
    return items.filter((i): i is EditionItem => i !== undefined);
  }

  /** A draft as it would be published now (a preview for the curators). */
  async function draftItems(caller: Caller, doc: EditionDoc): Promise<EditionItem[]> {
    const items = await Promise.all(
      doc.content.recommendations.map((id) =>
        deps.recommendations.current(caller, id).then(
          (rec) => ({ recommendationId: rec.id, revision: rec.revision, text: rec.text }),
          (err: unknown) => {
            if (!(err instanceof AppError) || err.status >= 500) throw err;
            return undefined;
          },
        ),
      ),
    );
    return items.filter((i): i is EditionItem => i !== undefined);
  }

  async function documentOf(caller: Caller, doc: EditionDoc, locale: string): Promise<EditionDocument> {
    const published = doc.status === 'published' && doc.frozen;
    const items = published ? await publishedItems(doc) : await draftItems(caller, doc);
    const [groups, references] = published
      ? [doc.frozen!.groups, doc.frozen!.references]
      : await Promise.all([
          deps.recommendations.groups(),
          deps.recommendations.references(items.flatMap((i) => i.text.evidence)),
        ]);
    return buildEditionDocument(
      {
        id: doc._id.toHexString(),
        status: doc.status,
        number: doc.number ?? (await helpers.nextNumber()),
        title: doc.content.title,
        introduction: doc.content.introduction,
        publishedAt: doc.publishedAt,
        demo: isDemo(doc),
      },
      items,
      { groups, references: new Map(references.map((r: Reference) => [r.practiceId, r])), locale },
    );
  }

  return {
    /** Published editions, newest first; for the curators, their drafts first. */
    async list(caller: Caller): Promise<EditionSummary[]> {
      if (!deps.can(actorOf(caller), 'public.read')) deny(caller);
      const statuses: EditionDoc['status'][] = mayCurate(deps, caller) ? ['draft', 'published'] : ['published'];
      const docs = await Edition.find({ deleted: false, status: trusted({ $in: statuses }) })
        .sort({ status: 1, number: -1, updatedAt: -1 })
        .limit(LIST_MAX)
        .lean<EditionDoc[]>();
      return docs.map(summaryOf);
    },

    /** The newest published edition, if there is one (the home page shows it). */
    async latest(caller: Caller): Promise<EditionSummary | undefined> {
      if (!deps.can(actorOf(caller), 'public.read')) return undefined;
      const doc = await Edition.findOne({ deleted: false, status: 'published' })
        .sort({ number: -1 })
        .lean<EditionDoc>();
      return doc ? summaryOf(doc) : undefined;
    },

    async summary(caller: Caller, id: string): Promise<EditionSummary> {
      return summaryOf(await loadReadable(ctx, caller, id));
    },

    /** The document of an edition: a published one from its frozen parts, a draft as a preview. */
    async document(caller: Caller, id: string, locale: string): Promise<EditionDocument> {
      return documentOf(caller, await loadReadable(ctx, caller, id), locale);
    },

    async editor(caller: Caller, id: string): Promise<EditionEditor> {
      if (!mayCurate(deps, caller)) deny(caller);
      const doc = await loadReadable(ctx, caller, id);
      const [choices, chosen, nextNumber] = await Promise.all([
        deps.recommendations.listFinal(caller),
        Promise.all(
          doc.content.recommendations.map((rid) => deps.recommendations.current(caller, rid).catch(() => undefined)),
        ),
        helpers.nextNumber(),
      ]);
      return {
        edition: {
          ...summaryOf(doc),
          revision: doc.revision,
          introduction: doc.content.introduction,
          recommendations: [...doc.content.recommendations],
        },
        choices,
        notFinal: chosen.flatMap((rec, i) =>
          rec?.status === 'final'
            ? []
            : [{ id: doc.content.recommendations[i]!, title: rec?.text.title ?? '', status: rec?.status ?? 'deleted' }],
        ),
        nextNumber,
      };
    },
  };
}
