import { Router } from 'express';
import { ValidationError, type FieldErrors } from '../../lib/errors';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import type { SearchHit } from './search.hits';
import { parseRecommendationSearch, searchTypeOf } from './recommendation-search.schema';
import { audienceOf, type RecommendationHit, type RecommendationSearch } from './recommendation-search.service';
import { parseSearch } from './search.schema';
import type { SearchService } from './search.service';

/** A hit as API clients get it: the facts, and the highlights as safe HTML (escaped text, `<mark>` only). */
export function apiHit(hit: SearchHit) {
  return {
    id: hit.id,
    url: `/practices/${encodeURIComponent(hit.id)}`,
    title: hit.title,
    summary: hit.summary,
    city: hit.city,
    cityName: hit.cityName,
    country: hit.country,
    themes: hit.themes,
    targetGroups: hit.targetGroups,
    startYear: hit.startYear,
    endYear: hit.endYear,
    ongoing: hit.ongoing,
    language: hit.language,
    event: hit.event,
    hasIndicators: hit.hasIndicators,
    budgetEur: hit.budgetEur,
    publishedAt: hit.publishedAt ? hit.publishedAt.toISOString() : null,
    _formatted: hit.formatted,
    ...(hit.snippet ? { snippet: hit.snippet } : {}),
    ...(hit.foundInAttachment
      ? {
          foundInAttachment: hit.foundInAttachment.map((a) => ({
            id: a.id,
            name: a.name,
            nameHtml: a.nameHtml,
            ...(a.html ? { html: a.html } : {}),
          })),
        }
      : {}),
  };
}

/** A recommendation hit as API clients get it: the facts, and the highlights as safe HTML. */
export function apiRecommendationHit(hit: RecommendationHit) {
  return {
    id: hit.id,
    url: `/recommendations/${encodeURIComponent(hit.id)}`,
    status: hit.status,
    title: hit.title,
    summary: hit.summary,
    measureGroup: hit.measureGroup,
    themes: hit.themes,
    targetGroups: hit.targetGroups,
    horizons: hit.horizons,
    priority: hit.priority,
    evidenceCount: hit.evidenceCount,
    actionCount: hit.actionCount,
    finalisedAt: hit.finalisedAt ? hit.finalisedAt.toISOString() : null,
    _formatted: hit.formatted,
  };
}

/**
 * `GET /api/search`. Policy: 'public.read'. Parameters as on the page (see search.openapi.ts); `type`
 * chooses practices (default) or recommendations, and `counts` tells how many of each the query finds.
 */
export function searchApiRoutes(search: SearchService, deps: { can: Can; recommendations: RecommendationSearch }): Router {
  const router = Router();

  router.get('/api/search', authorize(deps.can, 'public.read'), async (req, res) => {
    const refuse = (errors: FieldErrors): never => {
      const t = res.locals.t;
      const fields: FieldErrors = Object.fromEntries(Object.entries(errors).map(([name, messages]) => [name, messages.map((m) => t(m))]));
      throw new ValidationError('search.error.invalid_request', fields);
    };
    const typed = searchTypeOf(req.query);
    if ('error' in typed) return refuse(typed.error);
    const audience = audienceOf(deps.can, res.locals.actor);
    if (typed.type === 'recommendations') {
      const parsed = parseRecommendationSearch(typed.rest, 'api');
      if (!parsed.ok) return refuse(parsed.errors);
      const [result, counts] = await Promise.all([
        deps.recommendations.query(parsed.state, audience),
        deps.recommendations.counts(parsed.state.q, audience),
      ]);
      res.json({
        type: 'recommendations',
        query: parsed.state.q,
        hits: result.hits.map(apiRecommendationHit),
        facetDistribution: Object.fromEntries(result.facets.map((f) => [f, result.facetDistribution[f]])),
        totalHits: result.totalHits,
        page: result.page,
        totalPages: result.totalPages,
        hitsPerPage: result.hitsPerPage,
        processingTimeMs: result.processingTimeMs,
        counts,
      });
      return;
    }
    const parsed = parseSearch(typed.rest, 'api');
    if (!parsed.ok) return refuse(parsed.errors);
    const [result, counts] = await Promise.all([search.query(parsed.state), deps.recommendations.counts(parsed.state.q, audience)]);
    res.json({
      type: 'practices',
      query: parsed.state.q,
      hits: result.hits.map(apiHit),
      facetDistribution: result.facetDistribution,
      totalHits: result.totalHits,
      page: result.page,
      totalPages: result.totalPages,
      hitsPerPage: result.hitsPerPage,
      processingTimeMs: result.processingTimeMs,
      counts,
    });
  });

  return router;
}
