import type { User } from '../../server/features/users/users.service';
import type { Case, Fixtures, Who } from '../integration/authorization-matrix.test';
import { completeRecommendationBody, publishedPractice } from './recommendations';
import type { TestContext } from './test-context';

/**
 * Recommendation routes of the authorization matrix. Fixtures are recommendation ids by key: shared ones
 * for reading (a consultation every member reads, a draft only curators read), and for every route that
 * changes a recommendation one per caller, so one caller's change never decides another caller's case.
 */
export type RecommendationFixtures = Record<string, string>;

type Start = 'draft' | 'consultation' | 'final' | 'withdrawn' | 'deleted';

const ALL: readonly Who[] = ['anonymous', 'partnerOwn', 'partnerOther', 'planner', 'coordinator', 'admin'];
const MEMBERS: readonly Who[] = ['partnerOwn', 'partnerOther', 'planner', 'coordinator', 'admin'];
const CURATORS: readonly Who[] = ['coordinator', 'admin'];

// The routes that change a recommendation and the status their recommendation starts in.
const CHANGING: Record<string, Start> = {
  'PATCH /api/recommendations/:id': 'draft',
  'DELETE /api/recommendations/:id': 'draft',
  'POST /api/recommendations/:id/undelete': 'deleted',
  'POST /api/recommendations/:id/open-consultation': 'draft',
  'POST /api/recommendations/:id/back-to-draft': 'consultation',
  'POST /api/recommendations/:id/finalise': 'consultation',
  'POST /api/recommendations/:id/withdraw': 'final',
  'POST /api/recommendations/:id/reopen': 'withdrawn',
  'POST /api/recommendations/:id/revisions/:number/restore': 'draft',
  'POST /recommendations/:id/edit': 'draft',
  'POST /recommendations/:id/open-consultation': 'draft',
  'POST /recommendations/:id/back-to-draft': 'consultation',
  'POST /recommendations/:id/finalise': 'consultation',
  'POST /recommendations/:id/withdraw': 'final',
  'POST /recommendations/:id/reopen': 'withdrawn',
  'POST /recommendations/:id/delete': 'draft',
  'POST /recommendations/:id/undelete': 'deleted',
  'POST /recommendations/:id/history/:number/restore': 'draft',
  'POST /api/recommendations/:id/evidence': 'draft',
  'PATCH /api/recommendations/:id/evidence/:practiceId': 'consultation',
  'DELETE /api/recommendations/:id/evidence/:practiceId': 'consultation',
  'POST /recommendations/cite': 'draft',
  'POST /recommendations/:id/evidence': 'draft',
  'POST /recommendations/:id/evidence/:practiceId': 'consultation',
  'POST /recommendations/:id/evidence/:practiceId/remove': 'consultation',
};

const own = (route: string) => (fx: Fixtures, who: Who) => fx.recommendations[`${route}|${who}`] ?? 'missing';
const api = (route: string, suffix = '') => (fx: Fixtures, who: Who) => `/api/recommendations/${own(route)(fx, who)}${suffix}`;
const page = (route: string, suffix = '') => (fx: Fixtures, who: Who) => `/recommendations/${own(route)(fx, who)}${suffix}`;
const shared = (key: 'consultation' | 'draft', suffix = '') => (fx: Fixtures) => `${fx.recommendations[`shared:${key}`] ?? 'missing'}${suffix}`;
const sharedApi = (key: 'consultation' | 'draft', suffix = '') => (fx: Fixtures) => `/api/recommendations/${shared(key, suffix)(fx)}`;
const sharedPage = (key: 'consultation' | 'draft', suffix = '') => (fx: Fixtures) => `/recommendations/${shared(key, suffix)(fx)}`;

