import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Connection } from 'mongoose';
import type { FieldErrors } from '../../lib/errors';
import { orRerender } from '../../lib/refusals';
import { parseForm } from '../../lib/validate';
import { ROLES, type Can, type Role } from '../../lib/policy';
import { createLimiter } from '../../lib/rate-limit';
import { authorize, deny } from '../auth';
import type { NetworkService } from '../network';
import { normaliseEmail, type User } from '../users';
import { acceptForm, forgotForm, inviteForm, linkSecret, resetForm } from './invitations.schema';
import type { InvitationsService } from './invitations.service';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;

type Deps = { connection: Connection; network: NetworkService; can: Can; mailEnabled: boolean };

/** A service's field errors become the form's messages; every other failure goes to the error handler. */
async function attempt<T>(work: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  let errors: FieldErrors = {};
  const outcome = await orRerender(
    () => work,
    (refusal) => Promise.resolve((errors = refusal.fields)),
    (refusal) => refusal.status === 422,
  );
  return outcome.ok ? outcome : { ok: false, errors };
}

function signedInUser(res: Response): User {
  if (!res.locals.user) deny(res);
  return res.locals.user;
}

// Pages that carry a secret link are never stored by browsers or proxies.
function noStore(_req: Request, res: Response, next: NextFunction) {
  res.set('Cache-Control', 'no-store');
  next();
}

const withoutPasswords = (values: Record<string, unknown>) => ({ ...values, password: '', password_confirm: '' });

