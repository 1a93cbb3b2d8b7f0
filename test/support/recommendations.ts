import type { User } from '../../server/features/users/users.service';
import { completePracticeBody } from './factories';
import type { TestContext } from './test-context';

/** A recommendation body with everything consultation requires (no evidence: that is cited separately). */
export function completeRecommendationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Return-migration advisers in every regional centre',
    summary: 'A municipal adviser plans the return of emigrant families with them: jobs, schools, housing and paperwork.',
    problem: 'Families who would come back **give up** over paperwork and uncertainty.',
    measureGroup: 'remigration',
    themes: ['return-migration-diaspora'],
    targetGroups: ['returning-emigrants', 'families-with-children'],
    actions: [
      { text: 'Appoint a **return adviser** in the city council.', lead: 'Social services department', costBand: 'low', horizon: 'short' },
      { text: 'Publish a single web page for returning families.', costBand: 'low', horizon: 'medium' },
    ],
    preconditions: 'A budget line for one post.',
    risks: 'Advisers without links to employers answer too little.',
    suits: { populationBands: ['under-100k', '100k-300k'], trends: ['shrinking'], roles: [] },
    indicators: [{ name: 'Families returned', unit: 'families per year', direction: 'up' }],
    priority: 'high',
    ...overrides,
  };
}

/** A published (listed) practice written by the trusted import path; returns its id. */
export async function publishedPractice(
  ctx: TestContext,
  people: { author: User; reviewer: User },
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { id } = await ctx.services.practices.seedPractice({
    content: completePracticeBody(overrides),
    status: 'published',
    createdBy: people.author.id,
    reviewedBy: people.reviewer.id,
  });
  return id;
}
