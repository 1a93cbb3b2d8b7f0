import { Schema, Types, type Connection } from 'mongoose';
import { modelOn } from '../models';

/** One entry of a record's thread between reviewers and authors; plain text (print it escaped). */
export type ThreadComment<K extends string> = {
  id: string;
  at: Date;
  authorId: string;
  authorName: string;
  role: string;
  kind: K;
  body: string;
};

type Stored<K extends string> = {
  _id: Types.ObjectId;
  at: Date;
  by: Types.ObjectId;
  authorName: string;
  role: string;
  kind: K;
  body: string;
};

export type ThreadAuthor = { id: string; name: string; role: string };

export const COMMENT_MAX_LENGTH = 5000;

export type CommentThread<K extends string> = ReturnType<typeof createCommentThread<K>>;

/**
 * The thread kept beside a versioned record: comments and review decisions with their reasons. The
 * author's name and role are copied in, so the thread reads the same after an account is renamed.
 */
export function createCommentThread<K extends string>(
  connection: Connection,
  options: { model: string; collection: string; recordKey: string; kinds: readonly K[] },
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
    },
    { collection: options.collection },
  );
  schema.index({ [key]: 1, at: 1 });
  const Model = modelOn(connection, options.model, schema);

  const present = (doc: Stored<K>): ThreadComment<K> => ({
    id: doc._id.toHexString(),
    at: doc.at,
    authorId: doc.by.toHexString(),
    authorName: doc.authorName,
    role: doc.role,
    kind: doc.kind,
    body: doc.body,
  });

  return {
    Model,

    /** The thread, oldest first. */
    async list(recordId: Types.ObjectId): Promise<ThreadComment<K>[]> {
      const docs = await Model.find({ [key]: recordId }).sort({ at: 1, _id: 1 }).lean<Stored<K>[]>();
      return docs.map(present);
    },

    async add(recordId: Types.ObjectId, author: ThreadAuthor, kind: K, body: string, at: Date = new Date()): Promise<void> {
      await Model.create({ [key]: recordId, at, by: new Types.ObjectId(author.id), authorName: author.name, role: author.role, kind, body });
    },

    async removeAll(recordId: Types.ObjectId): Promise<void> {
      await Model.deleteMany({ [key]: recordId });
    },
  };
}