export function invitationRoutes(invitations: InvitationsService, deps: Deps): Router {
  const router = Router();
  const { can } = deps;

  // The secrets cannot be guessed; these limits keep anyone from trying, and from flooding inboxes.
  const linkPerIp = createLimiter({
    connection: deps.connection,
    name: 'account-link-ip',
    windowMs: FIFTEEN_MINUTES,
    limit: 30,
    skipSuccessfulRequests: true,
  });
  const forgotPerIp = createLimiter({
    connection: deps.connection,
    name: 'password-forgot-ip',
    windowMs: FIFTEEN_MINUTES,
    limit: 20,
  });
  const forgotPerEmail = createLimiter({
    connection: deps.connection,
    name: 'password-forgot-email',
    windowMs: ONE_HOUR,
    limit: 5,
    key: (req) => {
      const email = (req.body as Record<string, unknown> | undefined)?.email;
      return typeof email === 'string' ? normaliseEmail(email) : 'unknown';
    },
  });

  async function renderInvite(
    res: Response,
    status: number,
    values: Record<string, unknown> = {},
    errors: FieldErrors = {},
  ) {
    const actor = res.locals.actor;
    const roles = ROLES.filter((role) => can(actor, 'users.invite', { role }));
    const cities = await deps.network.listCities();
    res.status(status).render('invitations/invite', {
      title: res.locals.t('invitations.invite.title'),
      values,
      errors,
      roles,
      cities,
      mailEnabled: deps.mailEnabled,
    });
  }

  const renderInvalidLink = (res: Response, kind: 'invitation' | 'password-reset') =>
    res.status(404).render('invitations/invalid-link', { title: res.locals.t('invitations.invalid.title'), kind });

  router.get('/admin/users/invite', authorize(can, 'users.invite'), async (_req, res) => {
    await renderInvite(res, 200);
  });

  router.post('/admin/users/invite', authorize(can, 'users.invite'), noStore, async (req, res) => {
    const inviter = signedInUser(res);
    const role = (req.body as Record<string, unknown> | undefined)?.role;
    // The role decides who may invite: a coordinator brings in partners and planners, never staff.
    if ((ROLES as readonly unknown[]).includes(role) && !can(res.locals.actor, 'users.invite', { role: role as Role }))
      deny(res);
    const form = parseForm(inviteForm, req.body);
    if (!form.ok) return renderInvite(res, 422, form.values, form.errors);
    const outcome = await attempt(invitations.invite(form.data, inviter, req.ip, res.locals.locale));
    if (!outcome.ok) return renderInvite(res, 422, form.data, outcome.errors);
    res.render('invitations/created', {
      title: res.locals.t('invitations.created.title'),
      invitation: form.data,
      ...outcome.value,
    });
  });

  router.get('/invitations/:token', linkPerIp, noStore, async (req, res) => {
    const secret = linkSecret.safeParse(req.params.token);
    const invitation = secret.success ? await invitations.findInvitation(secret.data) : undefined;
    if (!invitation) return renderInvalidLink(res, 'invitation');
    res.render('invitations/accept', {
      title: res.locals.t('invitations.accept.title'),
      invitation,
      values: { name: invitation.name },
      errors: {},
    });
  });

  router.post('/invitations/:token', linkPerIp, noStore, async (req, res) => {
    const secret = linkSecret.safeParse(req.params.token);
    const invitation = secret.success ? await invitations.findInvitation(secret.data) : undefined;
    if (!secret.success || !invitation) return renderInvalidLink(res, 'invitation');
    const renderForm = (values: Record<string, unknown>, errors: FieldErrors) =>
      res.status(422).render('invitations/accept', {
        title: res.locals.t('invitations.accept.title'),
        invitation,
        values: withoutPasswords(values),
        errors,
      });
    const form = parseForm(acceptForm, req.body);
    if (!form.ok) return renderForm(form.values, form.errors);
    const outcome = await attempt(invitations.acceptInvitation(secret.data, form.data, req.ip));
    if (!outcome.ok) return renderForm(form.data, outcome.errors);
    res.render('invitations/accepted', { title: res.locals.t('invitations.accepted.title'), account: outcome.value });
  });

  const renderForgot = (
    res: Response,
    status: number,
    values: Record<string, unknown> = {},
    errors: FieldErrors = {},
  ) =>
    res.status(status).render('password/forgot', {
      title: res.locals.t('password.forgot.title'),
      values,
      errors,
      mailEnabled: deps.mailEnabled,
    });

  router.get('/password/forgot', (_req, res) => renderForgot(res, 200));

  router.post('/password/forgot', forgotPerIp, forgotPerEmail, async (req, res) => {
    const form = parseForm(forgotForm, req.body);
    if (!form.ok) return renderForgot(res, 422, form.values, form.errors);
    await invitations.requestPasswordReset(form.data.email, req.ip, res.locals.locale);
    // The same page whether or not the address has an account.
    res.render('password/forgot-sent', { title: res.locals.t('password.forgot.title'), mailEnabled: deps.mailEnabled });
  });

  router.get('/password/reset/:token', linkPerIp, noStore, async (req, res) => {
    const secret = linkSecret.safeParse(req.params.token);
    const reset = secret.success ? await invitations.findPasswordReset(secret.data) : undefined;
    if (!reset) return renderInvalidLink(res, 'password-reset');
    res.render('password/reset', { title: res.locals.t('password.reset.title'), reset, values: {}, errors: {} });
  });

  router.post('/password/reset/:token', linkPerIp, noStore, async (req, res) => {
    const secret = linkSecret.safeParse(req.params.token);
    const reset = secret.success ? await invitations.findPasswordReset(secret.data) : undefined;
    if (!secret.success || !reset) return renderInvalidLink(res, 'password-reset');
    const renderForm = (errors: FieldErrors) =>
      res
        .status(422)
        .render('password/reset', { title: res.locals.t('password.reset.title'), reset, values: {}, errors });
    const form = parseForm(resetForm, req.body);
    if (!form.ok) return renderForm(form.errors);
    const outcome = await attempt(invitations.resetPassword(secret.data, form.data.password, req.ip));
    if (!outcome.ok) return renderForm(outcome.errors);
    res.render('password/reset-done', { title: res.locals.t('password.reset_done.title'), account: outcome.value });
  });

  return router;
}
