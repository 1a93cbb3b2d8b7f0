import { Router, type Response } from 'express';
import { NotFoundError } from '../../../lib/errors';
import { formattersFor } from './format';
import { orRerender } from '../../../lib/refusals';
import { parseInput } from '../../../lib/validate';
import { revisionParam } from '../domain/input';
import type { RevisionDiff } from '../use-cases/revisions';
import { FORM } from './form';
import { idParam, problemMessage, typedRevision, type RecommendationPagesDeps } from './page-model';
import { historyQuery, stepForm } from './pages.schema';

/** The history page: every revision, a diff between any two, and the curators' restore. */
export function recommendationHistoryRoutes(deps: RecommendationPagesDeps): Router {
  const router = Router();
  const r = deps.recommendations;

  async function renderHistory(
    res: Response,
    id: string,
    options: { status?: number; from?: number | undefined; to?: number | undefined; notice?: string | undefined; problem?: string | undefined },
  ) {
    const caller = res.locals.user;
    const locale = res.locals.locale;
    const revisions = await r.listRevisions(caller, id);
    const rec = await r.get(caller, id);
    const from = options.from ?? revisions[1]?.number;
    const to = options.to ?? revisions[0]?.number;
    const diff: RevisionDiff | undefined = from !== undefined && to !== undefined ? await r.diffRevisions(caller, id, from, to) : undefined;
    const [themes, targetGroups, measureGroups] = await Promise.all([
      deps.vocabularies.labels('theme', locale),
      deps.vocabularies.labels('target-group', locale),
      deps.vocabularies.labels('measure-group', locale),
    ]);
    res.status(options.status ?? 200).render('recommendations/history', {
      title: res.locals.t('recommendations.history.title', { title: rec.content.title }),
      rec,
      revisions,
      from,
      to,
      diff,
      notice: options.notice,
      problem: options.problem,
      // History is the curators': their copy of the recommendation carries `reached` and `deleted`.
      mayRestore: deps.can(res.locals.actor, 'recommendation.restore', { status: rec.status, reached: rec.reached ?? 'draft', deleted: rec.deleted ?? false }),
      labels: { themes, targetGroups, measureGroup: measureGroups },
      fieldLabelKey: FORM.fieldLabelKey,
      fmt: formattersFor(locale),
    });
  }

  router.get('/recommendations/:id/history', async (req, res) => {
    const q = parseInput(historyQuery, req.query);
    await renderHistory(res, idParam(req.params), { from: q.from, to: q.to, notice: q.notice });
  });

  router.post('/recommendations/:id/history/:number/restore', async (req, res) => {
    const id = idParam(req.params);
    const number = revisionParam.safeParse(req.params.number);
    if (!number.success) throw new NotFoundError();
    const form = parseInput(stepForm, req.body);
    const done = await orRerender(
      () => r.restoreRevision(res.locals.user, id, number.data, { revision: typedRevision(form.revision) }),
      (refusal) => renderHistory(res, id, { status: refusal.status, problem: problemMessage(refusal) }),
    );
    if (done.ok) res.redirect(303, `/recommendations/${id}/history?notice=restored`);
  });

  return router;
}
