import { Router, type Response } from 'express';
import type { FieldErrors } from '../../lib/errors';
import { parseForm, parseInput } from '../../lib/validate';
import { recordIdFrom } from '../../lib/ids';
import { ROLES, type Can } from '../../lib/policy';
import { authorize, deny } from '../auth';
import type { InvitationsService } from '../invitations';
import type { User } from '../users';
import type { AdminUsersService, UsersFilter } from './admin-users.service';
import { roleForm, usersQuery } from './admin-users.schema';

type ListView = {
  filter: UsersFilter;
  notice?: string | undefined;
  /** A rejected role change: its messages and typed values, shown on that user's row. */
  rowErrors?: { id: string; errors: FieldErrors; values: Record<string, unknown> } | undefined;
};

// The guard has run, so a user is present; this only narrows the type.
const signedIn = (res: Response): User => res.locals.user as User;

type Deps = { can: Can; invitations: Pick<InvitationsService, 'createResetLinkFor'> };

export function adminUsersRoutes(adminUsers: AdminUsersService, deps: Deps): Router {
  const router = Router();

  async function render(res: Response, status: number, view: ListView) {
    const { users, cities } = await adminUsers.list(view.filter);
    res.status(status).render('admin-users/index', {
      title: res.locals.t('admin_users.title'),
      users,
      cities,
      roles: ROLES,
      notice: undefined,
      rowErrors: undefined,
      ...view,
    });
  }

  /** Loads the account a row form acts on and applies the policy to that account. */
  async function target(
    res: Response,
    id: unknown,
    action: 'users.change-role' | 'users.deactivate' | 'users.reset-link',
  ): Promise<User> {
    const user = await adminUsers.find(recordIdFrom({ id }));
    if (!deps.can(res.locals.actor, action, { id: user.id, role: user.role })) deny(res);
    return user;
  }

  router.get('/admin/users', authorize(deps.can, 'users.list'), async (req, res) => {
    const { notice, ...filter } = parseInput(usersQuery, req.query);
    await render(res, 200, { filter, notice });
  });

  router.post('/admin/users/:id/role', authorize(deps.can, 'users.list'), async (req, res) => {
    const user = await target(res, req.params.id, 'users.change-role');
    const cities = await adminUsers.cities();
    const form = parseForm(roleForm(cities.map((c) => c.slug)), req.body);
    if (!form.ok)
      return render(res, 422, { filter: {}, rowErrors: { id: user.id, errors: form.errors, values: form.values } });
    await adminUsers.changeRole(signedIn(res), user, form.data.role, form.data.city, req.ip);
    res.redirect(303, `/admin/users?notice=role-changed#user-${user.id}`);
  });

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    router.post(`/admin/users/:id/${path}`, authorize(deps.can, 'users.list'), async (req, res) => {
      const user = await target(res, req.params.id, 'users.deactivate');
      await adminUsers.setActive(signedIn(res), user, active, req.ip);
      res.redirect(303, `/admin/users?notice=${active ? 'reactivated' : 'deactivated'}#user-${user.id}`);
    });
  }

  // For people who cannot receive the site's e-mail: the admin passes the link on by hand.
  router.post('/admin/users/:id/reset-link', authorize(deps.can, 'users.list'), async (req, res) => {
    const user = await target(res, req.params.id, 'users.reset-link');
    const { link, expiresAt } = await deps.invitations.createResetLinkFor(user.id, signedIn(res));
    // Rendered, never redirected, and never cached: the link opens the account.
    res.set('Cache-Control', 'no-store');
    res.status(201).render('admin-users/reset-link', {
      title: res.locals.t('admin_users.reset_link.title'),
      account: user,
      link,
      expiresAt,
    });
  });

  return router;
}
