import MongoStore from 'connect-mongo';
import session from 'express-session';
import type { Connection } from 'mongoose';
import type { Request, RequestHandler } from 'express';
import type { Config } from './config';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    signedInAt?: number;
  }
}

export const SESSION_COOKIE = 'dkb.sid';

/** Sessions live in MongoDB (never the memory store) so they survive restarts and work across instances. */
export function createSessionMiddleware(config: Config, connection: Connection, secret: string): RequestHandler {
  // Our own TTL index instead of connect-mongo's autoRemove, whose background index call has no
  // error handler: a database that goes away early would crash the process with an unhandled rejection.
  connection
    .collection('sessions')
    .createIndex({ expires: 1 }, { expireAfterSeconds: 0 })
    .catch(() => undefined);
  return session({
    name: SESSION_COOKIE,
    secret,
    resave: false,
    saveUninitialized: false,
    // Every request pushes the idle deadline forward; the absolute limit is checked on sign-in time.
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction,
      maxAge: config.session.idleMs,
    },
    store: MongoStore.create({
      client: connection.getClient(),
      dbName: connection.name,
      collectionName: 'sessions',
      ttl: Math.ceil(config.session.idleMs / 1000),
      autoRemove: 'disabled',
      stringify: false,
    }),
  });
}

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

/** The session written to the store before the response goes out (express-session's callback as a promise). */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(asError(err)) : resolve())));
}

/** A new session id for the same browser (on sign-in, so a planted id is worthless). */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(asError(err)) : resolve())));
}
