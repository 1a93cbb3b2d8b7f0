import { Router } from 'express';
import { parseInput } from '../../../lib/validate';
import { practiceActionRoutes } from './actions.routes';
import { searchUrlForBrowse } from './browse-redirect';
import { practiceFormRoutes } from './form.routes';
import { practiceHistoryRoutes } from './history.routes';
import { practiceListRoutes } from './lists.routes';
import { idParam, renderPracticePage, type PracticePagesDeps } from './page-model';
import { practicePageQuery } from './pages.schema';

export type { PracticePagesDeps } from './page-model';

/**
 * The practices' HTML pages: the old browse address, the practice page, the long form, workflow and thread, history,
 * "my city" and the review queue. Thin: every policy decision and every record rule is the service's.
 */
export function practicesPagesRoutes(deps: PracticePagesDeps): Router {
  const router = Router();
  const { practices } = deps;

  // Before `/practices/:id`, so `new` is never taken for an id.
  router.use(practiceFormRoutes(deps));

  // One way to browse: the old list is the search page without a query (which lists from MongoDB
  // itself while the search engine is away). Old links and bookmarks land on the same filters.
  router.get('/practices', (req, res) => {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    res.redirect(301, searchUrlForBrowse(query));
  });

  router.use(practiceListRoutes(deps));
  router.use(practiceHistoryRoutes(deps));
  router.use(practiceActionRoutes(deps));

  router.get('/practices/:id', async (req, res) => {
    const q = parseInput(practicePageQuery, req.query);
    await renderPracticePage(res, deps, idParam(req.params), { copy: q.version, notice: q.notice });
  });

  router.get('/practices/:id/attachments/:attachmentId', async (req, res) => {
    const attachment = await practices.openAttachment(
      res.locals.user,
      idParam(req.params),
      idParam(req.params, 'attachmentId'),
    );
    // Attachments of drafts are private: no shared cache may keep them.
    res.setHeader('Cache-Control', 'private, no-cache');
    await deps.files.sendFile(res, attachment);
  });

  return router;
}
