import { Router } from 'express';
import { ValidationError, type FieldErrors } from '../../lib/errors';
import { validate } from '../../lib/validate';
import { authorize } from '../auth/auth.middleware';
import { termLabel } from '../vocabularies/vocabularies.service';
import { practiceActionRoutes } from './practices.actions.routes';
import { isEuropeanCountry } from './practices.data';
import { practiceFormRoutes } from './practices.form.routes';
import { formattersFor } from './practices.format';
import { practiceHistoryRoutes } from './practices.history.routes';
import { practiceListRoutes } from './practices.lists.routes';
import { idParam, renderPracticePage, type PracticePagesDeps } from './practices.page-model';
import { browseQuery, practicePageQuery, type BrowseQuery } from './practices.pages.schema';

export type { PracticePagesDeps } from './practices.page-model';

const FILTERS = ['theme', 'city', 'targetGroup', 'country'] as const;

/**
 * The practices' HTML pages: browsing, the practice page, the long form, workflow and thread, history,
 * "my city" and the review queue. Thin: every policy decision and every record rule is the service's.
 */
export function practicesPagesRoutes(deps: PracticePagesDeps): Router {
  const router = Router();
  const { practices } = deps;

  // Before `/practices/:id`, so `new` is never taken for an id.
  router.use(practiceFormRoutes(deps));

  /**
   * Published practices from MongoDB, newest first: the way in when the search engine is down, and where
   * a practice page's themes and city link to. A filter value nobody can have chosen is a 400.
   */
  router.get('/practices', authorize(deps.can, 'public.read'), validate('query', browseQuery), async (_req, res) => {
    const q = res.locals.query as BrowseQuery;
    const caller = res.locals.user;
    const [facets, vocab] = await Promise.all([
      practices.browseFacets(caller),
      deps.vocabularies.all({ includeRetired: true }),
    ]);
    const unknown: FieldErrors = {};
    if (q.theme && !vocab.theme.some((term) => term.slug === q.theme)) unknown.theme = ['practices.error.unknown_term'];
    if (q.targetGroup && !vocab['target-group'].some((term) => term.slug === q.targetGroup))
      unknown.targetGroup = ['practices.error.unknown_term'];
    if (q.city && !facets.cities.some((city) => city.slug === q.city)) unknown.city = ['practices.error.city_unknown'];
    if (q.country && !isEuropeanCountry(q.country)) unknown.country = ['practices.error.country_not_european'];
    if (Object.keys(unknown).length > 0) throw new ValidationError('error.message.validation', unknown);

    const result = await practices.list(caller, q);
    const locale = res.locals.locale;
    const labels = (kind: 'theme' | 'target-group') =>
      new Map(vocab[kind].map((term) => [term.slug, termLabel(term.labels, locale)]));
    const filters = Object.fromEntries(FILTERS.flatMap((key) => (q[key] ? [[key, q[key]]] : []))) as Record<
      string,
      string
    >;
    const pageHref = (page: number) => {
      const query = new URLSearchParams({ ...filters, ...(page > 1 ? { page: String(page) } : {}) }).toString();
      return query ? `/practices?${query}` : '/practices';
    };
    const fmt = formattersFor(locale);
    res.render('practices/index', {
      title: res.locals.t('practices.browse.title'),
      result,
      filters,
      filtered: Object.keys(filters).length > 0,
      themes: vocab.theme.filter((term) => !term.retired || term.slug === q.theme),
      targetGroups: vocab['target-group'].filter((term) => !term.retired || term.slug === q.targetGroup),
      cities: [...facets.cities].sort((a, b) => a.name.localeCompare(b.name, locale)),
      countries: facets.countries
        .map((code) => ({ code, name: fmt.country(code) }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
      themeLabels: labels('theme'),
      pageHref,
      fmt,
    });
  });

  router.use(practiceListRoutes(deps));
  router.use(practiceHistoryRoutes(deps));
  router.use(practiceActionRoutes(deps));

  router.get('/practices/:id', validate('query', practicePageQuery), async (req, res) => {
    const q = res.locals.query as { version?: 'working' | 'published'; notice?: string };
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
