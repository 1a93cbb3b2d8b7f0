import type { User } from '../../server/features/users/users.service';
import { createUser } from './factories';
import { publishedPractice as publishedBy } from './practice-pages';
import type { TestContext } from './test-context';

export type Authors = { partner: User; coordinator: User };

export async function createAuthors(ctx: TestContext): Promise<Authors> {
  return {
    partner: await createUser(ctx, { role: 'partner', city: 'daugavpils' }),
    coordinator: await createUser(ctx, { role: 'coordinator' }),
  };
}

/** A practice taken through the workflow to published by these authors, as people would do it. */
export async function publishedPractice(ctx: TestContext, who: Authors, overrides: Record<string, unknown> = {}) {
  return publishedBy(ctx, who.partner, who.coordinator, overrides);
}

/** The practice's revision counters as stored. */
export async function revisionsOf(
  ctx: TestContext,
  id: string,
): Promise<{ revision: number; indexedRevision: number }> {
  const [state] = await ctx.services.practices
    .indexStates(undefined, 100_000)
    .then((all) => all.filter((s) => s.id === id));
  if (!state) throw new Error(`No practice ${id}`);
  return { revision: state.revision, indexedRevision: state.indexedRevision };
}

export async function indexedDoc(
  ctx: TestContext,
  id: string,
): Promise<{ id: string; revision: number; title: string } | undefined> {
  return ctx.search
    .index('practices')
    .getDocument<{ id: string; revision: number; title: string }>(id)
    .catch((err: { cause?: { code?: string } }) => {
      if (err.cause?.code === 'document_not_found') return undefined;
      throw err;
    });
}
