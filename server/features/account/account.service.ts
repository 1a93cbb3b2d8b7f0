import type { FieldErrors } from '../../lib/errors';
import type { AuditService } from '../audit';
import type { NetworkService } from '../network';
import type { ApiToken, TokensService } from '../tokens';
import type { User, UsersService } from '../users';

export type AccountService = ReturnType<typeof createAccountService>;

export type AccountPage = { user: User; cityName: string | undefined; tokens: ApiToken[] };

const userTarget = (user: User) => ({ type: 'user', id: user.id, label: user.email });
const tokenTarget = (token: ApiToken) => ({ type: 'api-token', id: token.id, label: token.name });

/** What a signed-in person manages about themselves: their password and their personal API tokens. */
export function createAccountService(deps: {
  users: UsersService;
  tokens: TokensService;
  audit: AuditService;
  network: NetworkService;
}) {
  return {
    async page(user: User): Promise<AccountPage> {
      const [city, tokens] = await Promise.all([
        user.city ? deps.network.findCity(user.city) : undefined,
        deps.tokens.listFor(user.id),
      ]);
      return { user, cityName: city?.name ?? user.city, tokens };
    },

    /**
     * Checks the current password before changing it, so a session left open on a shared computer
     * cannot be used to take the account over. Setting the password signs out every older session.
     */
    async changePassword(
      user: User,
      input: { currentPassword: string; newPassword: string },
      ip: string | undefined,
    ): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const verified = await deps.users.verifyCredentials(user.email, input.currentPassword);
      if (verified?.id !== user.id) return { ok: false, errors: { currentPassword: ['account.error.wrong_password'] } };
      await deps.users.setPassword(user.id, input.newPassword);
      await deps.audit.record({ action: 'auth.password-changed', actor: user, target: userTarget(user), ip });
      return { ok: true };
    },

    async createToken(user: User, name: string, ip: string | undefined): Promise<{ token: ApiToken; secret: string }> {
      const created = await deps.tokens.create(user.id, name);
      await deps.audit.record({
        action: 'tokens.created',
        actor: user,
        target: tokenTarget(created.token),
        ip,
        details: { prefix: created.token.prefix },
      });
      return created;
    },

    /** Only the owner's own, still-active tokens can be revoked; anything else is "not found". */
    async revokeToken(user: User, tokenId: string, ip: string | undefined): Promise<ApiToken> {
      const token = await deps.tokens.revoke(user.id, tokenId);
      await deps.audit.record({
        action: 'tokens.revoked',
        actor: user,
        target: tokenTarget(token),
        ip,
        details: { prefix: token.prefix },
      });
      return token;
    },
  };
}
