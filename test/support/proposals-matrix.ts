import type { User } from '../../server/features/users/users.service';
import type { Case, Fixtures, Who } from '../integration/authorization-matrix.test';
import { finalRecommendation } from './proposals';
import type { TestContext } from './test-context';

/**
 * Routes of the proposals document and the adoption tracker in the authorization matrix. Fixtures: a final
 * recommendation, a published edition, a shared draft, and for every route that changes a draft one draft
 * per caller. "partnerOther" is the Daugavpils partner acting on Kaunas's cell.
 */
export type ProposalFixtures = Record<string, string>;

const ALL: readonly Who[] = ['anonymous', 'partnerOwn', 'partnerOther', 'planner', 'coordinator', 'admin'];
const CURATORS: readonly Who[] = ['coordinator', 'admin'];
/** A city's own partners and the curators. */
const CITY: readonly Who[] = ['partnerOwn', 'coordinator', 'admin'];

const CHANGING = [
  'POST /proposals/:id/edit',
  'POST /proposals/:id/delete',
  'PATCH /api/proposals/:id',
  'DELETE /api/proposals/:id',
];

const published =
  (suffix = '') =>
  (fx: Fixtures) =>
    `/proposals/${fx.proposals.published ?? 'missing'}${suffix}`;
const sharedDraft =
  (prefix: string, suffix = '') =>
  (fx: Fixtures) =>
    `${prefix}/${fx.proposals.draft ?? 'missing'}${suffix}`;
const own =
  (route: string, prefix: string, suffix = '') =>
  (fx: Fixtures, who: Who) =>
    `${prefix}/${fx.proposals[`${route}|${who}`] ?? 'missing'}${suffix}`;
const cell = (prefix: string) => (fx: Fixtures, who: Who) =>
  `${prefix}/${fx.proposals.final ?? 'missing'}/${who === 'partnerOther' ? 'kaunas' : 'daugavpils'}`;

export const PROPOSAL_ROUTES: Record<string, Case> = {
  'GET /proposals': { allow: ALL },
  'POST /proposals': { allow: CURATORS, body: {} },
  'GET /proposals/:id': { allow: ALL, path: published() },
  'GET /proposals/:id/edit': { allow: CURATORS, path: sharedDraft('/proposals', '/edit'), hiddenWhenDenied: true },
  'POST /proposals/:id/edit': {
    allow: CURATORS,
    path: own('POST /proposals/:id/edit', '/proposals', '/edit'),
    body: { revision: '1', title: 'A renamed draft edition', introduction: 'Intro.' },
  },
  'POST /proposals/:id/publish': { allow: CURATORS, path: sharedDraft('/proposals', '/publish'), body: {} },
  'POST /proposals/:id/delete': { allow: CURATORS, path: own('POST /proposals/:id/delete', '/proposals', '/delete') },
  'GET /proposals/:id/print': { allow: ALL, path: published('/print') },
  'GET /proposals/:id/download/:format': { allow: ALL, path: published('/download/md') },
  'GET /api/proposals': { allow: ALL },
  'POST /api/proposals': { allow: CURATORS, body: {} },
  'GET /api/proposals/:id': { allow: ALL, path: (fx) => `/api/proposals/${fx.proposals.published ?? 'missing'}` },
  'PATCH /api/proposals/:id': {
    allow: CURATORS,
    path: own('PATCH /api/proposals/:id', '/api/proposals'),
    body: { revision: 1, title: 'A renamed draft edition' },
  },
  'POST /api/proposals/:id/publish': { allow: CURATORS, path: sharedDraft('/api/proposals', '/publish'), body: {} },
  'DELETE /api/proposals/:id': { allow: CURATORS, path: own('DELETE /api/proposals/:id', '/api/proposals') },
  'GET /adoption': { allow: ALL },
  'GET /adoption/:recommendationId/:city': { allow: ALL, path: cell('/adoption') },
  'POST /adoption/:recommendationId/:city': { allow: CITY, path: cell('/adoption'), body: {} },
  'GET /api/adoption': { allow: ALL },
  'GET /api/adoption/:recommendationId': {
    allow: ALL,
    path: (fx) => `/api/adoption/${fx.proposals.final ?? 'missing'}`,
  },
  'GET /api/adoption/:recommendationId/:city': { allow: ALL, path: cell('/api/adoption') },
  'PUT /api/adoption/:recommendationId/:city': { allow: CITY, path: cell('/api/adoption'), body: {} },
};

export async function proposalFixtures(
  ctx: TestContext,
  users: { partnerOwn: User; coordinator: User },
): Promise<ProposalFixtures> {
  const { proposals } = ctx.services;
  const coordinator = users.coordinator;
  const final = await finalRecommendation(
    ctx,
    { author: users.partnerOwn, coordinator },
    { title: 'Matrix final recommendation' },
  );
  const edition = await proposals.create(coordinator, {
    introduction: 'The matrix edition.',
    recommendations: [final.id],
  });
  await proposals.publish(coordinator, edition._id.toHexString(), {});
  const fixtures: ProposalFixtures = {
    final: final.id,
    published: edition._id.toHexString(),
    draft: (await proposals.create(coordinator, {}))._id.toHexString(),
  };
  for (const route of CHANGING) {
    for (const who of ALL) fixtures[`${route}|${who}`] = (await proposals.create(coordinator, {}))._id.toHexString();
  }
  return fixtures;
}
