import { Router, type Response } from 'express';
import type { Connection } from 'mongoose';
import type { FieldErrors } from '../../lib/errors';
import { parseForm } from '../../lib/validate';
import { recordIdFrom } from '../../lib/ids';
import type { Can } from '../../lib/policy';
import { createLimiter } from '../../lib/rate-limit';
import { saveSession } from '../../lib/session';
import { authorize } from '../auth';
import type { User } from '../users';
import type { AccountService } from './account.service';
import { accountQuery, passwordForm, tokenForm } from './account.schema';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

type AccountView = {
  notice?: string | undefined;
  passwordErrors?: FieldErrors;
  tokenErrors?: FieldErrors;
  tokenValues?: Record<string, unknown>;
  created?: { name: string; secret: string } | undefined;
};


// The guard has run, so a user is present; this only narrows the type.
const signedIn = (res: Response): User => res.locals.user as User;

export function accountRoutes(account: AccountService, deps: { can: Can; connection: Connection }): Router {
  const router = Router();
  const guard = authorize(deps.can, 'account.manage');
  // Someone holding an open session must not be able to guess the current password at leisure.
  const passwordAttempts = createLimiter({
    connection: deps.connection,
    name: 'password-change',
    windowMs: FIFTEEN_MINUTES,
    limit: 10,
    key: (_req, res) => (res.locals.user)?.id ?? 'anonymous',
    skipSuccessfulRequests: true,
  });

  async function render(res: Response, status: number, view: AccountView) {
    // The page can carry a new token's secret; no cache may keep it (nor the rest of the account page).
    res.set('Cache-Control', 'no-store');
    res.status(status).render('account/index', {
      title: res.locals.t('account.title'),
      ...(await account.page(signedIn(res))),
      notice: undefined,
      passwordErrors: {},
      tokenErrors: {},
      tokenValues: {},
      created: undefined,
      ...view,
    });
  }

  router.get('/account', guard, async (req, res) => {
    const { notice } = accountQuery.parse(req.query);
    await render(res, 200, { notice });
  });

  router.post('/account/password', guard, passwordAttempts, async (req, res) => {
    const form = parseForm(passwordForm, req.body);
    // Passwords are never echoed back into the page, valid or not.
    if (!form.ok) return render(res, 422, { passwordErrors: form.errors });
    const result = await account.changePassword(signedIn(res), form.data, req.ip);
    if (!result.ok) return render(res, 422, { passwordErrors: result.errors });
    // The change signs out sessions that began before it; this one is renewed so the person stays in.
    req.session.signedInAt = Date.now();
    await saveSession(req);
    res.redirect(303, '/account?notice=password-changed');
  });

  router.post('/account/tokens', guard, async (req, res) => {
    const form = parseForm(tokenForm, req.body);
    if (!form.ok) return render(res, 422, { tokenErrors: form.errors, tokenValues: form.values });
    const { token, secret } = await account.createToken(signedIn(res), form.data.name, req.ip);
    // Rendered, not redirected: a secret in a URL would end up in history and logs.
    await render(res, 201, { created: { name: token.name, secret } });
  });

  router.post('/account/tokens/:id/revoke', guard, async (req, res) => {
    await account.revokeToken(signedIn(res), recordIdFrom(req.params), req.ip);
    res.redirect(303, '/account?notice=token-revoked');
  });

  router.get('/api/me', guard, (_req, res) => {
    const user = signedIn(res);
    res.set('Cache-Control', 'no-store');
    res.json({ id: user.id, name: user.name, email: user.email, role: user.role, city: user.city ?? null });
  });

  return router;
}