export const RECOMMENDATION_ROUTES: Record<string, Case> = {
  'GET /api/recommendations': { allow: ALL },
  'POST /api/recommendations': { allow: CURATORS, body: { title: 'Matrix recommendation' } },
  'GET /api/recommendations/:id': { allow: MEMBERS, path: sharedApi('consultation') },
  'PATCH /api/recommendations/:id': { allow: CURATORS, path: api('PATCH /api/recommendations/:id'), body: { revision: 1, risks: 'Matrix edit.' } },
  'DELETE /api/recommendations/:id': { allow: CURATORS, path: api('DELETE /api/recommendations/:id') },
  'POST /api/recommendations/:id/undelete': { allow: CURATORS, path: api('POST /api/recommendations/:id/undelete', '/undelete'), hiddenWhenDenied: true },
  'POST /api/recommendations/:id/open-consultation': { allow: CURATORS, path: api('POST /api/recommendations/:id/open-consultation', '/open-consultation') },
  'POST /api/recommendations/:id/back-to-draft': { allow: CURATORS, path: api('POST /api/recommendations/:id/back-to-draft', '/back-to-draft') },
  'POST /api/recommendations/:id/finalise': { allow: CURATORS, path: api('POST /api/recommendations/:id/finalise', '/finalise') },
  'POST /api/recommendations/:id/withdraw': { allow: CURATORS, path: api('POST /api/recommendations/:id/withdraw', '/withdraw'), body: { reason: 'Matrix reason.' } },
  'POST /api/recommendations/:id/reopen': { allow: CURATORS, path: api('POST /api/recommendations/:id/reopen', '/reopen') },
  'GET /api/recommendations/:id/revisions': { allow: CURATORS, path: sharedApi('draft', '/revisions') },
  'GET /api/recommendations/:id/revisions/:number': { allow: CURATORS, path: sharedApi('draft', '/revisions/1') },
  'GET /api/recommendations/:id/diff': { allow: CURATORS, path: sharedApi('draft', '/diff?from=1&to=1') },
  'POST /api/recommendations/:id/revisions/:number/restore': {
    allow: CURATORS,
    path: api('POST /api/recommendations/:id/revisions/:number/restore', '/revisions/1/restore'),
  },
  'GET /api/recommendations/:id/evidence': { allow: MEMBERS, path: sharedApi('consultation', '/evidence') },
  'GET /api/recommendations/:id/comments': { allow: MEMBERS, path: sharedApi('consultation', '/comments') },
  'POST /api/recommendations/:id/comments': { allow: MEMBERS, path: sharedApi('consultation', '/comments'), body: { body: 'A matrix comment.' } },
  'POST /api/recommendations/:id/comments/:commentId/answer': {
    allow: CURATORS,
    path: (fx) => `/api/recommendations/${fx.recommendations['shared:consultation']}/comments/${fx.recommendations['shared:comment']}/answer`,
    body: { body: 'A matrix answer.' },
  },
  'POST /api/recommendations/:id/comments/:commentId/mark': {
    allow: CURATORS,
    path: (fx) => `/api/recommendations/${fx.recommendations['shared:consultation']}/comments/${fx.recommendations['shared:comment']}/mark`,
    body: { taken: true },
  },
  'POST /api/recommendations/:id/evidence': {
    allow: CURATORS,
    path: api('POST /api/recommendations/:id/evidence', '/evidence'),
    body: (fx) => ({ practiceId: fx.recommendations['practice:evidence'], reason: 'Matrix reason.' }),
  },
  'PATCH /api/recommendations/:id/evidence/:practiceId': {
    allow: CURATORS,
    path: (fx, who) => `${api('PATCH /api/recommendations/:id/evidence/:practiceId')(fx, who)}/evidence/${fx.recommendations['practice:evidence']}`,
    body: { reason: 'A changed matrix reason.' },
  },
  'DELETE /api/recommendations/:id/evidence/:practiceId': {
    allow: CURATORS,
    path: (fx, who) => `${api('DELETE /api/recommendations/:id/evidence/:practiceId')(fx, who)}/evidence/${fx.recommendations['practice:evidence']}`,
  },
  'GET /recommendations/cite': { allow: CURATORS, path: (fx) => `/recommendations/cite?practice=${fx.recommendations['practice:evidence']}` },
  'POST /recommendations/cite': {
    allow: CURATORS,
    body: (fx, who) => ({ practiceId: fx.recommendations['practice:evidence'], recommendation: own('POST /recommendations/cite')(fx, who), reason: 'Matrix reason.' }),
  },
  'POST /recommendations/:id/evidence': {
    allow: CURATORS,
    path: page('POST /recommendations/:id/evidence', '/evidence'),
    body: (fx) => ({ practiceId: fx.recommendations['practice:evidence'], reason: 'Matrix reason.' }),
  },
  'POST /recommendations/:id/evidence/:practiceId': {
    allow: CURATORS,
    path: (fx, who) => `${page('POST /recommendations/:id/evidence/:practiceId')(fx, who)}/evidence/${fx.recommendations['practice:evidence']}`,
    body: { reason: 'A changed matrix reason.' },
  },
  'POST /recommendations/:id/evidence/:practiceId/remove': {
    allow: CURATORS,
    path: (fx, who) => `${page('POST /recommendations/:id/evidence/:practiceId/remove')(fx, who)}/evidence/${fx.recommendations['practice:evidence']}/remove`,
  },
  'GET /recommendations': { allow: ALL },
  'GET /recommendations/new': { allow: CURATORS },
  'POST /recommendations': { allow: CURATORS, body: { title: 'Matrix page recommendation' } },
  'GET /recommendations/:id': { allow: MEMBERS, path: sharedPage('consultation') },
  'GET /recommendations/:id/edit': { allow: CURATORS, path: sharedPage('draft', '/edit') },
  'POST /recommendations/:id/edit': { allow: CURATORS, path: page('POST /recommendations/:id/edit', '/edit'), body: { title: 'Matrix edit title', revision: '1' } },
  'POST /recommendations/:id/open-consultation': { allow: CURATORS, path: page('POST /recommendations/:id/open-consultation', '/open-consultation') },
  'POST /recommendations/:id/back-to-draft': { allow: CURATORS, path: page('POST /recommendations/:id/back-to-draft', '/back-to-draft') },
  'POST /recommendations/:id/finalise': { allow: CURATORS, path: page('POST /recommendations/:id/finalise', '/finalise') },
  'POST /recommendations/:id/withdraw': { allow: CURATORS, path: page('POST /recommendations/:id/withdraw', '/withdraw'), body: { reason: 'Matrix reason.' } },
  'POST /recommendations/:id/reopen': { allow: CURATORS, path: page('POST /recommendations/:id/reopen', '/reopen') },
  'POST /recommendations/:id/delete': { allow: CURATORS, path: page('POST /recommendations/:id/delete', '/delete') },
  'POST /recommendations/:id/undelete': { allow: CURATORS, path: page('POST /recommendations/:id/undelete', '/undelete'), hiddenWhenDenied: true },
  'POST /recommendations/:id/comments': { allow: MEMBERS, path: sharedPage('consultation', '/comments'), body: { body: 'A matrix comment.' } },
  'POST /recommendations/:id/comments/:commentId/answer': {
    allow: CURATORS,
    path: (fx) => `/recommendations/${fx.recommendations['shared:consultation']}/comments/${fx.recommendations['shared:comment']}/answer`,
    body: { body: 'A matrix answer.' },
  },
  'POST /recommendations/:id/comments/:commentId/mark': {
    allow: CURATORS,
    path: (fx) => `/recommendations/${fx.recommendations['shared:consultation']}/comments/${fx.recommendations['shared:comment']}/mark`,
    body: { taken: 'true' },
  },
  'GET /recommendations/:id/history': { allow: CURATORS, path: sharedPage('draft', '/history') },
  // The print view shows what the page shows: a recommendation in consultation is for members.
  'GET /recommendations/:id/print': { allow: MEMBERS, path: sharedPage('consultation', '/print') },
  // Everyone may download the list; what it holds follows the list's visibility (tested with the exports).
  'GET /api/exports/recommendations.csv': { allow: ALL },
  'GET /api/exports/recommendations.json': { allow: ALL },
  'POST /recommendations/:id/history/:number/restore': { allow: CURATORS, path: page('POST /recommendations/:id/history/:number/restore', '/history/1/restore') },
};

