import type { User } from '../../server/features/users/users.service';
import type { Case, Fixtures, Who } from '../integration/authorization-matrix.test';
import { completePracticeBody } from './factories';
import { samplePng } from './sample-files';
import type { TestContext } from './test-context';

/**
 * Practice routes of the authorization matrix. Fixtures are practice ids by key: one shared Daugavpils
 * draft (and a Kaunas one for "partnerOther") for reading, and for every route that changes a practice
 * one practice per caller, so one caller's change never decides another caller's case.
 */
export type PracticeFixtures = Record<string, string>;

type Start = 'draft' | 'submitted' | 'published' | 'deleted';

const ALL: readonly Who[] = ['anonymous', 'partnerOwn', 'partnerOther', 'planner', 'coordinator', 'admin'];
const CURATORS: readonly Who[] = ['coordinator', 'admin'];
/** Drafts, history and the thread: the authors' city and the curators. */
const WORKING: readonly Who[] = ['partnerOwn', 'coordinator', 'admin'];

const cityOf = (who: Who) => (who === 'partnerOther' ? 'kaunas' : 'daugavpils');
const shared = (fx: Fixtures, who: Who) => fx.practices[`shared:${cityOf(who)}`] ?? 'missing';
const own = (route: string) => (fx: Fixtures, who: Who) => fx.practices[`${route}|${who}`] ?? 'missing';

// The routes that change a practice, the status their practice starts in, whether it needs a file, and
// whether that file was then taken off again (by the caller where they may edit, else by an admin).
const CHANGING: Record<string, { start: Start; file?: boolean; removed?: boolean }> = {
  'PATCH /api/practices/:id': { start: 'draft' },
  'DELETE /api/practices/:id': { start: 'draft' },
  'POST /api/practices/:id/submit': { start: 'draft' },
  'POST /api/practices/:id/publish': { start: 'submitted' },
  'POST /api/practices/:id/request-changes': { start: 'submitted' },
  'POST /api/practices/:id/reject': { start: 'submitted' },
  'POST /api/practices/:id/archive': { start: 'published' },
  'POST /api/practices/:id/undelete': { start: 'deleted' },
  'POST /api/practices/:id/purge': { start: 'deleted' },
  'POST /api/practices/:id/attachments': { start: 'draft' },
  'DELETE /api/practices/:id/attachments/:attachmentId': { start: 'draft', file: true },
  'POST /api/practices/:id/attachments/:attachmentId/restore': { start: 'draft', file: true, removed: true },
  'POST /api/practices/:id/revisions/:number/restore': { start: 'draft' },
  'POST /practices/:id/edit': { start: 'draft' },
  'POST /practices/:id/submit': { start: 'draft' },
  'POST /practices/:id/publish': { start: 'submitted' },
  'POST /practices/:id/request-changes': { start: 'submitted' },
  'POST /practices/:id/reject': { start: 'submitted' },
  'POST /practices/:id/archive': { start: 'published' },
  'POST /practices/:id/delete': { start: 'draft' },
  'POST /practices/:id/undelete': { start: 'deleted' },
  'POST /practices/:id/purge': { start: 'deleted' },
  'POST /practices/:id/attachments': { start: 'draft' },
  'POST /practices/:id/attachments/:attachmentId/remove': { start: 'draft', file: true },
  'POST /practices/:id/attachments/:attachmentId/restore': { start: 'draft', file: true, removed: true },
  'POST /practices/:id/history/:number/restore': { start: 'draft' },
};

const at =
  (route: string, suffix = '') =>
  (fx: Fixtures, who: Who) =>
    `/api/practices/${own(route)(fx, who)}${suffix}`;
const page =
  (route: string, suffix = '') =>
  (fx: Fixtures, who: Who) =>
    `/practices/${own(route)(fx, who)}${suffix}`;
const ownFile = (route: string, prefix: string, suffix: string) => (fx: Fixtures, who: Who) =>
  `${prefix}/${own(route)(fx, who)}/attachments/${fx.practices[`${route}|${who}:file`]}${suffix}`;
