import type { User } from '../../server/features/users/users.service';
import { completeRecommendationBody, publishedPractice } from './recommendations';
import type { TestContext } from './test-context';

/**
 * A final recommendation citing freshly published practices (one per reason), through the services'
 * own write paths; returns its id and the cited practices' ids.
 */
export async function finalRecommendation(
  ctx: TestContext,
  people: { author: User; coordinator: User },
  options: {
    title: string;
    measureGroup?: string;
    reasons?: string[];
    practice?: Record<string, unknown>;
    overrides?: Record<string, unknown>;
  },
): Promise<{ id: string; practices: string[] }> {
  const r = ctx.services.recommendations;
  const rec = await r.create(
    people.coordinator,
    completeRecommendationBody({
      title: options.title,
      measureGroup: options.measureGroup ?? 'remigration',
      ...options.overrides,
    }),
  );
  const practices: string[] = [];
  for (const [i, reason] of (options.reasons ?? ['It shows the measure works.']).entries()) {
    const practiceId = await publishedPractice(
      ctx,
      { author: people.author, reviewer: people.coordinator },
      { title: `${options.title}: practice ${i + 1}`, ...options.practice },
    );
    await r.cite(people.coordinator, rec.id, { practiceId, reason });
    practices.push(practiceId);
  }
  await r.finalise(people.coordinator, rec.id);
  return { id: rec.id, practices };
}
