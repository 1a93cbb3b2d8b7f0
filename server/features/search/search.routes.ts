import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { FACETS, SORT_KEYS, type FacetName } from './search.filters';
import { parseSearch, Q_MAX } from './search.schema';
import { SearchUnavailableError, type SearchService } from './search.service';
import { buildSearchView } from './search.view';
import { parseRecommendationSearch, REC_FACETS, REC_SORT_KEYS, searchTypeOf } from './recommendation-search.schema';
import { audienceOf, type RecommendationSearch } from './recommendation-search.service';
import { buildRecommendationSearchView, kindSwitch } from './recommendation-search.view';

/** What the query box shows when the request itself could not be parsed. */
const typedQuery = (req: Request) => (typeof req.query.q === 'string' ? [...req.query.q].slice(0, Q_MAX).join('') : '');

/** The fragment for script requests (`partial=1`), the whole page otherwise: one renderer for both. */
function render(req: Request, res: Response, status: number, locals: Record<string, unknown>) {
  const partial = req.query.partial === '1';
  res.status(status).render(partial ? 'search/_region' : 'search/index', {
    title: res.locals.t('search.title'),
    q: typedQuery(req),
    trimmed: false,
    invalid: undefined,
    unavailable: undefined,
    results: undefined,
    recResults: undefined,
    kinds: undefined,
    knownFacets: FACETS,
    knownSorts: SORT_KEYS,
    ...locals,
  });
}

/** The planners' search page: practices or recommendations (`type`), with the count of each. Policy: 'public.read'. */
export function searchRoutes(search: SearchService, deps: { can: Can; recommendations: RecommendationSearch }): Router {
  const router = Router();

  router.get('/search', authorize(deps.can, 'public.read'), async (req, res) => {
    const typed = searchTypeOf(req.query);
    if ('error' in typed) return render(req, res, 400, { invalid: { errors: typed.error, unknown: [] } });
    const audience = audienceOf(deps.can, res.locals.actor);
    if (typed.type === 'recommendations') {
      const parsed = parseRecommendationSearch(typed.rest, 'page');
      if (!parsed.ok) return render(req, res, 400, { invalid: { errors: parsed.errors, unknown: parsed.unknown }, knownFacets: REC_FACETS, knownSorts: REC_SORT_KEYS });
      const { state } = parsed;
      const [result, counts, labels] = await Promise.all([
        deps.recommendations.query(state, audience),
        deps.recommendations.counts(state.q, audience),
        deps.recommendations.labels(res.locals.locale),
      ]);
      return render(req, res, 200, {
        q: state.q,
        trimmed: parsed.trimmed,
        kinds: kindSwitch(state.q, 'recommendations', counts),
        recResults: buildRecommendationSearchView(state, result, labels, res.locals.t, res.locals.locale),
      });
    }
    const parsed = parseSearch(typed.rest, 'page');
    if (!parsed.ok) return render(req, res, 400, { invalid: { errors: parsed.errors, unknown: parsed.unknown } });
    const { state } = parsed;
    const [result, counts] = await Promise.all([search.query(state), deps.recommendations.counts(state.q, audience)]);
    const values = Object.fromEntries(
      FACETS.map((facet) => [facet, Object.keys(result.facetDistribution[facet])]),
    ) as Record<FacetName, string[]>;
    const labels = await search.facetLabels(res.locals.locale, values, result.hits);
    render(req, res, 200, {
      q: state.q,
      trimmed: parsed.trimmed,
      kinds: kindSwitch(state.q, 'practices', counts),
      results: buildSearchView(state, result, labels, res.locals.t, res.locals.locale),
    });
  });

  // Search is down: say so, and point to browsing by theme and city, which reads MongoDB.
  const unavailable: ErrorRequestHandler = async (err, req, res, next) => {
    if (!(err instanceof SearchUnavailableError) || req.path !== '/search' || res.headersSent) return next(err);
    const links = await search.browseLinks(res.locals.locale).catch(() => ({ themes: [], cities: [] }));
    res.set('Retry-After', '30');
    render(req, res, 503, { unavailable: links });
  };
  router.use(unavailable);

  return router;
}
