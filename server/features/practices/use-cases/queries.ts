import { NotFoundError } from '../../../lib/errors';
import { displayName, type Locale } from '../../../lib/i18n';
import type { PracticeStatus } from '../../../lib/policy';
import type { PracticeDoc } from '../persistence/practice-model';
import { actorOf, type Caller } from '../domain/access';
import { changedFields } from '../domain/content';
import { listQuery } from '../domain/input';
import type { ListFilter } from '../persistence/practice-queries';
import { parseInput } from '../../../lib/validate';
import type { PracticeContent } from '../domain/practice-fields';
import { PRACTICE_WORKFLOW, type PracticeStep } from '../domain/workflow';
import type { PracticesContext } from './context';
import type { PracticeComment } from './comments';
import type { RevisionDiff } from './revisions';
import {
  contentJson,
  practiceSummary,
  undoOffers,
  type ContentJson,
  type PracticeJson,
  type PracticeSummary,
} from './presenters';

export type Page<T> = { items: T[]; total: number; page: number; perPage: number; pages: number };
export type ReviewItem = PracticeSummary & {
  hasPublished: boolean;
  reviewNote: string | undefined;
  /** Back in review after the reviewer asked for changes. */
  resubmitted: boolean;
};

type Term = { slug: string; label: string };

/** Everything the practice page needs, resolved and cut to what this reader may see. */
export type PracticeView = {
  id: string;
  /** Which copy `content` is: the working copy for its authors and curators, else the published one. */
  copy: 'working' | 'published';
  status: PracticeStatus | undefined;
  hasPublished: boolean;
  /** The working copy differs from what the public reads (a new revision is in preparation or review). */
  pendingChanges: boolean;
  city: { slug: string; name: string; network: boolean };
  country: { code: string; name: string };
  content: ContentJson;
  themes: Term[];
  targetGroups: Term[];
  language: { code: string; name: string } | undefined;
  event: { slug: string; title: string; year: number; month: number; cityName: string | undefined } | undefined;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | undefined;
  firstPublishedAt: Date | undefined;
  submittedAt: Date | undefined;
  reviewNote: string | undefined;
  deleted: boolean;
  /** Loaded by the demo seed (import key "demo:…"): pages label it so nobody mistakes it for a submission. */
  demo: boolean;
  /**
   * The status badge for a signed-in reader: the workflow status for those who may see it, else only
   * whether it is published or archived (members may still open archived ones by link). Visitors get none.
   */
  memberStatus: PracticeStatus | undefined;
  /**
   * For a reviewer opening a resubmitted practice: what changed between the revision they asked changes
   * on and the current one.
   */
  sinceChangesRequested: RevisionDiff | undefined;
  /** The review thread, for those who read the working copy (empty for everyone else). */
  comments: PracticeComment[];
  /** The workflow steps this reader may take now (the workflow table decides; the page only lists them). */
  steps: PracticeStep[];
  /** What this reader may still undo here (bring the practice back, put removed attachments back) and until when. */
  undo: ReturnType<typeof undoOffers>;
  can: Record<
    'readWorking' | 'edit' | 'delete' | 'undelete' | 'purge' | 'comment' | 'history' | 'restore' | 'viewContact',
    boolean
  >;
};

