import mongoose, { type Connection } from 'mongoose';
import { MongoNetworkError, MongoNotConnectedError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

// Hardening for every query this process sends: operator objects from user input are neutralised,
// and filters on unknown paths fail loudly instead of silently matching everything.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export type { Connection };

/** MongoDB's duplicate-key error (a unique index said no). */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/**
 * How long a request waits for a database that is gone or hung before it is answered 503. The driver
 * checks the server every half second; a check that gets no answer within 5 s marks it down and
 * interrupts the operations waiting on it, and finding no server to talk to fails after 1.5 s. So a
 * stopped database fails a request in about 1.5 s and a frozen one in about 6 s, instead of hanging
 * it for up to a minute. The check's limit is not shorter because a busy but healthy server (a GC
 * pause, a large batch on a single-threaded server, this process's own event loop held by a big
 * synchronous job) can miss 1.5 s, and marking it down then aborts every operation in flight.
 * Nothing waits in a queue meanwhile (bufferCommands off): an operation either reaches the server or
 * fails, and the driver reconnects by itself when the server is back.
 */
export const DB_TIMEOUTS = {
  serverSelectionTimeoutMS: 1500,
  connectTimeoutMS: 5000,
  heartbeatFrequencyMS: 500,
} as const;

/** Errors that mean "the database cannot be reached right now", as opposed to a bad query or a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (
      e instanceof MongoServerSelectionError ||
      // Timeouts and a pool cleared under an operation are network errors too.
      e instanceof MongoNetworkError ||
      e instanceof MongoNotConnectedError ||
      e instanceof MongoTopologyClosedError
    ) {
      return true;
    }
    // Mongoose's own wrappers of the same conditions (initial connection, a client closed under it).
    const name = (e as { name?: unknown }).name;
    if (name === 'MongooseServerSelectionError' || name === 'DisconnectedError') return true;
  }
  return false;
}

/**
 * Connects, trying again for up to `startupTimeoutMs` when the server is not reachable yet (a
 * database container that starts alongside the app), so the short request timeouts above do not make
 * start-up fragile.
 */
export async function connectMongo(uri: string, options: { dbName?: string; startupTimeoutMs?: number } = {}): Promise<Connection> {
  const deadline = Date.now() + (options.startupTimeoutMs ?? 10_000);
  for (;;) {
    const connection = mongoose.createConnection(uri, {
      ...(options.dbName ? { dbName: options.dbName } : {}),
      ...DB_TIMEOUTS,
      bufferCommands: false,
      autoIndex: true,
    });
    try {
      await connection.asPromise();
      return connection;
    } catch (err) {
      await connection.close().catch(() => undefined);
      if (!isDatabaseUnavailable(err) || Date.now() >= deadline) throw err;
    }
  }
}

export async function isMongoReachable(connection: Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || !connection.db) return false;
  try {
    await connection.db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
