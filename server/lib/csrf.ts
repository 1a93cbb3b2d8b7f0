import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';

export const CSRF_ERROR_CODE = 'csrf_invalid';

const tokenFromRequest = (req: Request) => {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof fromBody === 'string' ? fromBody : req.get('x-csrf-token');
};
const errorConfig = { statusCode: 403, message: 'error.message.csrf', code: CSRF_ERROR_CODE };
const viaBearer = (req: Request) => req.res?.locals.authVia === 'bearer';

/** A route that takes a multipart body and checks the token itself once Multer has read the form. */
export type MultipartRoute = Readonly<{ method: 'POST'; path: string }>;

// Express-style paths ("/practices/:id/attachments") as anchored patterns: a parameter is one segment.
const routePattern = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}/?$`);

/**
 * Synchroniser-token CSRF protection for every state-changing request that a cookie authenticates.
 * Bearer-token API calls carry no cookie and are exempt. A multipart body is only readable after
 * Multer, so the routes that take one (and only those) run `csrfProtectionAfterMultipart` themselves;
 * a multipart body sent anywhere else must carry the token in its header, or it is refused.
 */
export function csrfProtectionFor(multipartRoutes: readonly MultipartRoute[]) {
  const patterns = multipartRoutes.map((route) => ({ method: route.method, pattern: routePattern(route.path) }));
  const checksItself = (req: Request) =>
    req.is('multipart/form-data') === 'multipart/form-data' &&
    patterns.some(({ method, pattern }) => req.method === method && pattern.test(req.path));
  return csrfSync({
    getTokenFromRequest: tokenFromRequest,
    errorConfig,
    skipCsrfProtection: (req: Request) => viaBearer(req) || checksItself(req),
  }).csrfSynchronisedProtection;
}

const csrf = csrfSync({ getTokenFromRequest: tokenFromRequest, errorConfig });

export const csrfProtectionAfterMultipart = csrfSync({
  getTokenFromRequest: tokenFromRequest,
  errorConfig,
  skipCsrfProtection: viaBearer,
}).csrfSynchronisedProtection;

/** The session's token, created on first use, so anonymous visitors get a session only when shown a form. */
export const csrfToken = (req: Request): string => csrf.generateToken(req);
