/**
 * The one authorization policy. Every route asks `can(actor, action, resource)`; no route checks
 * roles itself, so the whole access model is readable here and tested as a matrix.
 */
export const ROLES = ['partner', 'planner', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PRACTICE_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'published',
  'rejected',
  'archived',
] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** A recommendation's workflow: drafted by curators, put to the members, made final (public), withdrawn. */
export const RECOMMENDATION_STATUSES = ['draft', 'consultation', 'final', 'withdrawn'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
/** The furthest a recommendation has gone: a withdrawn one stays readable by those who could read it then. */
export type RecommendationReach = Exclude<RecommendationStatus, 'withdrawn'>;

export type Actor = Readonly<{ id: string; role: Role; city?: string | undefined }>;

/**
 * How long the person who deleted a practice or took an attachment off it may take that back
 * themselves. Curators bring deleted practices back at any time; everyone else asks them afterwards.
 */
export const UNDO_WINDOW_MINUTES = 30;
export const UNDO_WINDOW_MS = UNDO_WINDOW_MINUTES * 60_000;
/** Who did something that may be undone, and when. */
export type UndoRecord = Readonly<{ by?: string | undefined; at?: Date | undefined }>;
/** The moment the undo of something done at `at` stops being offered. */
export const undoDeadline = (at: Date): Date => new Date(at.getTime() + UNDO_WINDOW_MS);

/**
 * `status` is the workflow state of the working copy; `hasPublished` says a published version exists
 * (it stays readable while its authors prepare the next revision).
 */
export type PracticeResource = Readonly<{
  city: string;
  status: PracticeStatus;
  hasPublished: boolean;
  deleted?: boolean;
  /** Who deleted it and when (for a deleted practice). */
  deletion?: UndoRecord | undefined;
}>;
/** An attachment taken off a practice's working copy: who took it off and when. */
export type AttachmentRemovalResource = PracticeResource & Readonly<{ removal: UndoRecord }>;
/** `reached` is the furthest status it has been in (draft, consultation or final). */
export type RecommendationResource = Readonly<{
  status: RecommendationStatus;
  reached: RecommendationReach;
  deleted?: boolean;
}>;
export type InviteResource = Readonly<{ role: Role }>;
export type UserResource = Readonly<{ id: string; role: Role }>;

type Resources = {
  'public.read': undefined;
  'account.manage': undefined;
  'contact.view': undefined;
  'search.save': undefined;
  'users.list': undefined;
  'users.invite': InviteResource | undefined;
  'users.change-role': UserResource;
  'users.deactivate': UserResource;
  'users.reset-link': UserResource;
  'audit.view': undefined;
  'practice.create': Readonly<{ city: string }> | undefined;
  'practice.read': PracticeResource;
  'practice.read-working': PracticeResource;
  'practice.edit': PracticeResource;
  'practice.submit': PracticeResource;
  'practice.review': PracticeResource;
  'practice.archive': PracticeResource;
  'practice.delete': PracticeResource;
  'practice.purge': PracticeResource;
  'practice.undelete': PracticeResource;
  /** Putting an attachment that was taken off back on the working copy (its remover's undo). */
  'practice.restore-attachment': AttachmentRemovalResource;
  'practice.restore': PracticeResource;
  'practice.comment': PracticeResource;
  'practice.history': PracticeResource;
  /** Bulk import of practices from a file (any city, optionally published at once). */
  'practice.import': undefined;
  'review.queue': undefined;
  'recommendation.create': undefined;
  'recommendation.read': RecommendationResource;
  'recommendation.edit': RecommendationResource;
  'recommendation.manage': RecommendationResource;
  'recommendation.comment': RecommendationResource;
  'recommendation.thread': RecommendationResource;
  'recommendation.history': RecommendationResource;
  'recommendation.restore': RecommendationResource;
  'recommendation.delete': RecommendationResource;
  'recommendation.undelete': RecommendationResource;
  'proposals.curate': undefined;
  'vocabulary.manage': undefined;
  'events.manage': undefined;
  'search.manage': undefined;
  /** A city's row of the adoption tracker; without a city: whether the caller records adoption at all. */
  'adoption.edit': Readonly<{ city: string }> | undefined;
};

export type Action = keyof Resources;
/** `now` is the clock of the rules that depend on time (how long an undo is offered); the real one by default. */
export type PolicyOptions = Readonly<{ publicRead: boolean; now?: (() => Date) | undefined }>;

type Rule<A extends Action> = (actor: Actor | null, resource: Resources[A], options: PolicyOptions) => boolean;

const isMember = (actor: Actor | null): actor is Actor => actor !== null;
const hasRole = (actor: Actor | null, ...roles: Role[]): actor is Actor => actor !== null && roles.includes(actor.role);
const curator = (actor: Actor | null) => hasRole(actor, 'coordinator', 'admin');
const ownCity = (actor: Actor | null, city: string | undefined) =>
  hasRole(actor, 'partner') && actor.city !== undefined && actor.city === city;
// Drafts, review comments and history: the authors' city and the curators; a deleted practice, curators only.
const readsWorkingCopy = (actor: Actor | null, r: PracticeResource) =>
  r.deleted ? curator(actor) : curator(actor) || ownCity(actor, r.city);
/** Where a practice is back in its authors' hands: they may edit it and submit it (the workflow table uses this too). */
// Who reads a recommendation at each stage: drafts the curators, consultations every member, finals everyone allowed to read.
const readsRecommendationAt = (actor: Actor | null, stage: RecommendationReach, o: PolicyOptions) =>
  stage === 'final' ? o.publicRead || isMember(actor) : stage === 'consultation' ? isMember(actor) : curator(actor);
const readsRecommendation = (actor: Actor | null, r: RecommendationResource, o: PolicyOptions) => {
  if (r.deleted) return curator(actor);
  return readsRecommendationAt(actor, r.status === 'withdrawn' ? r.reached : r.status, o);
};
/** Where a recommendation's text may still change: a withdrawn one is reopened first. */
const EDITABLE_RECOMMENDATION: readonly RecommendationStatus[] = ['draft', 'consultation', 'final'];
export const EDITABLE_BY_AUTHORS: readonly PracticeStatus[] = ['draft', 'changes_requested'];
const editsPractice = (actor: Actor | null, r: PracticeResource) =>
  !r.deleted &&
  (curator(actor) || (ownCity(actor, r.city) && [...EDITABLE_BY_AUTHORS, 'published'].includes(r.status)));

const doneBy = (actor: Actor | null, done: UndoRecord | undefined): done is UndoRecord & { at: Date } =>
  isMember(actor) && done !== undefined && done.by === actor.id && done.at instanceof Date;
/**
 * Until when `actor` may bring a deleted practice back: null for no time limit (the curators), a moment
 * for the partner who deleted it, undefined for not at all. The rule below and the pages' "undo until"
 * both read it.
 */
export function undeleteDeadline(actor: Actor | null, r: PracticeResource): Date | null | undefined {
  if (!r.deleted) return undefined;
  if (curator(actor)) return null;
  return ownCity(actor, r.city) && doneBy(actor, r.deletion) ? undoDeadline(r.deletion.at) : undefined;
}
/** Until when `actor` may put a removed attachment back: its remover, while they may still edit the practice. */
export function attachmentUndoDeadline(actor: Actor | null, r: AttachmentRemovalResource): Date | undefined {
  return editsPractice(actor, r) && doneBy(actor, r.removal) ? undoDeadline(r.removal.at) : undefined;
}
const openAt = (deadline: Date | null | undefined, o: PolicyOptions) =>
  deadline === null || (deadline !== undefined && (o.now?.() ?? new Date()).getTime() < deadline.getTime());

const rules: { [A in Action]: Rule<A> } = {
  'public.read': (actor, _r, o) => o.publicRead || isMember(actor),
  'account.manage': (actor) => isMember(actor),
  'contact.view': (actor) => isMember(actor),
  'search.save': (actor) => hasRole(actor, 'planner', 'coordinator', 'admin'),
  'users.list': (actor) => curator(actor),
  // Coordinators bring in the people they work with; only an admin hands out staff roles.
  'users.invite': (actor, r) =>
    hasRole(actor, 'admin') || (hasRole(actor, 'coordinator') && (!r || r.role === 'partner' || r.role === 'planner')),
  'users.change-role': (actor, r) => hasRole(actor, 'admin') && actor.id !== r.id,
  'users.deactivate': (actor, r) => hasRole(actor, 'admin') && actor.id !== r.id,
  // A reset link is a way into someone else's account: admins only, and for oneself /account is the way.
  'users.reset-link': (actor, r) => hasRole(actor, 'admin') && actor.id !== r.id,
  'audit.view': (actor) => hasRole(actor, 'admin'),
  'practice.create': (actor, r) =>
    hasRole(actor, 'admin') || (hasRole(actor, 'partner') && (!r || ownCity(actor, r.city))),
  'practice.read': (actor, r, o) => {
    if (r.deleted) return curator(actor);
    if (r.status === 'archived') return isMember(actor) && r.hasPublished;
    if (r.hasPublished) return o.publicRead || isMember(actor);
    return curator(actor) || ownCity(actor, r.city);
  },
  'practice.read-working': (actor, r) => readsWorkingCopy(actor, r),
  // Authors may start a new revision of a published practice; the published text stays up meanwhile.
  'practice.edit': (actor, r) => editsPractice(actor, r),
  // From which statuses a step may be taken is the workflow table's (server/features/practices/domain/workflow.ts).
  'practice.submit': (actor, r) => !r.deleted && (ownCity(actor, r.city) || hasRole(actor, 'admin')),
  'practice.review': (actor, r) => !r.deleted && curator(actor),
  'practice.archive': (actor, r) => !r.deleted && curator(actor),
  'practice.delete': (actor, r) => !r.deleted && (curator(actor) || (ownCity(actor, r.city) && r.status === 'draft')),
  'practice.purge': (actor) => hasRole(actor, 'admin'),
  // Soft deletes are undone by the curators at any time, and for a while by the partner who deleted;
  // restoring an old revision is the curators' (it makes a new one).
  'practice.undelete': (actor, r, o) => openAt(undeleteDeadline(actor, r), o),
  'practice.restore-attachment': (actor, r, o) => openAt(attachmentUndoDeadline(actor, r), o),
  'practice.restore': (actor, r) => !r.deleted && curator(actor),
  'practice.comment': (actor, r) => !r.deleted && (curator(actor) || ownCity(actor, r.city)),
  // History holds every earlier text: the same readers as the working copy, deleted ones included.
  'practice.history': (actor, r) => readsWorkingCopy(actor, r),
  // Bringing in a spreadsheet of many cities' practices is curation, not authorship.
  'practice.import': (actor) => curator(actor),
  'review.queue': (actor) => curator(actor),
  // Recommendations are the network's own output: only the curators write them and move them along
  // (from which statuses each step starts is the workflow table's, features/recommendations/domain/workflow.ts).
  'recommendation.create': (actor) => curator(actor),
  'recommendation.read': (actor, r, o) => readsRecommendation(actor, r, o),
  'recommendation.edit': (actor, r) => !r.deleted && curator(actor) && EDITABLE_RECOMMENDATION.includes(r.status),
  'recommendation.manage': (actor, r) => !r.deleted && curator(actor),
  // The consultation: every signed-in member may comment while it runs; the thread is the members'.
  'recommendation.comment': (actor, r) => !r.deleted && isMember(actor) && r.status === 'consultation',
  'recommendation.thread': (actor, r, o) =>
    isMember(actor) && readsRecommendation(actor, r, o) && (r.reached !== 'draft' || curator(actor)),
  'recommendation.history': (actor) => curator(actor),
  'recommendation.restore': (actor, r) => !r.deleted && curator(actor) && EDITABLE_RECOMMENDATION.includes(r.status),
  // Only what nobody outside the curators has seen may be deleted; anything else is withdrawn instead.
  'recommendation.delete': (actor, r) => !r.deleted && curator(actor) && r.reached === 'draft',
  'recommendation.undelete': (actor, r) => Boolean(r.deleted) && curator(actor),
  'proposals.curate': (actor) => curator(actor),
  'vocabulary.manage': (actor) => curator(actor),
  'events.manage': (actor) => curator(actor),
  'search.manage': (actor) => curator(actor),
  // Each city says for itself whether and where it took a recommendation into its plans; the curators keep all rows.
  'adoption.edit': (actor, r) => {
    const city = r ? r.city : actor?.city;
    return curator(actor) || ownCity(actor, city);
  },
};

export type Can = <A extends Action>(actor: Actor | null, action: A, resource?: Resources[A]) => boolean;

const NEEDS_RESOURCE = new Set<Action>([
  'users.change-role',
  'users.deactivate',
  'users.reset-link',
  'practice.read',
  'practice.read-working',
  'practice.edit',
  'practice.submit',
  'practice.review',
  'practice.archive',
  'practice.delete',
  'practice.purge',
  'practice.undelete',
  'practice.restore-attachment',
  'practice.restore',
  'practice.comment',
  'practice.history',
  'recommendation.read',
  'recommendation.edit',
  'recommendation.manage',
  'recommendation.comment',
  'recommendation.thread',
  'recommendation.history',
  'recommendation.restore',
  'recommendation.delete',
  'recommendation.undelete',
]);

export function createPolicy(options: PolicyOptions): Can {
  return (actor, action, resource) => {
    // Asking about a record without the record is a programming error: refuse rather than guess.
    if (resource === undefined && NEEDS_RESOURCE.has(action)) return false;
    return (rules[action] as Rule<typeof action>)(actor, resource as never, options);
  };
}
