import type { Types } from 'mongoose';
import type { Actor, AttachmentRemovalResource, PracticeResource } from '../../../lib/policy';
import { toActor, type User } from '../../users';

/** Who is asking: the signed-in user (res.locals.user), or undefined for a visitor. */
export type Caller = User | undefined;

export const actorOf = (caller: Caller): Actor | null => (caller ? toActor(caller) : null);

/** What the policy is told about a practice. */
export const resourceOf = (doc: {
  city: string;
  status: PracticeResource['status'];
  published?: unknown;
  deleted: boolean;
  deletedBy?: Types.ObjectId | undefined;
  deletedAt?: Date | undefined;
}): PracticeResource => ({
  city: doc.city,
  status: doc.status,
  hasPublished: Boolean(doc.published),
  deleted: doc.deleted,
  deletion: doc.deleted ? { by: doc.deletedBy?.toHexString(), at: doc.deletedAt } : undefined,
});

/** What the policy is told about an attachment taken off a practice. */
export const removalResourceOf = (
  doc: Parameters<typeof resourceOf>[0],
  removal: { removedBy: Types.ObjectId; removedAt: Date },
): AttachmentRemovalResource => ({
  ...resourceOf(doc),
  removal: { by: removal.removedBy.toHexString(), at: removal.removedAt },
});
