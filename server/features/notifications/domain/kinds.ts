import type { DomainEventName, DomainEvents } from '../../../lib/domain-events';
import type { Role } from '../../../lib/policy';

/** Who hears of an event: the partners of the practice's city, or the network's coordinators. */
export type Audience = 'practice-authors' | 'coordinators';
export type SubjectType = 'practice' | 'recommendation';

/** What a notification is about, as stored with it (the title as it was then). */
export type Subject = { type: SubjectType; id: string; title: string };

type KindDefinition<E extends DomainEventName> = {
  /** The announcement it answers. */
  on: E;
  audience: Audience;
  /** What it is about, and for the authors of a practice, which city's partners. */
  subject: (event: DomainEvents[E]) => Subject;
  city?: (event: DomainEvents[E]) => string;
  /** A second wording of the message (its key gets this suffix). */
  variant?: (event: DomainEvents[E]) => string | undefined;
  /** Where opening it leads. */
  link: (subjectId: string) => string;
  /** Whether a person may have it e-mailed (they choose per kind). */
  email: boolean;
};

const kind = <E extends DomainEventName>(definition: KindDefinition<E>) => definition;

const practice = (e: { practiceId: string; title: string }): Subject => ({ type: 'practice', id: e.practiceId, title: e.title });
const recommendation = (e: { recommendationId: string; title: string }): Subject => ({
  type: 'recommendation',
  id: e.recommendationId,
  title: e.title,
});
const workingCopy = (id: string) => `/practices/${id}?version=working`;
const recommendationPage = (id: string) => `/recommendations/${id}`;

/**
 * The one table of notification kinds: who receives each, what it is about, where it leads and whether it
 * may be e-mailed. The message is `notifications.kind.<kind>` (with `.<variant>`); the list page, the
 * preferences form, the e-mails and the API all derive from this table.
 */
export const NOTIFICATION_KINDS = {
  'review-waiting': kind({
    on: 'practice.submitted',
    audience: 'coordinators',
    subject: practice,
    variant: (e) => (e.resubmitted ? 'resubmitted' : undefined),
    link: workingCopy,
    email: true,
  }),
  'changes-requested': kind({ on: 'practice.changes-requested', audience: 'practice-authors', subject: practice, city: (e) => e.city, link: workingCopy, email: true }),
  rejected: kind({ on: 'practice.rejected', audience: 'practice-authors', subject: practice, city: (e) => e.city, link: workingCopy, email: true }),
  published: kind({ on: 'practice.published', audience: 'practice-authors', subject: practice, city: (e) => e.city, link: (id) => `/practices/${id}`, email: true }),
  'practice-comment': kind({ on: 'practice.commented', audience: 'practice-authors', subject: practice, city: (e) => e.city, link: (id) => `${workingCopy(id)}#comments`, email: true }),
  'practice-cited': kind({
    on: 'recommendation.cited',
    audience: 'practice-authors',
    subject: recommendation,
    city: (e) => e.practice.city,
    link: (id) => `${recommendationPage(id)}#evidence`,
    email: true,
  }),
  'consultation-comment': kind({ on: 'recommendation.commented', audience: 'coordinators', subject: recommendation, link: (id) => `${recommendationPage(id)}#comments`, email: true }),
} as const; // prettier-ignore

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];

/** The role each audience is drawn from (the preferences form offers a person the kinds they can receive). */
export const AUDIENCE_ROLE: Record<Audience, Role> = { 'practice-authors': 'partner', coordinators: 'coordinator' };

export const kindsFor = (role: Role): NotificationKind[] => KIND_NAMES.filter((k) => AUDIENCE_ROLE[NOTIFICATION_KINDS[k].audience] === role);
export const emailKindsFor = (role: Role): NotificationKind[] => kindsFor(role).filter((k) => NOTIFICATION_KINDS[k].email);

export const messageKey = (kind: NotificationKind, variant: string | undefined) =>
  `notifications.kind.${kind}${variant ? `.${variant}` : ''}`;

export const isKind = (value: string): value is NotificationKind => Object.hasOwn(NOTIFICATION_KINDS, value);
