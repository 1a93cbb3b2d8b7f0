import type { Doc } from './values';

/** Server error codes as MongoDB numbers them, so drivers and Mongoose react to them as they would in production. */
export const ErrorCode = {
  InternalError: 1,
  UnknownError: 8,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  InvalidIdField: 53,
  NotImplemented: 238,
  UnsupportedOpQueryCommand: 352,
  DuplicateKey: 11000,
  BSONObjectTooLarge: 10334,
  Location40324: 40324,
  Location40571: 40571,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

/**
 * A command failure that is reported to the client as `{ ok: 0, errmsg, code, codeName }` (or as a write error).
 * `extra` carries fields MongoDB adds to specific errors, such as `keyPattern`/`keyValue` on duplicate keys.
 */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Doc;

  constructor(codeName: ErrorCodeName, message: string, extra: Doc = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = ErrorCode[codeName];
    this.codeName = codeName;
    this.extra = extra;
  }

  toReply(): Doc {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  toWriteError(index: number): Doc {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** A malformed message: the connection cannot be trusted to stay in sync, so it is closed (as mongod does). */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CommandError('InternalError', message);
}
