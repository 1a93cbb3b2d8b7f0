import type { User } from '../../server/features/users/users.service';
import type { TestContext } from './test-context';

/** Practice routes of the authorization matrix; filled in with the practices feature. */
export type PracticeFixtures = Record<string, string>;

export const PRACTICE_ROUTES = {} as Record<string, import('../integration/authorization-matrix.test').Case>;

export async function practiceFixtures(
  _ctx: TestContext,
  _users: { partnerOwn: User; planner: User; coordinator: User; admin: User },
): Promise<PracticeFixtures> {
  return {};
}
