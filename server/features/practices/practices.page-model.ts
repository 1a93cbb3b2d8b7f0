import type { RequestHandler, Response } from 'express';
import { AppError, ConflictError, ValidationError, type FieldErrors } from '../../lib/errors';
import type { Can } from '../../lib/policy';
import { ATTACHMENT_ACCEPT, type AttachmentStore } from '../../lib/uploads';
import type { EventsService } from '../events';
import type { NetworkService } from '../network/network.service';
import type { VocabulariesService } from '../vocabularies/vocabularies.service';
import { formattersFor } from './practices.format';
import { fieldLabelKey } from './practices.form-fields';
import type { PracticesService } from './practices.service';

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
};

/** A refused step on the practice page: which form it came from, its messages and what was typed. */
export type PageProblem = {
  action: string;
  message: string | undefined;
  errors: FieldErrors;
  values: Record<string, string>;
};

export const idParam = (params: Record<string, unknown>, name = 'id') => String(params[name] ?? '');

/** A revision from a hidden field: digits become a number, anything else goes on as typed for the service to refuse. */
export const typedRevision = (value: string | undefined): number | string | undefined =>
  value === undefined || value === '' ? undefined : /^\d{1,9}$/.test(value) ? Number(value) : value;

/** What a refused step answers with: a form that cannot be accepted is 422, a change in between 409. */
export function problemStatus(err: unknown): number | undefined {
  if (err instanceof ValidationError) return 422;
  if (err instanceof ConflictError) return 409;
  if (err instanceof AppError && err.status === 413) return 413;
  return undefined;
}

export function problemMessage(err: AppError): string {
  if (err instanceof ConflictError && err.code === 'edit_conflict') return 'practices.page.error.changed_meanwhile';
  return err.message;
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
  const [comments, memberStatus] = await Promise.all([
    view.can.readWorking ? deps.practices.listComments(caller, id) : Promise.resolve([]),
    deps.practices.badgeStatus(caller, id),
  ]);
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
    fmt: formattersFor(res.locals.locale),
    fieldLabelKey,
    upload: {
      accept: ATTACHMENT_ACCEPT,
      maxFiles: deps.uploadLimits.maxFiles,
      mb: Math.round((deps.uploadLimits.maxFileBytes / (1024 * 1024)) * 10) / 10,
    },
    // From the search feature (issue 5); the page renders nothing for an empty list.
    similar: deps.similar
      ? await deps.similar(id, {
          themes: view.themes.map((t) => t.slug),
          targetGroups: view.targetGroups.map((t) => t.slug),
          city: view.city.slug,
        })
      : [],
  });
}
