import type { RequestHandler, Response } from 'express';
import type { FieldErrors } from '../../../lib/errors';
import type { Refusal } from '../../../lib/refusals';
import { UNDO_WINDOW_MINUTES, type Can } from '../../../lib/policy';
import type { Locale } from '../../../lib/i18n';
import { ATTACHMENT_ACCEPT, type AttachmentStore } from '../../../lib/uploads';
import type { EventsService } from '../../events';
import type { NetworkService } from '../../network';
import type { VocabulariesService } from '../../vocabularies';
import { formattersFor } from './format';
import { REASON_MAX } from '../domain/input';
import { fieldLabelKey } from './form-fields';
import type { PracticesService } from '../use-cases/service';

export type PracticePagesDeps = {
  practices: PracticesService;
  vocabularies: VocabulariesService;
  network: NetworkService;
  events: Pick<EventsService, 'list'>;
  can: Can;
  /** Sends attachment files as downloads (server/lib/uploads.ts). */
  files: AttachmentStore;
  /** Multer for the attachment upload form, with the configured limits. */
  upload: RequestHandler;
  uploadLimits: Readonly<{ maxFileBytes: number; maxFiles: number }>;
  /** Similar practices from the search index (search.service.ts `similar`); an empty list when search is down. */
  similar?: (id: string, practice: { themes: string[]; targetGroups: string[]; city: string }) => Promise<unknown[]>;
  /** The recommendations that cite a practice, as this reader may see them (from the recommendations feature). */
  citedBy?: (caller: Express.Locals['user'], practiceId: string) => Promise<CitingRecommendation[]>;
};

/** A recommendation citing the practice, as its page lists it. */
export type CitingRecommendation = { id: string; title: string; status: string };

/** A refused step on the practice page: which form it came from, its messages and what was typed. */
export type PageProblem = {
  action: string;
  message: string | undefined;
  errors: FieldErrors;
  values: Record<string, string>;
  /** Where on the page the refused form's message is: the page opens there, and the summary links to it. */
  anchor: string;
};

/**
 * The element beside each action's form that carries its message. The forms post to their page with this
 * fragment, so a refusal re-rendered for them opens at the message instead of at the top of a long page.
 */
export const PROBLEM_ANCHORS: Readonly<Record<string, string>> = {
  upload: 'attachments-error',
  'remove-attachment': 'attachments-error',
  'restore-attachment': 'attachments-error',
  submit: 'workflow-error',
  publish: 'workflow-error',
  archive: 'workflow-error',
  delete: 'workflow-error',
  undelete: 'workflow-error',
  purge: 'workflow-error',
  'request-changes': 'request-changes-reason',
  reject: 'reject-reason',
  comment: 'comment-body',
};

export const idParam = (params: Record<string, unknown>, name = 'id') => (typeof params[name] === 'string' ? params[name] : '');

/** A revision from a hidden field: digits become a number, anything else goes on as typed for the service to refuse. */
export const typedRevision = (value: string | undefined): number | string | undefined =>
  value === undefined || value === '' ? undefined : /^\d{1,9}$/.test(value) ? Number(value) : value;

/** The message a refused step shows: a lost race is said in the page's own words. */
export const problemMessage = (refusal: Refusal): string =>
  refusal.code === 'edit_conflict' ? 'practices.page.error.changed_meanwhile' : refusal.message;

/** The anchor of an action's message; an action without one opens the page at its content. */
export const anchorOf = (action: string): string => PROBLEM_ANCHORS[action] ?? 'main';

/** The page's problem box for a refusal of the form `action`, keeping what was typed. */
export const problemOf = (action: string, refusal: Refusal, values: Record<string, string> = {}, message = problemMessage(refusal)): PageProblem => ({
  action,
  message,
  errors: refusal.fields,
  values,
  anchor: anchorOf(action),
});

/** The names a diff's stored values are shown by (terms, events, cities), in the reader's language. */
export async function diffLabels(deps: PracticePagesDeps, locale: Locale) {
  const [themes, targetGroups, events, cities] = await Promise.all([
    deps.vocabularies.labels('theme', locale),
    deps.vocabularies.labels('target-group', locale),
    deps.events.list(),
    deps.network.listCities(),
  ]);
  return {
    theme: themes,
    'target-group': targetGroups,
    event: new Map(events.map((e) => [e.slug, e.title])),
    city: new Map(cities.map((c) => [c.slug, c.name])),
  };
}

/**
 * The practice page, for a first view or re-rendered after a refused step. The service decides what this
 * reader may see (which copy, the e-mail, the thread) and what they may do (`practice.can`).
 */
export async function renderPracticePage(
  res: Response,
  deps: PracticePagesDeps,
  id: string,
  options: {
    status?: number;
    copy?: 'working' | 'published' | undefined;
    notice?: string | undefined;
    problem?: PageProblem;
  } = {},
): Promise<void> {
  const caller = res.locals.user;
  const view = await deps.practices.view(caller, id, { locale: res.locals.locale, copy: options.copy ?? 'published' });
  const { comments, memberStatus } = view;
  // Beside the published text the badge says "published"; the notice tells its authors where the next version stands.
  const showingPublishedOnly = view.copy === 'published' && view.status !== undefined && view.status !== 'archived';
  const badge = showingPublishedOnly ? 'published' : memberStatus;
  // Attachments are managed on the working copy: here when it is the one shown or no different from it.
  const managesAttachments = view.can.edit && (view.copy === 'working' || !view.pendingChanges);
  res.status(options.status ?? 200).render('practices/show', {
    title: view.content.title,
    practice: view,
    content: view.content,
    comments,
    badge,
    managesAttachments,
    notice: options.notice,
    problem: options.problem,
    anchors: PROBLEM_ANCHORS,
    fmt: formattersFor(res.locals.locale),
    undoWindow: formattersFor(res.locals.locale).minutes(UNDO_WINDOW_MINUTES),
    fieldLabelKey,
    // A reviewer opening a resubmission sees first what changed since they asked for changes.
    labels: view.sinceChangesRequested ? await diffLabels(deps, res.locals.locale) : undefined,
    reasonMax: REASON_MAX,
    upload: {
      accept: ATTACHMENT_ACCEPT,
      maxFiles: deps.uploadLimits.maxFiles,
      mb: Math.round((deps.uploadLimits.maxFileBytes / (1024 * 1024)) * 10) / 10,
    },
    citedBy: deps.citedBy ? await deps.citedBy(caller, id) : [],
    // Curators cite a listed practice in a recommendation from here.
    mayCite: deps.can(res.locals.actor, 'recommendation.create') && view.hasPublished && !view.deleted && view.status !== 'archived',
    // From the search feature; the page renders nothing for an empty list.
    similar: deps.similar
      ? await deps.similar(id, {
          themes: view.themes.map((t) => t.slug),
          targetGroups: view.targetGroups.map((t) => t.slug),
          city: view.city.slug,
        })
      : [],
  });
}
