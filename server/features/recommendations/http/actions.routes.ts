import { Router, type Request, type Response } from 'express';
import { orRerender } from '../../../lib/refusals';
import { parseInput } from '../../../lib/validate';
import type { RecommendationStep } from '../domain/workflow';
import type { RecommendationJson } from '../use-cases/presenters';
import { idParam, problemOf, renderRecommendationPage, typedRevision, type RecommendationPagesDeps } from './page-model';
import { commentForm, markForm, reasonForm, stepForm, type PageNotice } from './pages.schema';

const meta = (req: Request) => ({ ip: req.ip });

/**
 * The recommendation page's forms: workflow steps, delete, and the consultation thread. Each runs one
 * service call; a refused step re-renders the page with the message beside its form and what was typed kept.
 */
export function recommendationActionRoutes(deps: RecommendationPagesDeps): Router {
  const router = Router();
  const r = deps.recommendations;

  /** Runs a step; a refusal the person can act on re-renders the page with the message beside its form. */
  async function attempt(res: Response, id: string, action: string, values: Record<string, string>, run: () => Promise<unknown>) {
    const done = await orRerender(run, (refusal) =>
      renderRecommendationPage(res, deps, id, { status: refusal.status, problem: problemOf(action, refusal, values) }),
    );
    return done.ok;
  }

  const done = (res: Response, id: string, notice: PageNotice, anchor = '') => res.redirect(303, `/recommendations/${id}?notice=${notice}${anchor}`);

  type Run = (req: Request, res: Response, id: string, body: { revision?: number | string | undefined }) => Promise<RecommendationJson>;
  const steps: [Exclude<RecommendationStep, 'withdraw'> | 'undelete', Run][] = [
    ['open-consultation', (req, res, id, body) => r.openConsultation(res.locals.user, id, body, meta(req))],
    ['back-to-draft', (_req, res, id, body) => r.backToDraft(res.locals.user, id, body)],
    ['finalise', (req, res, id, body) => r.finalise(res.locals.user, id, body, meta(req))],
    ['reopen', (_req, res, id, body) => r.reopen(res.locals.user, id, body)],
    ['undelete', (_req, res, id, body) => r.undelete(res.locals.user, id, body)],
  ];
  for (const [action, run] of steps) {
    router.post(`/recommendations/:id/${action}`, async (req, res) => {
      const id = idParam(req.params);
      const form = parseInput(stepForm, req.body);
      const body = { revision: typedRevision(form.revision) };
      if (await attempt(res, id, action, {}, () => run(req, res, id, body))) done(res, id, action === 'undelete' ? 'undeleted' : action);
    });
  }

  router.post('/recommendations/:id/withdraw', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(reasonForm, req.body);
    const body = { reason: form.reason ?? '', revision: typedRevision(form.revision) };
    if (await attempt(res, id, 'withdraw', { reason: body.reason }, () => r.withdraw(res.locals.user, id, body, meta(req)))) done(res, id, 'withdraw');
  });

  router.post('/recommendations/:id/delete', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(stepForm, req.body);
    if (await attempt(res, id, 'delete', {}, () => r.remove(res.locals.user, id, { revision: typedRevision(form.revision) }))) {
      res.redirect(303, '/recommendations?notice=deleted');
    }
  });

  router.post('/recommendations/:id/comments', async (req, res) => {
    const id = idParam(req.params);
    const form = parseInput(commentForm, req.body);
    const body = form.body ?? '';
    if (await attempt(res, id, 'comment', { body }, () => r.addComment(res.locals.user, id, { body }))) done(res, id, 'commented', '#comments');
  });

  router.post('/recommendations/:id/comments/:commentId/answer', async (req, res) => {
    const id = idParam(req.params);
    const commentId = idParam(req.params, 'commentId');
    const form = parseInput(commentForm, req.body);
    const body = form.body ?? '';
    const action = `answer-${commentId}`;
    if (await attempt(res, id, action, { body }, () => r.answerComment(res.locals.user, id, commentId, { body }))) {
      done(res, id, 'answered', `#comment-${commentId}`);
    }
  });

  router.post('/recommendations/:id/comments/:commentId/mark', async (req, res) => {
    const id = idParam(req.params);
    const commentId = idParam(req.params, 'commentId');
    const form = parseInput(markForm, req.body);
    const taken = form.taken === 'true';
    await r.markComment(res.locals.user, id, commentId, { taken });
    done(res, id, taken ? 'marked' : 'unmarked', `#comment-${commentId}`);
  });

  return router;
}
