/**
 * Invitation and password-reset links carry their secret in the path. Whoever holds a log line
 * holds the link, so every place that logs a URL passes it through here first.
 */
const SECRET_IN_PATH = /^(\/(?:invitations|password\/reset)\/)[^/?#]+/;

export const REDACTED = '[redacted]';

export function redactUrlSecrets(url: string): string {
  return url.replace(SECRET_IN_PATH, `$1${REDACTED}`);
}

/** pino serializer for the request object pino-http logs (after the standard serializer has run). */
export function redactRequestSecrets<T extends { url?: unknown; params?: unknown }>(req: T): T {
  if (typeof req.url === 'string') req.url = redactUrlSecrets(req.url);
  if (req.params && typeof req.params === 'object' && 'token' in req.params)
    req.params = { ...req.params, token: REDACTED };
  return req;
}
