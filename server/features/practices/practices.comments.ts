import type { PracticesContext } from './practices.context';
import { signedIn } from './practices.editing';
import type { CommentDoc, CommentKind } from './practices.model';
import { commentInput, parseInput } from './practices.schema';
import type { Caller } from './practices.view';
import type { workflow } from './practices.workflow';

export type PracticeComment = {
  id: string;
  at: Date;
  authorId: string;
  authorName: string;
  role: string;
  kind: CommentKind;
  body: string;
};

const toComment = (doc: CommentDoc): PracticeComment => ({
  id: doc._id.toHexString(),
  at: doc.at,
  authorId: doc.by.toHexString(),
  authorName: doc.authorName,
  role: doc.role,
  kind: doc.kind,
  body: doc.body,
});

/** The thread between reviewer and authors; plain text (print it escaped). */
export function comments(ctx: PracticesContext, steps: Pick<ReturnType<typeof workflow>, 'addThreadEntry'>) {
  const { models, store } = ctx;

  return {
    async listComments(caller: Caller, id: string): Promise<PracticeComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.read-working', doc);
      const docs = await models.PracticeComment.find({ practiceId: doc._id })
        .sort({ at: 1, _id: 1 })
        .lean<CommentDoc[]>();
      return docs.map(toComment);
    },

    async addComment(caller: Caller, id: string, body: unknown): Promise<PracticeComment[]> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.comment', doc);
      const user = signedIn(caller);
      const input = parseInput(commentInput, body);
      await steps.addThreadEntry(doc, user, 'comment', input.body);
      const docs = await models.PracticeComment.find({ practiceId: doc._id })
        .sort({ at: 1, _id: 1 })
        .lean<CommentDoc[]>();
      return docs.map(toComment);
    },
  };
}
