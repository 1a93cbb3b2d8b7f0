import { Router, type Response } from 'express';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { validate } from '../../lib/validate';
import { fieldErrors } from '../../lib/validate';
import { formattersFor } from './practices.format';
import { fieldLabelKey } from './practices.form-fields';
import { idParam, problemMessage, problemStatus, typedRevision, type PracticePagesDeps } from './practices.page-model';
import { historyQuery, stepForm } from './practices.pages.schema';
import { revisionParam } from './practices.schema';
import type { RevisionDiff } from './practices.service';

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
    // Reading the practice first: a deleted one does not exist for those who may not see it.
    const practice = await practices.get(caller, id);
    const revisions = await practices.listRevisions(caller, id);
    const from = options.from ?? revisions[1]?.number;
    const to = options.to ?? revisions[0]?.number;
    const diff: RevisionDiff | undefined =
      from !== undefined && to !== undefined ? await practices.diffRevisions(caller, id, from, to) : undefined;
    const [themes, targetGroups, events, cities] = await Promise.all([
      deps.vocabularies.labels('theme', locale),
      deps.vocabularies.labels('target-group', locale),
      deps.events.list(),
      deps.network.listCities(),
    ]);
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
      labels: {
        theme: themes,
        'target-group': targetGroups,
        event: new Map(events.map((e) => [e.slug, e.title])),
        city: new Map(cities.map((c) => [c.slug, c.name])),
      },
      fieldLabelKey,
      fmt: formattersFor(locale),
    });
  }

  router.get('/practices/:id/history', validate('query', historyQuery), async (req, res) => {
    const q = res.locals.query as z.infer<typeof historyQuery>;
    await renderHistory(res, idParam(req.params), { from: q.from, to: q.to, notice: q.notice });
  });

  router.post('/practices/:id/history/:number/restore', async (req, res) => {
    const id = idParam(req.params);
    const number = revisionParam.safeParse(req.params.number);
    if (!number.success) throw new NotFoundError();
    const form = stepForm.safeParse(req.body ?? {});
    if (!form.success) throw new ValidationError('error.message.validation', fieldErrors(form.error));
    try {
      await practices.restoreRevision(res.locals.user, id, number.data, {
        revision: typedRevision(form.data.revision),
      });
    } catch (err) {
      const status = problemStatus(err);
      if (status === undefined) throw err;
      return renderHistory(res, id, { status, problem: problemMessage(err as ValidationError) });
    }
    res.redirect(303, `/practices/${id}/history?notice=restored`);
  });

  return router;
}
