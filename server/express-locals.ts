import type { Translate, Locale } from './lib/i18n';
import type { Action, Actor } from './lib/policy';
import type { User } from './features/users';

// What every handler and template may rely on being in res.locals, typed once.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      t: Translate;
      /** A country's name in the page's language. */
      regionName: (code: string) => string;
      /** A translation when the catalogue has one, else the given text (reference data such as event titles). */
      tOr: (key: string, fallback: string) => string;
      locale: Locale;
      user: User | undefined;
      actor: Actor | null;
      authVia: 'session' | 'bearer' | undefined;
      can: (action: Action, resource?: never) => boolean;
    }
  }
}

export {};
