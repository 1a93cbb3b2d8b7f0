import type { Actor, PracticeResource } from '../../../lib/policy';
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
}): PracticeResource => ({
  city: doc.city,
  status: doc.status,
  hasPublished: Boolean(doc.published),
  deleted: doc.deleted,
});
