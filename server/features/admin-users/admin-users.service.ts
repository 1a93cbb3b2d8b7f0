import { NotFoundError } from '../../lib/errors';
import type { Role } from '../../lib/policy';
import type { AuditService } from '../audit';
import type { City, NetworkService } from '../network';
import type { User, UsersService } from '../users';

export type AdminUsersService = ReturnType<typeof createAdminUsersService>;

export type UsersFilter = { role?: Role | undefined; active?: boolean | undefined };

const userTarget = (user: User) => ({ type: 'user', id: user.id, label: user.email });

/** The administrators' view of the accounts: who has which role, and who may still sign in. */
export function createAdminUsersService(deps: { users: UsersService; audit: AuditService; network: NetworkService }) {
  return {
    async list(filter: UsersFilter): Promise<{ users: User[]; cities: City[] }> {
      const [users, cities] = await Promise.all([deps.users.list(filter), deps.network.listCities()]);
      return { users, cities };
    },

    async cities(): Promise<City[]> {
      return deps.network.listCities();
    },

    async find(id: string): Promise<User> {
      const user = await deps.users.findById(id);
      if (!user) throw new NotFoundError();
      return user;
    },

    /** Submitting the current role again changes nothing and leaves no audit entry. */
    async changeRole(
      admin: User,
      target: User,
      role: Role,
      city: string | undefined,
      ip: string | undefined,
    ): Promise<User> {
      const toCity = role === 'partner' ? city : undefined;
      if (target.role === role && target.city === toCity) return target;
      const updated = await deps.users.changeRole(target.id, role, toCity);
      await deps.audit.record({
        action: 'users.role-changed',
        actor: admin,
        target: userTarget(target),
        ip,
        details: { from: target.role, to: role, fromCity: target.city ?? null, toCity: toCity ?? null },
      });
      return updated;
    },

    async setActive(admin: User, target: User, active: boolean, ip: string | undefined): Promise<User> {
      if (target.active === active) return target;
      const updated = await deps.users.setActive(target.id, active);
      await deps.audit.record({
        action: active ? 'users.reactivated' : 'users.deactivated',
        actor: admin,
        target: userTarget(target),
        ip,
      });
      return updated;
    },
  };
}
