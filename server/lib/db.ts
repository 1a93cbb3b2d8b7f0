import mongoose, { type Connection } from 'mongoose';

// Hardening for every query this process sends: operator objects from user input are neutralised,
// and filters on unknown paths fail loudly instead of silently matching everything.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

export type { Connection };

/** MongoDB's duplicate-key error (a unique index said no). */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

export async function connectMongo(uri: string, options: { dbName?: string } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    serverSelectionTimeoutMS: 10000,
    autoIndex: true,
  });
  await connection.asPromise();
  return connection;
}

export async function isMongoReachable(connection: Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || !connection.db) return false;
  try {
    await connection.db.admin().command({ ping: 1 }, { timeoutMS: 2000 });
    return true;
  } catch {
    return false;
  }
}
