import { Schema, Types, trusted, type Connection } from 'mongoose';
import { LOCALES, type Locale } from '../../../lib/i18n';
import { modelOn } from '../../../lib/models';
import { KIND_NAMES, type NotificationKind, type SubjectType } from '../domain/kinds';

export type NotificationDoc = {
  _id: Types.ObjectId;
  recipient: Types.ObjectId;
  kind: NotificationKind;
  variant?: string | undefined;
  subjectType: SubjectType;
  subjectId: string;
  /** The subject's title when it happened (a notification reads the same after a rename). */
  title: string;
  actorName: string;
  at: Date;
  /** null until the recipient opens it (stored, so "unread" is an indexed equality). */
  readAt: Date | null;
};

export type PreferenceDoc = {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** Kinds the person does not want e-mailed: new kinds start switched on. */
  emailOff: NotificationKind[];
  language?: Locale | undefined;
};

const notificationSchema = new Schema<NotificationDoc>(
  {
    recipient: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: KIND_NAMES },
    variant: { type: String, maxlength: 40 },
    subjectType: { type: String, required: true, enum: ['practice', 'recommendation'] },
    subjectId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    title: { type: String, required: true, maxlength: 1000 },
    actorName: { type: String, required: true, maxlength: 200 },
    at: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: 'notifications' },
);
// The header's unread count on every page is one count on this index.
notificationSchema.index({ recipient: 1, readAt: 1 });
notificationSchema.index({ recipient: 1, at: -1 });

const preferenceSchema = new Schema<PreferenceDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true, unique: true },
    emailOff: { type: [String], enum: KIND_NAMES, default: [] },
    language: { type: String, enum: LOCALES },
  },
  { collection: 'notification_preferences' },
);

/** A notification to record; the recipient by user id. */
export type NewNotification = Omit<NotificationDoc, '_id' | 'readAt' | 'recipient'> & { recipient: string };

const objectId = (id: string) => (/^[0-9a-f]{24}$/.test(id) ? new Types.ObjectId(id) : undefined);

/** The only place the notifications' MongoDB queries are written. */
export function notificationStore(connection: Connection) {
  const Notification = modelOn(connection, 'Notification', notificationSchema);
  const Preference = modelOn(connection, 'NotificationPreference', preferenceSchema);

  return {
    async insert(docs: NewNotification[]): Promise<void> {
      if (docs.length > 0) await Notification.insertMany(docs.map((d) => ({ ...d, recipient: new Types.ObjectId(d.recipient), readAt: null })));
    },

    unreadCount(recipient: string): Promise<number> {
      return Notification.countDocuments({ recipient: new Types.ObjectId(recipient), readAt: null });
    },

    async page(recipient: string, options: { unreadOnly: boolean; page: number; perPage: number }) {
      const query = { recipient: new Types.ObjectId(recipient), ...(options.unreadOnly ? { readAt: null } : {}) };
      const [docs, total] = await Promise.all([
        Notification.find(query)
          .sort({ at: -1, _id: -1 })
          .skip((options.page - 1) * options.perPage)
          .limit(options.perPage)
          .lean<NotificationDoc[]>(),
        Notification.countDocuments(query),
      ]);
      return { docs, total };
    },

    /** The recipient's own notification, or undefined (another person's is as absent as a made-up id). */
    async findOwn(recipient: string, id: string): Promise<NotificationDoc | undefined> {
      const _id = objectId(id);
      if (!_id) return undefined;
      return (await Notification.findOne({ _id, recipient: new Types.ObjectId(recipient) }).lean<NotificationDoc>()) ?? undefined;
    },

    async markRead(recipient: string, id: Types.ObjectId, at: Date): Promise<void> {
      await Notification.updateOne({ _id: id, recipient: new Types.ObjectId(recipient), readAt: null }, { $set: { readAt: at } });
    },

    async markAllRead(recipient: string, at: Date): Promise<number> {
      const res = await Notification.updateMany({ recipient: new Types.ObjectId(recipient), readAt: null }, { $set: { readAt: at } });
      return res.modifiedCount;
    },

    async preferences(userIds: readonly string[]): Promise<Map<string, PreferenceDoc>> {
      const ids = userIds.flatMap((id) => objectId(id) ?? []);
      if (ids.length === 0) return new Map();
      const docs = await Preference.find({ userId: trusted({ $in: ids }) }).lean<PreferenceDoc[]>();
      return new Map(docs.map((d) => [d.userId.toHexString(), d]));
    },

    async savePreferences(userId: string, prefs: { emailOff: NotificationKind[]; language: Locale }): Promise<void> {
      await Preference.updateOne({ userId: new Types.ObjectId(userId) }, { $set: prefs }, { upsert: true });
    },
  };
}

export type NotificationStore = ReturnType<typeof notificationStore>;
