import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';
import { ROLES, type Role } from '../../lib/policy';

export const ACCOUNT_TOKEN_KINDS = ['invitation', 'password-reset'] as const;
export type AccountTokenKind = (typeof ACCOUNT_TOKEN_KINDS)[number];

export type AccountTokenDoc = {
  _id: Types.ObjectId;
  kind: AccountTokenKind;
  /** SHA-256 of the secret in the link: the secret itself leaves the server once and is never stored. */
  tokenHash: string;
  email: string;
  /** Invitations: who is being invited, as what. */
  name?: string;
  role?: Role;
  city?: string;
  invitedBy?: Types.ObjectId;
  /** Password resets: the account, so a later e-mail change cannot redirect the reset. */
  userId?: Types.ObjectId;
  expiresAt: Date;
  usedAt?: Date;
  /** Set when a newer link for the same address and purpose replaced this one. */
  supersededAt?: Date;
  createdAt: Date;
};

// Spent and expired links are kept a while for inspection, then MongoDB removes them.
const KEEP_AFTER_EXPIRY_SECONDS = 30 * 24 * 3600;

const accountTokenSchema = new Schema<AccountTokenDoc>(
  {
    kind: { type: String, required: true, enum: ACCOUNT_TOKEN_KINDS },
    tokenHash: { type: String, required: true, unique: true },
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, trim: true, maxlength: 120 },
    role: { type: String, enum: ROLES },
    city: { type: String },
    invitedBy: { type: Schema.Types.ObjectId },
    userId: { type: Schema.Types.ObjectId },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
    supersededAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'account_tokens' },
);
accountTokenSchema.index({ kind: 1, email: 1 });
accountTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: KEEP_AFTER_EXPIRY_SECONDS });

export function invitationsModels(connection: Connection) {
  return { AccountToken: modelOn(connection, 'AccountToken', accountTokenSchema) };
}
