import type { Connection } from 'mongoose';
import {
  rateLimit,
  type Options,
  type RateLimitRequestHandler,
  type Store,
  type IncrementResponse,
} from 'express-rate-limit';
import { TooManyRequestsError } from './errors';

type Counter = { _id: string; hits: number; resetAt: Date };

/**
 * express-rate-limit store in MongoDB, so every app instance counts against the same limits.
 * Expired windows are restarted in place; a TTL index removes counters nobody touches any more.
 */
export class MongoRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private indexReady: Promise<unknown> | undefined;

  constructor(
    private readonly connection: Connection,
    readonly prefix: string,
  ) {}

  private get collection() {
    return this.connection.collection<Counter>('rate_limits');
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.indexReady = this.collection.createIndex({ resetAt: 1 }, { expireAfterSeconds: 0 }).catch(() => undefined);
  }

  async increment(key: string): Promise<IncrementResponse> {
    await this.indexReady;
    const id = this.prefix + key;
    const now = new Date();
    const next = new Date(now.getTime() + this.windowMs);
    await this.collection.updateOne({ _id: id, resetAt: { $lte: now } }, { $set: { hits: 0, resetAt: next } });
    const doc = await this.collection.findOneAndUpdate(
      { _id: id },
      { $inc: { hits: 1 }, $setOnInsert: { resetAt: next } },
      { upsert: true, returnDocument: 'after' },
    );
    return { totalHits: doc?.hits ?? 1, resetTime: doc?.resetAt ?? next };
  }

  async decrement(key: string): Promise<void> {
    await this.collection.updateOne({ _id: this.prefix + key, hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: this.prefix + key });
  }
}

export type LimiterOptions = {
  connection: Connection;
  name: string;
  windowMs: number;
  limit: number;
  /** Unset: the client address (IPv6 grouped by subnet, as express-rate-limit does by default). */
  key?: Options['keyGenerator'];
  skipSuccessfulRequests?: boolean;
};

/** Every limiter answers the same generic 429, so a lock reveals nothing about the account. */
export function createLimiter(options: LimiterOptions): RateLimitRequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    ...(options.key ? { keyGenerator: options.key } : {}),
    skipSuccessfulRequests: options.skipSuccessfulRequests ?? false,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new MongoRateLimitStore(options.connection, `${options.name}:`),
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  });
}
