export type FieldErrors = Record<string, string[]>;

/**
 * An empty map of field messages. It has no prototype: field paths come from clients, and a key such
 * as "__proto__", "constructor" or "toString" must be only a key, never an inherited member.
 */
export const fieldErrorMap = (): FieldErrors => Object.create(null) as FieldErrors;

/** Adds messages under a field path of a map made by fieldErrorMap(). */
export function addFieldErrors(fields: FieldErrors, key: string, ...messages: string[]): void {
  (fields[key] ??= []).push(...messages);
}

/**
 * The one error family. Messages may be translation keys (error.message.*): the error handler translates them. `expose` says whether the message may be shown to the client;
 * anything else reaches the client only as a generic message.
 */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly expose: boolean = status < 500,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The refusal for someone the policy said no to: visitors may sign in (401), members may not (403). */
export function refusal(signedIn: boolean): AppError {
  return signedIn ? new ForbiddenError() : new UnauthorizedError();
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message, 400, 'validation_failed');
  }
}

export class BadRequestError extends AppError {
  constructor(message = 'error.message.bad_request', code = 'bad_request') {
    super(message, 400, code);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'error.message.unauthorized') {
    super(message, 401, 'unauthorized');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'error.message.forbidden') {
    super(message, 403, 'forbidden');
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'error.message.not_found') {
    super(message, 404, 'not_found');
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(message, 409, code);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'error.message.payload_too_large') {
    super(message, 413, 'payload_too_large');
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message = 'error.message.too_many_requests') {
    super(message, 429, 'too_many_requests');
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, code = 'service_unavailable') {
    super(message, 503, code, true);
  }
}

/** MongoDB cannot be reached or does not answer: every page and API call says so with a 503. */
export class DatabaseUnavailableError extends ServiceUnavailableError {
  constructor() {
    super('error.message.database_unavailable', 'database_unavailable');
  }
}
