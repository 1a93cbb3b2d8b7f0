import { Schema, Types, type Connection } from 'mongoose';
import { modelOn } from '../models';

/** How a curator marked a comment (e.g. "taken into account"), by whom and when. */
export type ThreadMark<M extends string> = { value: M; byName: string; at: Date };

/** One entry of a record's thread between reviewers and authors; plain text (print it escaped). */
export type ThreadComment<K extends string, M extends string = never> = {
  id: string;
  at: Date;
  authorId: string;
  authorName: string;
  role: string;
  kind: K;
  body: string;
  /** The comment this one answers (threads with replies only). */
  replyTo?: string | undefined;
  mark?: ThreadMark<M> | undefined;
};

type Stored<K extends string, M extends string> = {
  _id: Types.ObjectId;
  at: Date;
  by: Types.ObjectId;
  authorName: string;
  role: string;
  kind: K;
  body: string;
  replyTo?: Types.ObjectId;
  mark?: { value: M; by: Types.ObjectId; byName: string; at: Date };
};

export type ThreadAuthor = { id: string; name: string; role: string };

export const COMMENT_MAX_LENGTH = 5000;

export type CommentThread<K extends string, M extends string = never> = ReturnType<typeof createCommentThread<K, M>>;

/**
 * The thread kept beside a versioned record: comments and review decisions with their reasons. The
 * author's name and role are copied in, so the thread reads the same after an account is renamed.
 * A thread may also carry answers to particular comments (`replyTo`) and curators' marks on comments
 * (`marks`, e.g. "taken into account" in a consultation).
 */
export function createCommentThread<K extends string, M extends string = never>(
  connection: Connection,
  options: { model: string; collection: string; recordKey: string; kinds: readonly K[]; marks?: readonly M[] },
) {
  const key = options.recordKey;
  const schema = new Schema(
    {
      [key]: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
      by: { type: Schema.Types.ObjectId, required: true },
      authorName: { type: String, required: true },
      role: { type: String, required: true },
      kind: { type: String, required: true, enum: options.kinds },
      body: { type: String, required: true, maxlength: COMMENT_MAX_LENGTH },
      replyTo: { type: Schema.Types.ObjectId },
      mark: {
        type: new Schema(
          {
            value: { type: String, required: true, enum: options.marks ?? [] },
            by: { type: Schema.Types.ObjectId, required: true },
            byName: { type: String, required: true },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      },
    },
    { collection: options.collection },
  );
  schema.index({ [key]: 1, at: 1 });
  const Model = modelOn(connection, options.model, schema);

  const present = (doc: Stored<K, M>): ThreadComment<K, M> => ({
    id: doc._id.toHexString(),
    at: doc.at,
    authorId: doc.by.toHexString(),
    authorName: doc.authorName,
    role: doc.role,
    kind: doc.kind,
    body: doc.body,
    ...(doc.replyTo ? { replyTo: doc.replyTo.toHexString() } : {}),
    ...(doc.mark ? { mark: { value: doc.mark.value, byName: doc.mark.byName, at: doc.mark.at } } : {}),
  });
  const commentId = (id: string) => (/^[0-9a-fA-F]{24}$/.test(id) ? new Types.ObjectId(id) : undefined);

  return {
    Model,

    /** The thread, oldest first. */
    async list(recordId: Types.ObjectId): Promise<ThreadComment<K, M>[]> {
      const docs = await Model.find({ [key]: recordId }).sort({ at: 1, _id: 1 }).lean<Stored<K, M>[]>();
      return docs.map(present);
    },

    /** One comment of this record's thread; undefined for an id that names none (or another record's). */
    async find(recordId: Types.ObjectId, id: string): Promise<ThreadComment<K, M> | undefined> {
      const _id = commentId(id);
      const doc = _id ? await Model.findOne({ _id, [key]: recordId }).lean<Stored<K, M>>() : null;
      return doc ? present(doc) : undefined;
    },

    async add(
      recordId: Types.ObjectId,
      author: ThreadAuthor,
      kind: K,
      body: string,
      at: Date = new Date(),
      options: { replyTo?: string | undefined } = {},
    ): Promise<void> {
      const replyTo = options.replyTo ? commentId(options.replyTo) : undefined;
      await Model.create({
        [key]: recordId,
        at,
        by: new Types.ObjectId(author.id),
        authorName: author.name,
        role: author.role,
        kind,
        body,
        ...(replyTo ? { replyTo } : {}),
      });
    },

    /** Sets (or with null removes) a curator's mark on one comment; false when the comment is not this record's. */
    async setMark(recordId: Types.ObjectId, id: string, value: M | null, by: ThreadAuthor, at: Date = new Date()): Promise<boolean> {
      const _id = commentId(id);
      if (!_id) return false;
      const update =
        value === null ? { $unset: { mark: 1 } } : { $set: { mark: { value, by: new Types.ObjectId(by.id), byName: by.name, at } } };
      const res = await Model.updateOne({ _id, [key]: recordId }, update);
      return res.matchedCount === 1;
    },

    async removeAll(recordId: Types.ObjectId): Promise<void> {
      await Model.deleteMany({ [key]: recordId });
    },
  };
}
