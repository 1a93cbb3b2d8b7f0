import { Router, type Response } from 'express';
import { NotFoundError } from '../../../lib/errors';
import { parseInput } from '../../../lib/validate';
import { formattersFor } from './format';
import { fieldLabelKey } from './form-fields';
import { orRerender } from '../../../lib/refusals';
import { diffLabels, idParam, problemMessage, typedRevision, type PracticePagesDeps } from './page-model';
import { historyQuery, stepForm } from './pages.schema';
import { revisionParam } from '../domain/input';

/** The history page: every revision, a diff between any two, and the coordinator's restore. */
export function practiceHistoryRoutes(deps: PracticePagesDeps): Router {
  const router = Router();
  const { practices } = deps;

  async function renderHistory(
    res: Response,
    id: string,
    options: {
      status?: number;
      from?: number | undefined;
      to?: number | undefined;
      notice?: string | undefined;
      problem?: string | undefined;
    },
  ) {
    const caller = res.locals.user;
    const locale = res.locals.locale;
    // One read: a deleted practice does not exist for those who may not see it.
    const { practice, revisions, from, to, diff } = await practices.history(caller, id, { from: options.from, to: options.to });
    const labels = await diffLabels(deps, locale);
    const resource = {
      city: practice.city,
      status: practice.status ?? 'published',
      hasPublished: practice.published !== null,
      deleted: practice.deleted ?? false,
    };
    const content = practice.working ?? practice.published;
    res.status(options.status ?? 200).render('practices/history', {
      title: res.locals.t('practices.history.title', { title: content?.title ?? '' }),
      practice,
      practiceTitle: content?.title ?? '',
      revisions,
      from,
      to,
      diff,
      notice: options.notice,
      problem: options.problem,
      mayRestore: deps.can(res.locals.actor, 'practice.restore', resource),
      labels,
      fieldLabelKey,
      fmt: formattersFor(locale),
    });
  }

  router.get('/practices/:id/history', async (req, res) => {
    const q = parseInput(historyQuery, req.query);
    await renderHistory(res, idParam(req.params), { from: q.from, to: q.to, notice: q.notice });
  });

  router.post('/practices/:id/history/:number/restore', async (req, res) => {
    const id = idParam(req.params);
    const number = revisionParam.safeParse(req.params.number);
    if (!number.success) throw new NotFoundError();
    const form = parseInput(stepForm, req.body);
    const outcome = await orRerender(
      () => practices.restoreRevision(res.locals.user, id, number.data, { revision: typedRevision(form.revision) }),
      (refusal) => renderHistory(res, id, { status: refusal.status, problem: problemMessage(refusal) }),
    );
    if (outcome.ok) res.redirect(303, `/practices/${id}/history?notice=restored`);
  });

  return router;
}
