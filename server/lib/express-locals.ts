import type { Translate, Locale } from './i18n';
import type { Action, Actor } from './policy';
import type { User } from '../features/users/users.service';

// What every handler and template may rely on being in res.locals, typed once.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      t: Translate;
      locale: Locale;
      user: User | undefined;
      actor: Actor | null;
      authVia: 'session' | 'bearer' | undefined;
      can: (action: Action, resource?: never) => boolean;
    }
  }
}

export {};