export function queries(ctx: PracticesContext) {
  const { models, store, reads, deps } = ctx;

  /** A list page as clients see it: the summaries and the counts, never the records they came from. */
  function presentPage(
    caller: Caller,
    result: Awaited<ReturnType<typeof reads.page>>,
    copy: 'working' | 'published',
  ): Page<PracticeSummary> {
    const { total, page: pageNo, perPage, pages } = result;
    return { items: summaries(caller, result.docs, copy), total, page: pageNo, perPage, pages };
  }

  const summaries = (caller: Caller, docs: PracticeDoc[], copy: 'working' | 'published') =>
    docs.map((doc) => practiceSummary(doc, copy, store.can(caller, 'practice.read-working', doc)));

  /** Published practices for everyone allowed to read; members narrow by workflow status where the policy lets them. */
  async function list(caller: Caller, query: unknown): Promise<Page<PracticeSummary>> {
    const actor = actorOf(caller);
    if (!deps.can(actor, 'public.read')) store.deny(caller);
    const q = parseInput(listQuery, query);
    const curator = deps.can(actor, 'review.queue');
    const filter: ListFilter = {
      copy: 'published',
      city: q.city,
      country: q.country,
      theme: q.theme,
      targetGroup: q.targetGroup,
    };
    if (q.status === undefined) {
      filter.visibility = 'listed';
    } else if (q.status === 'published') {
      filter.status = 'published';
    } else if (q.status === 'archived') {
      if (!actor) store.deny(caller);
      filter.status = 'archived';
      if (!curator) filter.visibility = 'has-published';
    } else {
      // Drafts and reviews: curators see every city, partners their own, nobody else any.
      filter.copy = 'working';
      const probe = { status: q.status, hasPublished: false };
      if (!curator) {
        const own = actor?.city;
        if (!own || !deps.can(actor, 'practice.read-working', { ...probe, city: own }) || (q.city && q.city !== own))
          store.deny(caller);
        filter.city = own;
      }
      filter.status = q.status;
    }
    if (q.city) filter.city = q.city;
    const order = filter.copy === 'published' ? 'published' : 'updated';
    return presentPage(caller, await reads.page(filter, order, q.page, q.perPage), filter.copy);
  }

  async function loadReadable(caller: Caller, id: string): Promise<PracticeDoc> {
    const doc = await store.load(id);
    if (!store.can(caller, 'practice.read', doc) && !store.can(caller, 'practice.read-working', doc)) {
      store.authorize(caller, 'practice.read', doc);
    }
    return doc;
  }

  const resubmitted = (doc: PracticeDoc) => doc.status === 'submitted' && doc.changesRequestedRevision !== undefined;

  /** The diff for a resubmission; a history with a gap (a revision record that failed) shows none rather than fail the page. */
  async function changesSince(doc: PracticeDoc): Promise<RevisionDiff | undefined> {
    const base = doc.changesRequestedRevision;
    if (base === undefined || base >= doc.revision) return undefined;
    return models.revisions.diff(doc._id, base, doc.revision).catch((err: unknown) => {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    });
  }

  const reviewItem = (doc: PracticeDoc): ReviewItem => ({
    ...practiceSummary(doc, 'working', true),
    hasPublished: Boolean(doc.published),
    reviewNote: doc.reviewNote,
    resubmitted: resubmitted(doc),
  });

  async function labelled(kind: 'theme' | 'target-group', slugs: string[], locale: Locale): Promise<Term[]> {
    const labels = await deps.vocabularies.labels(kind, locale);
    return slugs.map((slug) => ({ slug, label: labels.get(slug) ?? slug }));
  }

  return {
    list,

    async get(caller: Caller, id: string): Promise<PracticeJson> {
      return store.json(await loadReadable(caller, id), caller);
    },

    /**
     * The practice page's model, from one read of the practice (and one of its thread). `copy` asks for a
     * particular copy; a reader without the right gets the published one.
     */
    async view(
      caller: Caller,
      id: string,
      options: { locale: Locale; copy?: 'working' | 'published' | undefined },
    ): Promise<PracticeView> {
      const doc = await loadReadable(caller, id);
      const readsWorking = store.can(caller, 'practice.read-working', doc);
      let copy = options.copy ?? (readsWorking ? 'working' : 'published');
      if (copy === 'working' && !readsWorking) copy = 'published';
      if (copy === 'published' && !doc.published) {
        if (!readsWorking) throw new NotFoundError();
        copy = 'working';
      }
      const content: PracticeContent = copy === 'published' && doc.published ? doc.published : doc.working;
      const may = (action: Parameters<typeof store.can>[1]) => store.can(caller, action, doc);
      const [cities, events, themes, targetGroups, comments, sinceChangesRequested] = await Promise.all([
        deps.network.listCities(),
        content.event ? deps.events.list() : Promise.resolve([]),
        labelled('theme', content.themes, options.locale),
        labelled('target-group', content.targetGroups, options.locale),
        readsWorking ? models.thread.list(doc._id) : Promise.resolve([]),
        resubmitted(doc) && copy === 'working' && may('practice.review') ? changesSince(doc) : Promise.resolve(undefined),
      ]);
      const reads = store.can(caller, 'practice.read', doc);
      const memberStatus = !caller
        ? undefined
        : readsWorking
          ? doc.status
          : !reads
            ? undefined
            : doc.status === 'archived'
              ? 'archived'
              : 'published';
      const event = events.find((e) => e.slug === content.event);
      return {
        id: doc._id.toHexString(),
        copy,
        status: readsWorking ? doc.status : undefined,
        hasPublished: Boolean(doc.published),
        pendingChanges:
          readsWorking && Boolean(doc.published) && changedFields(doc.published ?? {}, doc.working).length > 0,
        city: { slug: doc.city, name: doc.cityName, network: cities.some((c) => c.slug === doc.city) },
        country: { code: doc.country, name: displayName('region', doc.country, options.locale) },
        content: contentJson(doc._id.toHexString(), content, { showEmail: deps.can(actorOf(caller), 'contact.view') }),
        themes,
        targetGroups,
        language: content.language
          ? { code: content.language, name: displayName('language', content.language, options.locale) }
          : undefined,
        event: event
          ? { slug: event.slug, title: event.title, year: event.year, month: event.month, cityName: event.city?.name }
          : undefined,
        revision: doc.revision,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
        publishedAt: doc.publishedAt,
        firstPublishedAt: doc.firstPublishedAt,
        submittedAt: readsWorking ? doc.submittedAt : undefined,
        reviewNote: readsWorking ? doc.reviewNote : undefined,
        deleted: doc.deleted,
        demo: doc.importKey?.startsWith('demo:') ?? false,
        memberStatus,
        sinceChangesRequested,
        comments,
        undo: undoOffers(doc, actorOf(caller), deps.can),
        steps: doc.deleted ? [] : PRACTICE_WORKFLOW.allowed(doc, may),
        can: {
          readWorking: readsWorking,
          edit: may('practice.edit'),
          delete: may('practice.delete'),
          undelete: may('practice.undelete'),
          purge: may('practice.purge') && doc.deleted,
          comment: may('practice.comment'),
          history: may('practice.history'),
          restore: may('practice.restore'),
          viewContact: deps.can(actorOf(caller), 'contact.view'),
        },
      };
    },

    /** "My city's practices": every practice of the partner's city, any status, latest change first. */
    async myCity(caller: Caller, options: { page?: number; perPage?: number } = {}): Promise<Page<PracticeSummary>> {
      const city = caller?.city;
      const probe = { city: city ?? '', status: 'draft' as const, hasPublished: false };
      if (!city || !deps.can(actorOf(caller), 'practice.read-working', probe)) store.deny(caller);
      return presentPage(
        caller,
        await reads.page({ city, copy: 'working' }, 'updated', options.page ?? 1, options.perPage ?? 50),
        'working',
      );
    },

    /** What awaits the authors of a city: practices sent back with the reviewer's request. */
    async awaitingAuthors(caller: Caller, city = caller?.city): Promise<ReviewItem[]> {
      const probe = { city: city ?? '', status: 'changes_requested' as const, hasPublished: false };
      if (!city || !deps.can(actorOf(caller), 'practice.read-working', probe)) store.deny(caller);
      const docs = await reads.all({ city, status: 'changes_requested', copy: 'working' }, 'oldest-update');
      return docs.map(reviewItem);
    },

    /** The coordinator's queue: submitted practices, the longest-waiting first. */
    async reviewQueue(caller: Caller): Promise<ReviewItem[]> {
      if (!deps.can(actorOf(caller), 'review.queue')) store.deny(caller);
      const docs = await reads.all({ status: 'submitted', copy: 'working' }, 'oldest-submission');
      return docs.map(reviewItem);
    },

    /** How many practices wait for review (the coordinator's home page). */
    async reviewCount(caller: Caller): Promise<number> {
      if (!deps.can(actorOf(caller), 'review.queue')) store.deny(caller);
      return reads.count({ status: 'submitted', copy: 'working' });
    },
  };
}
