import type { DateKind, DateLabel } from './lib/date-label';
import type { LocaleFormat } from './lib/format';
import type { Translate, Locale } from './lib/i18n';
import type { Action, Actor } from './lib/policy';
import type { User } from './features/users';

// What every handler and template may rely on being in res.locals, typed once.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      t: Translate;
      /** A value kept in several languages (a term's labels), in the page's language or else English. */
      localized: (values: { en: string } & Partial<Record<string, string>>) => string;
      /** A country's name in the page's language. */
      regionName: (code: string) => string;
      /** A translation when the catalogue has one, else the given text (reference data such as event titles). */
      tOr: (key: string, fallback: string) => string;
      locale: Locale;
      /** Dates, times, numbers and money in the page's language. */
      fmt: LocaleFormat;
      /** A list's date with what it stands for ("Published 3 Mar 2026"); the partial partials/date-label prints it. */
      dated: (kind: DateKind, value: Date | string | undefined | null, precision?: 'day' | 'minute') => DateLabel | undefined;
      /** The page's language, named in itself. */
      languageName: string;
      /** The language switch: every interface language, named in itself. */
      languages: { code: Locale; name: string }[];
      user: User | undefined;
      actor: Actor | null;
      authVia: 'session' | 'bearer' | undefined;
      can: (action: Action, resource?: never) => boolean;
      /** Unread notifications of the signed-in reader, for the header (0 for visitors). */
      unreadNotifications: number;
    }
  }
}

export {};
