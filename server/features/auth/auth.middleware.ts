import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { refusal, UnauthorizedError } from '../../lib/errors';
import type { Action, Actor, Can } from '../../lib/policy';
import { toActor, type User, type UsersService } from '../users';
import type { TokensService } from '../tokens';
import type { Config } from '../../lib/config';

function endSession(req: Request): Promise<void> {
  return new Promise((resolve) => req.session.regenerate(() => resolve()));
}

/**
 * Resolves who is asking: a bearer token on /api, otherwise the session. A session older than the
 * absolute limit, of a deactivated account, or from before the last password change, signs out.
 */
export function currentUser(deps: {
  users: UsersService;
  tokens: TokensService;
  config: Config;
  can: Can;
}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    let user: User | undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer && req.path.startsWith('/api/')) {
      const userId = await deps.tokens.authenticate(bearer);
      user = userId ? await deps.users.findById(userId) : undefined;
      if (!user?.active) throw new UnauthorizedError('auth.error.invalid_token');
      res.locals.authVia = 'bearer';
    } else if (req.session?.userId) {
      const signedInAt = req.session.signedInAt ?? 0;
      user = await deps.users.findById(req.session.userId);
      const expired = Date.now() - signedInAt > deps.config.session.absoluteMs;
      const stale = user?.passwordChangedAt !== undefined && user.passwordChangedAt.getTime() > signedInAt;
      if (!user || !user.active || expired || stale) {
        user = undefined;
        await endSession(req);
      } else {
        res.locals.authVia = 'session';
      }
    }
    const actor: Actor | null = user ? toActor(user) : null;
    res.locals.user = user;
    res.locals.actor = actor;
    res.locals.can = (action: Action, resource?: never) => deps.can(actor, action, resource);
    next();
  };
}

/** Refuses with 401 for visitors (who may sign in) and 403 for members who lack the right. */
export function deny(res: Response): never {
  throw refusal(Boolean(res.locals.actor));
}

/** Route guard for actions that need no loaded resource. */
export function authorize(can: Can, action: Action): RequestHandler {
  return (_req, res, next) => {
    if (!can(res.locals.actor ?? null, action)) deny(res);
    next();
  };
}
