import type { ThreadComment } from '../../../lib/versioned';
import type { CommentKind } from '../persistence/practice-model';
import type { Caller } from '../domain/access';
import { commentInput } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import { practiceRef, type PracticesContext } from './context';
import { signedIn } from './edit-rules';

export type PracticeComment = ThreadComment<CommentKind>;

/** The thread between reviewer and authors; plain text (print it escaped). */
export function comments(ctx: PracticesContext) {
  const { models, store, deps } = ctx;

  return {
    async listComments(caller: Caller, id: string): Promise<PracticeComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.read-working', doc);
      return models.thread.list(doc._id);
    },

    async addComment(caller: Caller, id: string, body: unknown): Promise<PracticeComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.comment', doc);
      const user = signedIn(caller);
      const input = parseInput(commentInput, body);
      await models.thread.add(doc._id, user, 'comment', input.body);
      await deps.announce.publish('practice.commented', { ...practiceRef(doc), actorId: user.id, actorName: user.name });
      return models.thread.list(doc._id);
    },
  };
}
