import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';

export type ApiTokenDoc = {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  name: string;
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  tokenHash: string;
  /** The first characters, so the owner can tell tokens apart. */
  prefix: string;
  lastUsedAt?: Date;
  revokedAt?: Date;
  createdAt: Date;
};

const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true, trim: true, maxlength: 80 },
    tokenHash: { type: String, required: true, unique: true },
    prefix: { type: String, required: true },
    lastUsedAt: { type: Date },
    revokedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export function tokensModels(connection: Connection) {
  return { ApiToken: modelOn(connection, 'ApiToken', apiTokenSchema) };
}