export async function recommendationFixtures(ctx: TestContext, users: { partnerOwn: User; coordinator: User; admin: User }): Promise<RecommendationFixtures> {
  const r = ctx.services.recommendations;
  const coordinator = users.coordinator;
  const evidence = await publishedPractice(ctx, { author: users.partnerOwn, reviewer: coordinator }, { title: 'Matrix evidence practice' });
  const fixtures: RecommendationFixtures = { 'practice:evidence': evidence };

  async function seed(start: Start, title: string): Promise<string> {
    const rec = await r.create(coordinator, completeRecommendationBody({ title }));
    if (start === 'draft') return rec.id;
    if (start === 'deleted') {
      await r.remove(coordinator, rec.id);
      return rec.id;
    }
    await ctx.services.recommendations.cite(coordinator, rec.id, { practiceId: evidence, reason: 'It shows the adviser works.' });
    await r.openConsultation(coordinator, rec.id);
    if (start === 'consultation') return rec.id;
    await r.finalise(coordinator, rec.id);
    if (start === 'final') return rec.id;
    await r.withdraw(coordinator, rec.id, { reason: 'Matrix withdrawal.' });
    return rec.id;
  }

  fixtures['shared:draft'] = await seed('draft', 'Matrix shared draft');
  fixtures['shared:consultation'] = await seed('consultation', 'Matrix shared consultation');
  const thread = await r.addComment(users.partnerOwn, fixtures['shared:consultation'], { body: 'A partner’s comment.' });
  fixtures['shared:comment'] = thread[0]?.id ?? 'missing';
  for (const [route, start] of Object.entries(CHANGING)) {
    for (const who of ALL) fixtures[`${route}|${who}`] = await seed(start, `Matrix ${route} for ${who}`);
  }
  return fixtures;
}
