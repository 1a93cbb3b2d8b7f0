import { Router } from 'express';
import { ValidationError, type FieldErrors } from '../../lib/errors';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import type { SearchHit } from './search.hits';
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

/** `GET /api/search`. Policy: 'public.read'. Parameters as on the page (see search.openapi.ts). */
export function searchApiRoutes(search: SearchService, deps: { can: Can }): Router {
  const router = Router();

  router.get('/api/search', authorize(deps.can, 'public.read'), async (req, res) => {
    const parsed = parseSearch(req.query, 'api');
    if (!parsed.ok) {
      const t = res.locals.t;
      const fields: FieldErrors = Object.fromEntries(
        Object.entries(parsed.errors).map(([name, messages]) => [name, messages.map((m) => t(m))]),
      );
      throw new ValidationError('search.error.invalid_request', fields);
    }
    const result = await search.query(parsed.state);
    res.json({
      query: parsed.state.q,
      hits: result.hits.map(apiHit),
      facetDistribution: result.facetDistribution,
      totalHits: result.totalHits,
      page: result.page,
      totalPages: result.totalPages,
      hitsPerPage: result.hitsPerPage,
      processingTimeMs: result.processingTimeMs,
    });
  });

  return router;
}
