import type { Connection } from 'mongoose';
import type { DomainEventName, DomainEvents, EventBus } from '../../../lib/domain-events';
import { NotFoundError, UnauthorizedError } from '../../../lib/errors';
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from '../../../lib/i18n';
import type { Logger } from '../../../lib/logger';
import type { Mailer } from '../../../lib/mailer';
import { parseInput } from '../../../lib/validate';
import type { User, UsersService } from '../../users';
import { KIND_NAMES, NOTIFICATION_KINDS, emailKindsFor, messageKey, type NotificationKind } from '../domain/kinds';
import { listInput, preferencesInput } from '../domain/input';
import { notificationStore, type NewNotification } from '../persistence/notification-model';
import { notificationJson, type NotificationJson } from './presenters';

export type NotificationsDeps = {
  logger: Logger;
  users: Pick<UsersService, 'list'>;
  mailer: Mailer;
  /** Links in e-mails are absolute. */
  baseUrl: string;
};

export type NotificationPage = { items: NotificationJson[]; total: number; unread: number; page: number; perPage: number; pages: number };
export type Preferences = { kinds: { kind: NotificationKind; email: boolean }[]; language: Locale; mailEnabled: boolean };

type Caller = User | undefined;

const signedIn = (caller: Caller): User => {
  if (!caller) throw new UnauthorizedError();
  return caller;
};

export type NotificationsService = ReturnType<typeof createNotificationsService>;

/**
 * Notifications: who hears of what (the table in domain/kinds.ts), recorded for the in-app list and,
 * when the site can send mail and the person has not turned that kind off, e-mailed in their language.
 */
export function createNotificationsService(connection: Connection, deps: NotificationsDeps) {
  const store = notificationStore(connection);

  async function audienceOf(kind: NotificationKind, city: string | undefined): Promise<User[]> {
    const { audience } = NOTIFICATION_KINDS[kind];
    if (audience === 'coordinators') return deps.users.list({ role: 'coordinator', active: true });
    if (!city) return [];
    return (await deps.users.list({ role: 'partner', active: true })).filter((u) => u.city === city);
  }

  function mail(user: User, language: Locale, n: NewNotification): void {
    const t = translator(language);
    const message = t(messageKey(n.kind, n.variant), { title: n.title, actor: n.actorName });
    const link = new URL(NOTIFICATION_KINDS[n.kind].link(n.subjectId), deps.baseUrl).toString();
    const settings = new URL('/account/notifications', deps.baseUrl).toString();
    deps.mailer.sendInBackground({
      to: user.email,
      subject: t('notifications.email.subject', { message }),
      text: [t('notifications.email.greeting', { name: user.name }), '', message, '', link, '', '—', t('notifications.email.footer', { url: settings })].join('\n'),
    });
  }

  /** Records one kind of notification for everyone in its audience except the person who acted. */
  async function notify<E extends DomainEventName>(kind: NotificationKind, event: DomainEvents[E]): Promise<void> {
    const definition = NOTIFICATION_KINDS[kind] as unknown as {
      subject: (e: DomainEvents[E]) => { type: 'practice' | 'recommendation'; id: string; title: string };
      city?: (e: DomainEvents[E]) => string;
      variant?: (e: DomainEvents[E]) => string | undefined;
      email: boolean;
    };
    const by = event as { actorId: string; actorName: string };
    const recipients = (await audienceOf(kind, definition.city?.(event))).filter((u) => u.id !== by.actorId);
    if (recipients.length === 0) return;
    const subject = definition.subject(event);
    const variant = definition.variant?.(event);
    const at = new Date();
    const docs = recipients.map(
      (u): NewNotification => ({
        recipient: u.id,
        kind,
        ...(variant ? { variant } : {}),
        subjectType: subject.type,
        subjectId: subject.id,
        title: subject.title,
        actorName: by.actorName,
        at,
      }),
    );
    await store.insert(docs);
    if (!deps.mailer.enabled || !definition.email) return;
    const prefs = await store.preferences(recipients.map((u) => u.id));
    recipients.forEach((user, i) => {
      const pref = prefs.get(user.id);
      if (pref?.emailOff.includes(kind)) return;
      mail(user, pref?.language ?? DEFAULT_LOCALE, docs[i]!);
    });
  }

  return {
    /** Listens to the features' announcements: one subscription per kind in the table. */
    subscribe(bus: EventBus): void {
      for (const kind of KIND_NAMES) {
        bus.subscribe(NOTIFICATION_KINDS[kind].on, (event) => notify(kind, event));
      }
    },

    async unreadCount(caller: Caller): Promise<number> {
      return store.unreadCount(signedIn(caller).id);
    },

    async list(caller: Caller, query: unknown): Promise<NotificationPage> {
      const user = signedIn(caller);
      const q = parseInput(listInput, query);
      const [{ docs, total }, unread] = await Promise.all([
        store.page(user.id, { unreadOnly: q.unread === 'true', page: q.page, perPage: q.perPage }),
        store.unreadCount(user.id),
      ]);
      return { items: docs.map(notificationJson), total, unread, page: q.page, perPage: q.perPage, pages: Math.ceil(total / q.perPage) };
    },

    /** Marks one of the caller's notifications read and says where it leads; anyone else's is not found. */
    async open(caller: Caller, id: string): Promise<NotificationJson> {
      const user = signedIn(caller);
      const doc = await store.findOwn(user.id, id);
      if (!doc) throw new NotFoundError();
      const at = doc.readAt ?? new Date();
      if (!doc.readAt) await store.markRead(user.id, doc._id, at);
      return notificationJson({ ...doc, readAt: at });
    },

    async markAllRead(caller: Caller): Promise<number> {
      return store.markAllRead(signedIn(caller).id, new Date());
    },

    /** The e-mail choices offered to this person: the kinds their role can receive. */
    async preferences(caller: Caller, fallbackLanguage: Locale): Promise<Preferences> {
      const user = signedIn(caller);
      const pref = (await store.preferences([user.id])).get(user.id);
      return {
        kinds: emailKindsFor(user.role).map((kind) => ({ kind, email: !pref?.emailOff.includes(kind) })),
        language: pref?.language && isLocale(pref.language) ? pref.language : fallbackLanguage,
        mailEnabled: deps.mailer.enabled,
      };
    },

    /** Saves the choices: kinds left unticked are not e-mailed. */
    async savePreferences(caller: Caller, body: unknown): Promise<void> {
      const user = signedIn(caller);
      const input = parseInput(preferencesInput, body);
      const offered = emailKindsFor(user.role);
      const on = new Set(input.email);
      await store.savePreferences(user.id, { emailOff: offered.filter((k) => !on.has(k)), language: input.language });
    },
  };
}