const sharedPage =
  (suffix = '') =>
  (fx: Fixtures, who: Who) =>
    `/practices/${shared(fx, who)}${suffix}`;

/** The HTML pages mirror the API: the same service decides, so the same callers get through. */
const PAGE_ROUTES: Record<string, Case> = {
  'GET /practices': { allow: ALL },
  'GET /practices/new': { allow: ['partnerOwn', 'partnerOther', 'admin'] },
  'POST /practices': {
    allow: ['partnerOwn', 'partnerOther', 'admin'],
    body: { title: 'Matrix page practice', intent: 'draft' },
  },
  'GET /practices/:id': { allow: WORKING, path: sharedPage() },
  'GET /practices/:id/attachments/:attachmentId': {
    allow: WORKING,
    path: (fx, who) => `/practices/${shared(fx, who)}/attachments/${fx.practices[`shared:${cityOf(who)}:file`]}`,
  },
  'GET /practices/:id/edit': { allow: WORKING, path: sharedPage('/edit') },
  'POST /practices/:id/edit': { allow: WORKING, path: page('POST /practices/:id/edit', '/edit'), body: { title: 'x' } },
  'POST /practices/:id/submit': { allow: ['partnerOwn', 'admin'], path: page('POST /practices/:id/submit', '/submit') },
  'POST /practices/:id/publish': { allow: CURATORS, path: page('POST /practices/:id/publish', '/publish') },
  'POST /practices/:id/request-changes': {
    allow: CURATORS,
    path: page('POST /practices/:id/request-changes', '/request-changes'),
    body: { reason: 'Matrix reason.' },
  },
  'POST /practices/:id/reject': {
    allow: CURATORS,
    path: page('POST /practices/:id/reject', '/reject'),
    body: { reason: 'Matrix reason.' },
  },
  'POST /practices/:id/archive': { allow: CURATORS, path: page('POST /practices/:id/archive', '/archive') },
  'POST /practices/:id/delete': { allow: WORKING, path: page('POST /practices/:id/delete', '/delete') },
  'POST /practices/:id/undelete': { allow: CURATORS, path: page('POST /practices/:id/undelete', '/undelete') },
  'POST /practices/:id/purge': {
    allow: ['admin'],
    path: page('POST /practices/:id/purge', '/purge'),
    hiddenWhenDenied: true,
  },
  'POST /practices/:id/comments': {
    allow: WORKING,
    path: sharedPage('/comments'),
    body: { body: 'A matrix comment.' },
  },
  'POST /practices/:id/attachments': { allow: WORKING, path: page('POST /practices/:id/attachments', '/attachments') },
  'POST /practices/:id/attachments/:attachmentId/remove': {
    allow: WORKING,
    path: (fx, who) => {
      const route = 'POST /practices/:id/attachments/:attachmentId/remove';
      return `/practices/${own(route)(fx, who)}/attachments/${fx.practices[`${route}|${who}:file`]}/remove`;
    },
  },
  // The undo of a removal: only its remover (within the window), so those who could not edit got an admin's removal.
  'POST /practices/:id/attachments/:attachmentId/restore': {
    allow: WORKING,
    path: ownFile('POST /practices/:id/attachments/:attachmentId/restore', '/practices', '/restore'),
  },
  'GET /practices/:id/history': { allow: WORKING, path: sharedPage('/history') },
  'POST /practices/:id/history/:number/restore': {
    allow: CURATORS,
    path: page('POST /practices/:id/history/:number/restore', '/history/1/restore'),
  },
  'GET /my-city': { allow: ['partnerOwn', 'partnerOther'] },
  'GET /review': { allow: CURATORS },
  'GET /search': { allow: ALL },
  'GET /api/search': { allow: ALL },
  'GET /admin/search': { allow: CURATORS },
  'POST /admin/search/synonyms': { allow: CURATORS, body: { terms: '' } },
  'POST /admin/search/synonyms/:id/delete': {
    allow: CURATORS,
    path: () => '/admin/search/synonyms/5f0000000000000000000000/delete',
  },
  'GET /events': { allow: ALL },
  'GET /events/new': { allow: CURATORS },
  'POST /events': { allow: CURATORS, body: {} },
  'GET /events/:slug': { allow: ALL, path: () => '/events/2019-02-palermo-youth' },
  'GET /events/:slug/edit': { allow: CURATORS, path: () => '/events/2019-02-palermo-youth/edit' },
  'POST /events/:slug': { allow: CURATORS, path: () => '/events/2019-02-palermo-youth', body: {} },
  'GET /dashboard': { allow: ALL },
  'GET /map': { allow: ALL },
  'GET /practices/:id/print': { allow: WORKING, path: sharedPage('/print') },
  'GET /practices/:id/pdf': { allow: WORKING, path: sharedPage('/pdf') },
  'GET /api/exports/search.csv': { allow: ALL },
  'GET /api/exports/search.json': { allow: ALL },
  'GET /api/exports/practices.csv': { allow: ALL },
  'GET /api/exports/practices.json': { allow: ALL },
};

