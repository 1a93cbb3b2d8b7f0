import type { ErrorRequestHandler, Request } from 'express';
import { wantsJson } from './error-handler';
import { ValidationError, type FieldErrors } from './errors';

/** The JSON body without the CSRF token a browser client may send in it: transport, not content. */
export function bodyOf(req: Request): unknown {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Object.hasOwn(body, '_csrf')) return body;
  const { _csrf: _token, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** A path parameter as text (Express gives `undefined` for an optional one). */
export const paramOf = (req: Request, name: string) => String(req.params[name] ?? '');

/**
 * API clients get sentences, not keys: validation messages are translated in the request's language
 * (pages translate the same keys in their templates). Mount it after a feature's API routes.
 */
export const translateFieldMessages: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof ValidationError) || !wantsJson(req.path)) return next(err);
  const t = res.locals.t;
  const fields: FieldErrors = Object.fromEntries(Object.entries(err.fields).map(([field, messages]) => [field, messages.map((m) => t(m))]));
  next(new ValidationError(err.message, fields));
};
