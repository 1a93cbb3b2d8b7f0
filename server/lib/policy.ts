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

export type Actor = Readonly<{ id: string; role: Role; city?: string | undefined }>;

/**
 * `status` is the workflow state of the working copy; `hasPublished` says a published version exists
 * (it stays readable while its authors prepare the next revision).
 */
export type PracticeResource = Readonly<{
  city: string;
  status: PracticeStatus;
  hasPublished: boolean;
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
  'practice.restore': PracticeResource;
  'practice.comment': PracticeResource;
  'practice.history': PracticeResource;
  'review.queue': undefined;
  'proposals.curate': undefined;
  'vocabulary.manage': undefined;
  'events.manage': undefined;
  'search.manage': undefined;
};

export type Action = keyof Resources;
export type PolicyOptions = Readonly<{ publicRead: boolean }>;

type Rule<A extends Action> = (actor: Actor | null, resource: Resources[A], options: PolicyOptions) => boolean;

const isMember = (actor: Actor | null): actor is Actor => actor !== null;
const hasRole = (actor: Actor | null, ...roles: Role[]): actor is Actor => actor !== null && roles.includes(actor.role);
const curator = (actor: Actor | null) => hasRole(actor, 'coordinator', 'admin');
const ownCity = (actor: Actor | null, city: string | undefined) =>
  hasRole(actor, 'partner') && actor.city !== undefined && actor.city === city;
const EDITABLE_BY_AUTHORS: readonly PracticeStatus[] = ['draft', 'changes_requested'];

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
  // Drafts, review comments and history: the authors' city and the curators.
  'practice.read-working': (actor, r) => (r.deleted ? curator(actor) : curator(actor) || ownCity(actor, r.city)),
  // Authors may start a new revision of a published practice; the published text stays up meanwhile.
  'practice.edit': (actor, r) =>
    !r.deleted &&
    (curator(actor) || (ownCity(actor, r.city) && [...EDITABLE_BY_AUTHORS, 'published'].includes(r.status))),
  'practice.submit': (actor, r) =>
    !r.deleted && EDITABLE_BY_AUTHORS.includes(r.status) && (ownCity(actor, r.city) || hasRole(actor, 'admin')),
  'practice.review': (actor, r) => !r.deleted && curator(actor),
  'practice.archive': (actor, r) => !r.deleted && curator(actor),
  'practice.delete': (actor, r) => !r.deleted && (curator(actor) || (ownCity(actor, r.city) && r.status === 'draft')),
  'practice.purge': (actor) => hasRole(actor, 'admin'),
  // Soft deletes are undone by the curators; restoring an old revision is theirs too (it makes a new one).
  'practice.undelete': (actor, r) => Boolean(r.deleted) && curator(actor),
  'practice.restore': (actor, r) => !r.deleted && curator(actor),
  'practice.comment': (actor, r) => !r.deleted && (curator(actor) || ownCity(actor, r.city)),
  'practice.history': (actor, r) => curator(actor) || ownCity(actor, r.city),
  'review.queue': (actor) => curator(actor),
  'proposals.curate': (actor) => curator(actor),
  'vocabulary.manage': (actor) => curator(actor),
  'events.manage': (actor) => curator(actor),
  'search.manage': (actor) => curator(actor),
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
  'practice.restore',
  'practice.comment',
  'practice.history',
]);

export function createPolicy(options: PolicyOptions): Can {
  return (actor, action, resource) => {
    // Asking about a record without the record is a programming error: refuse rather than guess.
    if (resource === undefined && NEEDS_RESOURCE.has(action)) return false;
    return (rules[action] as Rule<typeof action>)(actor, resource as never, options);
  };
}
