import type { AuditService } from '../audit';
import type { User, UsersService } from '../users';

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { users: UsersService; audit: AuditService }) {
  return {
    /** The signed-in user, or undefined; failures are audited with the address that was tried. */
    async signIn(email: string, password: string, ip: string | undefined): Promise<User | undefined> {
      const user = await deps.users.verifyCredentials(email, password);
      if (!user) {
        await deps.audit.record({ action: 'auth.sign-in-failed', ip, details: { email } });
        return undefined;
      }
      await deps.users.recordSignIn(user.id);
      await deps.audit.record({ action: 'auth.sign-in', actor: user, ip });
      return user;
    },

    async signedOut(user: User, ip: string | undefined): Promise<void> {
      await deps.audit.record({ action: 'auth.sign-out', actor: user, ip });
    },

    /** The first admin comes from ADMIN_EMAIL/ADMIN_PASSWORD, and only while no admin exists. */
    async ensureInitialAdmin(admin: { email: string; password: string } | undefined): Promise<User | undefined> {
      if (!admin || (await deps.users.adminExists())) return undefined;
      const user = await deps.users.create({
        name: 'Administrator',
        email: admin.email,
        role: 'admin',
        password: admin.password,
      });
      await deps.audit.record({
        action: 'users.created',
        target: { type: 'user', id: user.id, label: user.email },
        details: { role: 'admin', via: 'ADMIN_EMAIL' },
      });
      return user;
    },
  };
}
