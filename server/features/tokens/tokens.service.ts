import { createHash, randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { NotFoundError } from '../../lib/errors';
import { tokensModels, type ApiTokenDoc } from './tokens.model';

const TOKEN_PREFIX = 'dkb_';

export const hashToken = (raw: string) => createHash('sha256').update(raw, 'utf8').digest('hex');

/** A random, URL-safe secret; long enough that hashing it without a salt is safe. */
export const generateSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

export type ApiToken = Readonly<{
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | undefined;
  revokedAt: Date | undefined;
}>;

const toToken = (doc: ApiTokenDoc): ApiToken => ({
  id: doc._id.toHexString(),
  name: doc.name,
  prefix: doc.prefix,
  createdAt: doc.createdAt,
  lastUsedAt: doc.lastUsedAt,
  revokedAt: doc.revokedAt,
});

export type TokensService = ReturnType<typeof createTokensService>;

export function createTokensService(connection: Connection) {
  const { ApiToken } = tokensModels(connection);

  return {
    /** Returns the token's secret: the only time it exists outside the caller's hands. */
    async create(userId: string, name: string): Promise<{ token: ApiToken; secret: string }> {
      const secret = generateSecret(TOKEN_PREFIX);
      const doc = await ApiToken.create({
        userId: new Types.ObjectId(userId),
        name,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      });
      return { token: toToken(doc.toObject()), secret };
    },

    async listFor(userId: string): Promise<ApiToken[]> {
      const docs = await ApiToken.find({ userId: new Types.ObjectId(userId) })
        .sort({ createdAt: -1 })
        .lean<ApiTokenDoc[]>();
      return docs.map(toToken);
    },

    async revoke(userId: string, tokenId: string): Promise<ApiToken> {
      if (!Types.ObjectId.isValid(tokenId)) throw new NotFoundError();
      const doc = await ApiToken.findOneAndUpdate(
        { _id: new Types.ObjectId(tokenId), userId: new Types.ObjectId(userId), revokedAt: null },
        { $set: { revokedAt: new Date() } },
        { returnDocument: 'after' },
      ).lean<ApiTokenDoc>();
      if (!doc) throw new NotFoundError();
      return toToken(doc);
    },

    /** The owner's id for a valid, unrevoked token, or undefined. */
    async authenticate(secret: string): Promise<string | undefined> {
      if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
      const doc = await ApiToken.findOneAndUpdate(
        { tokenHash: hashToken(secret), revokedAt: null },
        { $set: { lastUsedAt: new Date() } },
        { returnDocument: 'after' },
      ).lean<ApiTokenDoc>();
      return doc?.userId.toHexString();
    },
  };
}