export const PRACTICE_ROUTES: Record<string, Case> = {
  // Creating: partners in their own city (the body names none, so the partner's city) and admins.
  'GET /api/practices': { allow: ALL },
  'POST /api/practices': { allow: ['partnerOwn', 'partnerOther', 'admin'], body: { title: 'Matrix practice' } },
  'GET /api/review-queue': { allow: CURATORS },
  'GET /api/practices/:id': { allow: WORKING, path: (fx, who) => `/api/practices/${shared(fx, who)}` },
  'GET /api/practices/:id/attachments/:attachmentId': {
    allow: WORKING,
    path: (fx, who) => `/api/practices/${shared(fx, who)}/attachments/${fx.practices[`shared:${cityOf(who)}:file`]}`,
  },
  'GET /api/practices/:id/revisions': {
    allow: WORKING,
    path: (fx, who) => `/api/practices/${shared(fx, who)}/revisions`,
  },
  'GET /api/practices/:id/revisions/:number': {
    allow: WORKING,
    path: (fx, who) => `/api/practices/${shared(fx, who)}/revisions/1`,
  },
  'GET /api/practices/:id/diff': {
    allow: WORKING,
    path: (fx, who) => `/api/practices/${shared(fx, who)}/diff?from=1&to=1`,
  },
  'GET /api/practices/:id/comments': {
    allow: WORKING,
    path: (fx, who) => `/api/practices/${shared(fx, who)}/comments`,
  },
  'POST /api/practices/:id/comments': {
    allow: WORKING,
    path: (fx, who) => `/api/practices/${shared(fx, who)}/comments`,
    body: { body: 'A matrix comment.' },
  },
  'PATCH /api/practices/:id': {
    allow: WORKING,
    path: at('PATCH /api/practices/:id'),
    body: { revision: 1, summary: 'Matrix edit.' },
  },
  'DELETE /api/practices/:id': { allow: WORKING, path: at('DELETE /api/practices/:id') },
  'POST /api/practices/:id/submit': {
    allow: ['partnerOwn', 'admin'],
    path: at('POST /api/practices/:id/submit', '/submit'),
  },
  'POST /api/practices/:id/publish': { allow: CURATORS, path: at('POST /api/practices/:id/publish', '/publish') },
  'POST /api/practices/:id/request-changes': {
    allow: CURATORS,
    path: at('POST /api/practices/:id/request-changes', '/request-changes'),
    body: { reason: 'Matrix reason.' },
  },
  'POST /api/practices/:id/reject': {
    allow: CURATORS,
    path: at('POST /api/practices/:id/reject', '/reject'),
    body: { reason: 'Matrix reason.' },
  },
  'POST /api/practices/:id/archive': { allow: CURATORS, path: at('POST /api/practices/:id/archive', '/archive') },
  'POST /api/practices/:id/undelete': { allow: CURATORS, path: at('POST /api/practices/:id/undelete', '/undelete') },
  'POST /api/practices/:id/purge': { allow: ['admin'], path: at('POST /api/practices/:id/purge', '/purge') },
  // Not multipart here: the policy answers before Multer, and an allowed caller gets "no files" (400).
  'POST /api/practices/:id/attachments': {
    allow: WORKING,
    path: at('POST /api/practices/:id/attachments', '/attachments'),
  },
  'DELETE /api/practices/:id/attachments/:attachmentId': {
    allow: WORKING,
    path: (fx, who) => {
      const route = 'DELETE /api/practices/:id/attachments/:attachmentId';
      return `/api/practices/${own(route)(fx, who)}/attachments/${fx.practices[`${route}|${who}:file`]}`;
    },
  },
  'POST /api/practices/:id/attachments/:attachmentId/restore': {
    allow: WORKING,
    path: ownFile('POST /api/practices/:id/attachments/:attachmentId/restore', '/api/practices', '/restore'),
  },
  'POST /api/practices/:id/revisions/:number/restore': {
    allow: CURATORS,
    path: at('POST /api/practices/:id/revisions/:number/restore', '/revisions/1/restore'),
  },
  'GET /api/vocabularies': { allow: ALL },
  'GET /api/openapi.json': { allow: ALL },
  'GET /admin/vocabularies': { allow: CURATORS },
  'POST /admin/vocabularies/:kind': {
    allow: CURATORS,
    path: () => '/admin/vocabularies/theme',
    body: { en: '', lv: '' },
  },
  'POST /admin/vocabularies/:kind/:slug': {
    allow: CURATORS,
    path: () => '/admin/vocabularies/theme/youth-retention',
    body: { en: '', lv: '' },
  },
  'POST /admin/vocabularies/:kind/:slug/retire': {
    allow: CURATORS,
    path: () => '/admin/vocabularies/theme/ageing-care/retire',
  },
  'POST /admin/vocabularies/:kind/:slug/reinstate': {
    allow: CURATORS,
    path: () => '/admin/vocabularies/theme/ageing-care/reinstate',
  },
  ...PAGE_ROUTES,
};

