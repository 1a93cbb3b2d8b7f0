import { Router, type Request, type Response } from 'express';
import { createLimiter } from '../../lib/rate-limit';
import { parseForm } from '../../lib/validate';
import { regenerateSession, saveSession, SESSION_COOKIE } from '../../lib/session';
import type { Connection } from 'mongoose';
import type { Config } from '../../lib/config';
import { insecureView } from './auth.transport';
import type { AuthService } from './auth.service';
import { signInForm, signInQuery } from './auth.schema';
import { normaliseEmail } from '../users';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export function authRoutes(
  auth: AuthService,
  deps: { connection: Connection; config: Pick<Config, 'isProduction' | 'baseUrl'> },
): Router {
  const router = Router();
  // Per address, and per account so a distributed guesser still meets a lock; successes do not count.
  const perIp = createLimiter({
    connection: deps.connection,
    name: 'sign-in-ip',
    windowMs: FIFTEEN_MINUTES,
    limit: 30,
    skipSuccessfulRequests: true,
  });
  const perAccount = createLimiter({
    connection: deps.connection,
    name: 'sign-in-account',
    windowMs: FIFTEEN_MINUTES,
    limit: 5,
    key: (req) => {
      const email = (req.body as Record<string, unknown> | undefined)?.email;
      return typeof email === 'string' ? normaliseEmail(email) : 'unknown';
    },
    skipSuccessfulRequests: true,
  });

  const renderSignIn = (req: Request, res: Response, status: number, extra: object) =>
    res.status(status).render('auth/sign-in', {
      title: res.locals.t('auth.sign_in.title'),
      values: {},
      errors: {},
      failed: false,
      insecure: insecureView(req, deps.config),
      ...extra,
    });

  router.get('/sign-in', (req, res) => {
    const { next } = signInQuery.parse(req.query);
    if (res.locals.user) return res.redirect(303, next ?? '/');
    renderSignIn(req, res, 200, { values: { next } });
  });

  router.post('/sign-in', perIp, perAccount, async (req, res) => {
    const form = parseForm(signInForm, req.body);
    if (!form.ok) {
      return renderSignIn(req, res, 422, { values: { ...form.values, password: '' }, errors: form.errors });
    }
    const user = await auth.signIn(form.data.email, form.data.password, req.ip);
    if (!user) {
      return renderSignIn(req, res, 401, { values: { email: form.data.email, next: form.data.next }, failed: true });
    }
    // A new session id at sign-in: an id planted before sign-in (session fixation) becomes worthless.
    await regenerateSession(req);
    req.session.userId = user.id;
    req.session.signedInAt = Date.now();
    await saveSession(req);
    res.redirect(303, form.data.next ?? '/');
  });

  router.post('/sign-out', async (req, res) => {
    if (res.locals.user) await auth.signedOut(res.locals.user, req.ip);
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(SESSION_COOKIE);
    res.redirect(303, '/');
  });

  return router;
}
