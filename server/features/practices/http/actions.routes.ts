import { Router, type Request, type RequestHandler, type Response } from 'express';
import { csrfProtectionAfterMultipart } from '../../../lib/csrf';
import { orRerender, refusalOf } from '../../../lib/refusals';
import { deny } from '../../auth';
import type { IncomingFile } from '../../../lib/uploads';
import { parseForm, parseInput } from '../../../lib/validate';
import { commentForm, purgeForm, reasonForm, stepForm, type PageNotice } from './pages.schema';
import {
  idParam,
  problemOf,
  anchorOf,
  renderPracticePage,
  typedRevision,
  type PracticePagesDeps,
} from './page-model';
import type { PracticeJson } from '../use-cases/presenters';
import { PRACTICE_MULTIPART_PATHS } from './multipart-routes';

const meta = (req: Request) => ({ ip: req.ip });

/**
 * The practice page's forms: workflow steps, the review thread and attachments. Each runs one service
 * call; a refused step re-renders the page with the message beside its form and what was typed kept.
 */
export function practiceActionRoutes(deps: PracticePagesDeps): Router {
  const router = Router();
  const { practices } = deps;

  /** Runs a step; if the service refuses it in a way a person can act on, the page says so beside its form. */
  async function attempt(res: Response, id: string, action: string, values: Record<string, string>, step: () => Promise<unknown>) {
    const outcome = await orRerender(step, (refusal) =>
      renderPracticePage(res, deps, id, { status: refusal.status, problem: problemOf(action, refusal, values) }),
    );
    return outcome.ok;
  }

  const done = (res: Response, id: string, notice: PageNotice, anchor = '') =>
    res.redirect(303, `/practices/${id}?version=working&notice=${notice}${anchor}`);

  type Step = (
    req: Request,
    res: Response,
    id: string,
    body: { revision?: number | string | undefined },
  ) => Promise<PracticeJson>;
  const steps: [string, PageNotice, Step][] = [
    ['submit', 'submitted', (_req, res, id, body) => practices.submit(res.locals.user, id, body)],
    ['publish', 'published', (req, res, id, body) => practices.publish(res.locals.user, id, body, meta(req))],
    ['archive', 'archived', (req, res, id, body) => practices.archive(res.locals.user, id, body, meta(req))],
    ['undelete', 'undeleted', (_req, res, id, body) => practices.undelete(res.locals.user, id, body)],
  ];
  for (const [action, notice, run] of steps) {
    router.post(`/practices/:id/${action}`, async (req, res) => {
      const id = idParam(req.params);
      const form = parseInput(stepForm, req.body);
      const body = { revision: typedRevision(form.revision) };
      if (await attempt(res, id, action, {}, () => run(req, res, id, body))) done(res, id, notice);
    });
  }

  for (const [action, notice] of [
    ['request-changes', 'changes-requested'],
    ['reject', 'rejected'],
  ] as const) {
    router.post(`/practices/:id/${action}`, async (req, res) => {
      const id = idParam(req.params);
      const form = parseInput(reasonForm, req.body);
      const body = { reason: form.reason ?? '', revision: typedRevision(form.revision) };
      const run = () =>
        action === 'reject'
          ? practices.reject(res.locals.user, id, body, meta(req))
          : practices.requestChanges(res.locals.user, id, body, meta(req));
      if (await attempt(res, id, action, { reason: body.reason }, run)) {
        done(res, id, notice, '#comments');
      }
    });
  }

  router.post('/practices/:id/delete', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(stepForm, req.body);
    let removed: PracticeJson | undefined;
    const ok = await attempt(res, id, 'delete', {}, async () => {
      removed = await practices.remove(res.locals.user, id, { revision: typedRevision(form.revision) });
    });
    if (!ok || !removed) return;
    // A deleted practice stays visible to those who may bring it back; its authors go back to their list.
    const resource = {
      city: removed.city,
      status: removed.status ?? 'draft',
      hasPublished: removed.published !== null,
      deleted: true,
    };
    if (deps.can(res.locals.actor, 'practice.read', resource)) done(res, id, 'deleted');
    else res.redirect(303, '/my-city?notice=deleted');
  });

  router.post('/practices/:id/purge', async (req, res) => {
    const id = idParam(req.params);
    // The policy first: only someone who may purge is asked to confirm.
    const practice = await practices.get(res.locals.user, id);
    const resource = {
      city: practice.city,
      status: practice.status ?? 'published',
      hasPublished: practice.published !== null,
      deleted: practice.deleted ?? false,
    };
    if (!deps.can(res.locals.actor, 'practice.purge', resource)) deny(res);
    const form = parseForm(purgeForm, req.body);
    if (!form.ok) {
      const problem = { action: 'purge', message: undefined, errors: form.errors, values: {}, anchor: anchorOf('purge') };
      return renderPracticePage(res, deps, id, { status: 422, problem });
    }
    if (await attempt(res, id, 'purge', {}, () => practices.purge(res.locals.user, id, meta(req)))) {
      res.redirect(303, '/review?notice=purged');
    }
  });

  router.post('/practices/:id/comments', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(commentForm, req.body);
    const body = form.body ?? '';
    if (await attempt(res, id, 'comment', { body }, () => practices.addComment(res.locals.user, id, { body }))) {
      done(res, id, 'commented', '#comments');
    }
  });

  // The practice is checked before Multer reads a byte; the CSRF token (a form field) only after it.
  const uploadOrExplain: RequestHandler = (req, res, next) => {
    deps.upload(req, res, (err?: unknown) => {
      const refusal = err ? refusalOf(err) : undefined;
      if (!refusal) return next(err);
      const problem = problemOf('upload', refusal, {}, refusal.message);
      renderPracticePage(res, deps, idParam(req.params), { status: refusal.status, problem }).catch(next);
    });
  };

  router.post(
    PRACTICE_MULTIPART_PATHS.attach,
    async (req, res, next) => {
      await practices.assertEditable(res.locals.user, idParam(req.params));
      next();
    },
    uploadOrExplain,
    csrfProtectionAfterMultipart,
    async (req, res) => {
      const id = idParam(req.params);
      const files = (Array.isArray(req.files) ? req.files : []) as IncomingFile[];
      const fields = (req.body ?? {}) as Record<string, unknown>;
      if (await attempt(res, id, 'upload', {}, () => practices.addAttachments(res.locals.user, id, files, fields))) {
        done(res, id, 'attached', '#attachments');
      }
    },
  );

  router.post('/practices/:id/attachments/:attachmentId/remove', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(stepForm, req.body);
    const body = { revision: typedRevision(form.revision) };
    const attachmentId = idParam(req.params, 'attachmentId');
    if (
      await attempt(res, id, 'remove-attachment', {}, () =>
        practices.removeAttachment(res.locals.user, id, attachmentId, body),
      )
    ) {
      done(res, id, 'attachment-removed', '#attachments');
    }
  });

  // The undo offered beside the attachments after a removal (the service checks who and until when).
  router.post('/practices/:id/attachments/:attachmentId/restore', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(stepForm, req.body);
    const body = { revision: typedRevision(form.revision) };
    const attachmentId = idParam(req.params, 'attachmentId');
    if (
      await attempt(res, id, 'restore-attachment', {}, () =>
        practices.restoreAttachment(res.locals.user, id, attachmentId, body),
      )
    ) {
      done(res, id, 'attachment-restored', '#attachments');
    }
  });

  return router;
}
