import { NotFoundError } from '../../../lib/errors';
import type { ThreadComment } from '../../../lib/versioned';
import type { CommentKind, CommentMark } from '../persistence/recommendation-model';
import type { Caller } from '../domain/access';
import { commentInput, markInput, parseInput } from '../domain/input';
import type { RecommendationsContext } from './context';
import { signedIn } from './rules';

export type RecommendationComment = ThreadComment<CommentKind, CommentMark>;

/**
 * The consultation thread (the kit's comment thread): members comment while the consultation runs, the
 * curators answer comments and mark those taken into account. Plain text (print it escaped).
 */
export function comments(ctx: RecommendationsContext) {
  const { models, store, deps } = ctx;

  async function commentOf(recordId: Parameters<typeof models.thread.find>[0], commentId: string) {
    const comment = await models.thread.find(recordId, commentId);
    // Answers and withdrawal reasons are not answered or marked themselves.
    if (!comment || comment.kind !== 'comment') throw new NotFoundError();
    return comment;
  }

  return {
    async listComments(caller: Caller, id: string): Promise<RecommendationComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.thread', doc);
      return models.thread.list(doc._id);
    },

    async addComment(caller: Caller, id: string, body: unknown): Promise<RecommendationComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.comment', doc);
      const user = signedIn(caller);
      const input = parseInput(commentInput, body);
      await models.thread.add(doc._id, user, 'comment', input.body);
      await deps.announce.publish('recommendation.commented', {
        recommendationId: doc._id.toHexString(),
        title: doc.content.title,
        actorId: user.id,
        actorName: user.name,
      });
      return models.thread.list(doc._id);
    },

    /** A curator's answer to one comment, shown under it. */
    async answerComment(caller: Caller, id: string, commentId: string, body: unknown): Promise<RecommendationComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.manage', doc);
      const user = signedIn(caller);
      const input = parseInput(commentInput, body);
      const comment = await commentOf(doc._id, commentId);
      await models.thread.add(doc._id, user, 'answer', input.body, new Date(), { replyTo: comment.id });
      return models.thread.list(doc._id);
    },

    /** Marks a comment as taken into account in the text (or takes the mark away). */
    async markComment(caller: Caller, id: string, commentId: string, body: unknown): Promise<RecommendationComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.manage', doc);
      const user = signedIn(caller);
      const input = parseInput(markInput, body);
      const comment = await commentOf(doc._id, commentId);
      await models.thread.setMark(doc._id, comment.id, input.taken ? 'taken-into-account' : null, user);
      return models.thread.list(doc._id);
    },
  };
}
