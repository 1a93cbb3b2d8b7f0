import { NOTIFICATION_KINDS, messageKey, type NotificationKind, type SubjectType } from '../domain/kinds';
import type { NotificationDoc } from '../persistence/notification-model';

/** What leaves the server of a notification (pages and API alike). */
export type NotificationJson = {
  id: string;
  kind: NotificationKind;
  /** The catalogue key of its message; `title` and `actor` fill it in. */
  messageKey: string;
  subject: { type: SubjectType; id: string; title: string };
  actor: string;
  link: string;
  at: Date;
  read: boolean;
  readAt: Date | undefined;
};

export const notificationJson = (doc: NotificationDoc): NotificationJson => ({
  id: doc._id.toHexString(),
  kind: doc.kind,
  messageKey: messageKey(doc.kind, doc.variant),
  subject: { type: doc.subjectType, id: doc.subjectId, title: doc.title },
  actor: doc.actorName,
  link: NOTIFICATION_KINDS[doc.kind].link(doc.subjectId),
  at: doc.at,
  read: doc.readAt !== null,
  readAt: doc.readAt ?? undefined,
});
