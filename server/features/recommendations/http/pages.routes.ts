import { Router } from 'express';
import { ValidationError, type FieldErrors } from '../../../lib/errors';
import { formattersFor } from './format';
import { RECOMMENDATION_STATUSES } from '../../../lib/policy';
import { parseInput } from '../../../lib/validate';
import { authorize } from '../../auth';
import { PRIORITIES } from '../domain/recommendation-fields';
import { recommendationActionRoutes } from './actions.routes';
import { recommendationEvidenceRoutes } from './evidence.routes';
import { recommendationFormRoutes } from './form.routes';
import { recommendationHistoryRoutes } from './history.routes';
import { idParam, renderRecommendationPage, type RecommendationPagesDeps } from './page-model';
import { browseQuery, pageQuery } from './pages.schema';

export type { RecommendationPagesDeps } from './page-model';

const FILTERS = ['measureGroup', 'theme', 'targetGroup', 'priority', 'status'] as const;
const PAGE_SIZE = 50;

/**
 * The recommendations' HTML pages: the list, the recommendation page, the long form, workflow and
 * consultation, history. Thin: every policy decision and every record rule is the service's.
 */
export function recommendationsPagesRoutes(deps: RecommendationPagesDeps): Router {
  const router = Router();
  const { recommendations } = deps;

  // Before `/recommendations/:id`, so `new` is never taken for an id.
  router.use(recommendationFormRoutes(deps));
  router.use(recommendationEvidenceRoutes(deps));

  router.get('/recommendations', authorize(deps.can, 'public.read'), async (req, res) => {
    const q = parseInput(browseQuery, req.query);
    const caller = res.locals.user;
    const vocab = await deps.vocabularies.all({ includeRetired: true });
    const unknown: FieldErrors = {};
    if (q.measureGroup && !vocab['measure-group'].some((t) => t.slug === q.measureGroup)) unknown.measureGroup = ['recommendations.error.unknown_term'];
    if (q.theme && !vocab.theme.some((t) => t.slug === q.theme)) unknown.theme = ['recommendations.error.unknown_term'];
    if (q.targetGroup && !vocab['target-group'].some((t) => t.slug === q.targetGroup)) unknown.targetGroup = ['recommendations.error.unknown_term'];
    if (Object.keys(unknown).length > 0) throw new ValidationError('error.message.validation', unknown);

    const { notice, ...listFilter } = q;
    const result = await recommendations.list(caller, { ...listFilter, perPage: PAGE_SIZE });
    const locale = res.locals.locale;
    const labels = (kind: 'theme' | 'measure-group') => new Map(vocab[kind].map((term) => [term.slug, term.labels[locale]]));
    const filters = Object.fromEntries(FILTERS.flatMap((key) => (q[key] ? [[key, String(q[key])]] : []))) as Record<string, string>;
    const pageHref = (page: number) => {
      const query = new URLSearchParams({ ...filters, ...(page > 1 ? { page: String(page) } : {}) }).toString();
      return query ? `/recommendations?${query}` : '/recommendations';
    };
    // Grouped by measure group in the vocabulary's order; those without one come last.
    const groups = [...vocab['measure-group'].map((t) => t.slug), undefined]
      .map((slug) => ({ slug, label: slug ? labels('measure-group').get(slug) : undefined, items: result.items.filter((i) => i.measureGroup === slug) }))
      .filter((g) => g.items.length > 0);
    const actor = res.locals.actor;
    // Statuses offered as a filter: those this reader may list at all.
    const statuses = RECOMMENDATION_STATUSES.filter((s) =>
      (s === 'withdrawn' ? (['final', 'consultation', 'draft'] as const) : ([s] as const)).some((reached) =>
        deps.can(actor, 'recommendation.read', { status: s, reached }),
      ),
    );
    res.render('recommendations/index', {
      title: res.locals.t('recommendations.browse.title'),
      result,
      groups,
      filters,
      filtered: Object.keys(filters).length > 0,
      notice,
      measureGroups: vocab['measure-group'].filter((t) => !t.retired || t.slug === q.measureGroup),
      themes: vocab.theme.filter((t) => !t.retired || t.slug === q.theme),
      targetGroups: vocab['target-group'].filter((t) => !t.retired || t.slug === q.targetGroup),
      priorities: PRIORITIES,
      statuses: statuses.length > 1 ? statuses : [],
      themeLabels: labels('theme'),
      mayCreate: deps.can(actor, 'recommendation.create'),
      pageHref,
      fmt: formattersFor(locale),
    });
  });

  router.use(recommendationHistoryRoutes(deps));
  router.use(recommendationActionRoutes(deps));

  router.get('/recommendations/:id', async (req, res) => {
    const q = parseInput(pageQuery, req.query);
    await renderRecommendationPage(res, deps, idParam(req.params), { notice: q.notice });
  });

  return router;
}
