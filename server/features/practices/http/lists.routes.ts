import { Router } from 'express';
import { z } from 'zod';
import { UNDO_WINDOW_MINUTES } from '../../../lib/policy';
import { parseInput } from '../../../lib/validate';
import { authorize } from '../../auth';
import { formattersFor } from './format';
import type { PracticePagesDeps } from './page-model';
import { PAGE_NOTICES, pageNumberQuery } from './pages.schema';

const listPageQuery = pageNumberQuery.extend({ notice: z.enum([...PAGE_NOTICES, 'purged']).optional() });

/** The partners' "my city's practices" and the coordinator's review queue. */
export function practiceListRoutes(deps: PracticePagesDeps): Router {
  const router = Router();
  const { practices } = deps;

  router.get('/my-city', async (req, res) => {
    const q = parseInput(listPageQuery, req.query);
    const caller = res.locals.user;
    // The service refuses anyone without a city whose working copies they may read.
    const [list, awaiting, themeLabels, deletions] = await Promise.all([
      practices.myCity(caller, { page: q.page }),
      practices.awaitingAuthors(caller),
      deps.vocabularies.labels('theme', res.locals.locale),
      practices.undoableDeletions(caller),
    ]);
    const city = await deps.network.findCity(caller?.city ?? '');
    const fmt = formattersFor(res.locals.locale);
    res.render('practices/my-city', {
      title: res.locals.t('practices.my_city.title', { city: city?.name ?? caller?.city ?? '' }),
      list,
      awaiting,
      themeLabels,
      // After a deletion its undo offer says it all; the plain notice would repeat it.
      notice: q.notice === 'deleted' && deletions.length > 0 ? undefined : q.notice,
      deletions,
      undoWindow: fmt.minutes(UNDO_WINDOW_MINUTES),
      mayCreate: deps.can(res.locals.actor, 'practice.create', { city: caller?.city ?? '' }),
      pageHref: (page: number) => (page > 1 ? `/my-city?page=${page}` : '/my-city'),
      fmt,
    });
  });

  router.get(
    '/review',
    authorize(deps.can, 'review.queue'),
    async (req, res) => {
      const q = parseInput(listPageQuery.omit({ page: true }), req.query);
      const queue = await practices.reviewQueue(res.locals.user);
      res.render('practices/review', {
        title: res.locals.t('practices.review.title'),
        queue,
        notice: q.notice,
        now: new Date(),
        fmt: formattersFor(res.locals.locale),
      });
    },
  );

  return router;
}
