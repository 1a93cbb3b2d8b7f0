import type { Request, RequestHandler } from 'express';
import type { Config } from '../../lib/config';

/**
 * Why signing in cannot work on this request, if it cannot. In production the session cookie is `Secure`, and
 * express-session only sets it on a request it believes is HTTPS: one that arrived over TLS, or through a proxy
 * that TRUST_PROXY says to believe. Anything else would fail silently (no cookie, then a CSRF refusal).
 */
export type InsecureReason = 'plain_http' | 'proxy_not_trusted';

export function insecureReason(req: Request, config: Pick<Config, 'isProduction'>): InsecureReason | undefined {
  if (!config.isProduction || req.secure) return undefined;
  // Only a proxy adds this header; req.secure ignores it while TRUST_PROXY does not cover the proxy.
  const forwarded = req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' ? 'proxy_not_trusted' : 'plain_http';
}

/** What the sign-in page shows instead of a form that cannot work: the reason and, when known, the https address. */
export function insecureView(req: Request, config: Pick<Config, 'isProduction' | 'baseUrl'>) {
  const reason = insecureReason(req, config);
  if (!reason) return undefined;
  return { reason, secureUrl: config.baseUrl.startsWith('https://') ? `${config.baseUrl}/sign-in` : undefined };
}

/**
 * Posting the sign-in form over such a connection never reaches the sign-in route: with no session cookie the
 * CSRF check refuses it first. This runs before that check, so the answer explains the connection instead.
 */
export function insecureSignInGuard(config: Pick<Config, 'isProduction' | 'baseUrl'>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.path !== '/sign-in') return next();
    const insecure = insecureView(req, config);
    if (!insecure) return next();
    res.status(403).render('auth/sign-in', {
      title: res.locals.t('auth.sign_in.title'),
      values: {},
      errors: {},
      failed: false,
      insecure,
    });
  };
}
