import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';

export const CSRF_ERROR_CODE = 'csrf_invalid';

const tokenFromRequest = (req: Request) => {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof fromBody === 'string' ? fromBody : req.get('x-csrf-token');
};
const errorConfig = { statusCode: 403, message: 'error.message.csrf', code: CSRF_ERROR_CODE };
const viaBearer = (req: Request) => req.res?.locals.authVia === 'bearer';

/**
 * Synchroniser-token CSRF protection for every state-changing request that a cookie authenticates.
 * Bearer-token API calls carry no cookie and are exempt. Multipart bodies are only readable after
 * Multer, so upload routes run `csrfProtectionAfterMultipart` themselves, after parsing.
 */
const csrf = csrfSync({
  getTokenFromRequest: tokenFromRequest,
  errorConfig,
  skipCsrfProtection: (req: Request) => viaBearer(req) || req.is('multipart/form-data') === 'multipart/form-data',
});

export const csrfProtection = csrf.csrfSynchronisedProtection;

export const csrfProtectionAfterMultipart = csrfSync({
  getTokenFromRequest: tokenFromRequest,
  errorConfig,
  skipCsrfProtection: viaBearer,
}).csrfSynchronisedProtection;

/** The session's token, created on first use, so anonymous visitors get a session only when shown a form. */
export const csrfToken = (req: Request): string => csrf.generateToken(req);
