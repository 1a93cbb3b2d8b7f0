import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { isDatabaseUnavailable } from '../../lib/db';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import type { User } from '../users';
import type { VocabulariesService } from '../vocabularies';
import { databaseLabels, databaseResult, databaseState, type DatabaseBrowse } from './search-database';
import { FACETS, SORT_KEYS, type FacetName, type SearchState } from './search.filters';
import { parseSearch, Q_MAX } from './search.schema';
import { SearchUnavailableError, type SearchService } from './search.service';
import { normalisedValues, unknownValues, withoutValues, type KnownValues } from './search.values';
import { buildSearchView, searchHref } from './search.view';
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
    database: undefined,
    knownFacets: FACETS,
    knownSorts: SORT_KEYS,
    ...locals,
  });
}

export type SearchPagesDeps = {
  can: Can;
  recommendations: RecommendationSearch;
  /** Published practices from MongoDB: the list while the search engine is away, and the cities a filter may name. */
  database: DatabaseBrowse;
  vocabularies: Pick<VocabulariesService, 'labels'>;
};

/** A read whose answer is a courtesy (checking filter values): while MongoDB is away the search goes on without it. */
async function unlessDatabaseDown<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isDatabaseUnavailable(err)) return undefined;
    throw err;
  }
}

/** The planners' search page: practices or recommendations (`type`), with the count of each. Policy: 'public.read'. */
export function searchRoutes(search: SearchService, deps: SearchPagesDeps): Router {
  const router = Router();
  // The practice search a request asked for, for the list from MongoDB should the engine fail to answer it.
  const asked = new WeakMap<Request, SearchState>();

  async function knownValues(state: SearchState, caller: User | undefined): Promise<KnownValues> {
    const wanted = (facet: FacetName) => state.filters[facet].length > 0;
    const slugs = async (kind: 'theme' | 'target-group') =>
      new Set((await deps.vocabularies.labels(kind, 'en')).keys()) as ReadonlySet<string>;
    const [themes, targetGroups, city] = await Promise.all([
      wanted('themes') ? unlessDatabaseDown(slugs('theme')) : undefined,
      wanted('targetGroups') ? unlessDatabaseDown(slugs('target-group')) : undefined,
      wanted('city') ? unlessDatabaseDown(deps.database.knownCities(caller)) : undefined,
    ]);
    return { themes, targetGroups, city };
  }

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
    const state = normalisedValues(parsed.state);
    const unknown = unknownValues(state, await knownValues(state, res.locals.user));
    if (unknown.length > 0) {
      return render(req, res, 400, {
        q: state.q,
        invalid: { errors: {}, unknown: [], values: unknown, withoutHref: searchHref(withoutValues(state, unknown)) },
      });
    }
    asked.set(req, state);
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

  /**
   * The engine is away: published practices from MongoDB, newest first, with the filters it can apply and a
   * note that keyword search is unavailable. Without words that is the whole answer (200); words that could
   * not be searched make it a 503 that still lists what it can.
   */
  async function renderFromDatabase(req: Request, res: Response, requested: SearchState) {
    const { t, locale } = res.locals;
    const caller = res.locals.user;
    const { state, dropped } = databaseState(requested, t);
    const { themes, targetGroups, city, country } = state.filters;
    const [page, rows, themeLabels, groupLabels] = await Promise.all([
      deps.database.publishedPage(caller, { themes, targetGroups, city, country }, state.page, state.hitsPerPage),
      deps.database.publishedFacets(caller),
      deps.vocabularies.labels('theme', locale),
      deps.vocabularies.labels('target-group', locale),
    ]);
    const result = databaseResult(state, page, rows);
    const labels = databaseLabels(result.facetDistribution, rows, { themes: themeLabels, targetGroups: groupLabels }, locale);
    const words = state.q.trim() !== '';
    if (words) res.set('Retry-After', '30');
    render(req, res, words ? 503 : 200, {
      q: state.q,
      results: buildSearchView(state, result, labels, t, locale),
      database: { dropped, words },
    });
  }

  const unavailable: ErrorRequestHandler = async (err, req, res, next) => {
    if (!(err instanceof SearchUnavailableError) || req.path !== '/search' || res.headersSent) return next(err);
    const requested = asked.get(req);
    if (requested) return renderFromDatabase(req, res, requested);
    // Recommendations are searched in the index only: say so, and offer the lists that read MongoDB.
    res.set('Retry-After', '30');
    render(req, res, 503, { unavailable: true });
  };
  router.use(unavailable);

  return router;
}