export async function practiceFixtures(
  ctx: TestContext,
  users: { partnerOwn: User; planner: User; coordinator: User; admin: User },
): Promise<PracticeFixtures> {
  const practices = ctx.services.practices;
  const fixtures: PracticeFixtures = {};

  async function seed(
    city: string,
    start: Start,
    title: string,
    file: boolean,
  ): Promise<{ id: string; file?: string | undefined }> {
    const { id } = await practices.seedPractice({
      content: completePracticeBody({ title, city }),
      status: start === 'deleted' ? 'draft' : start,
      createdBy: users.admin.id,
      reviewedBy: users.coordinator.id,
      attachments: file ? [{ buffer: samplePng(), originalName: 'matrix.png' }] : [],
    });
    if (start === 'deleted') await practices.remove(users.admin, id);
    const json = await practices.get(users.admin, id);
    return { id, file: json.working?.attachments[0]?.id };
  }

  for (const city of ['daugavpils', 'kaunas']) {
    const { id, file } = await seed(city, 'draft', `Matrix shared draft of ${city}`, true);
    fixtures[`shared:${city}`] = id;
    fixtures[`shared:${city}:file`] = file ?? 'missing';
  }
  const editors: Partial<Record<Who, User>> = { partnerOwn: users.partnerOwn, coordinator: users.coordinator, admin: users.admin };
  for (const [route, spec] of Object.entries(CHANGING)) {
    for (const who of ALL) {
      const { id, file } = await seed(cityOf(who), spec.start, `Matrix ${route} for ${who}`, spec.file ?? false);
      fixtures[`${route}|${who}`] = id;
      if (file) fixtures[`${route}|${who}:file`] = file;
      if (spec.removed && file) await practices.removeAttachment(editors[who] ?? users.admin, id, file);
    }
  }
  return fixtures;
}
