import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../../lib/errors';
import type { Can } from '../../lib/policy';
import { slugify } from '../../lib/slug';
import { parseInput } from '../../lib/validate';
import { authorize } from '../auth';
import { formattersFor } from '../practices';
import type { PracticesService } from '../practices';
import type { RecommendationsService } from '../recommendations';
import { IN_PLANS, type AdoptionService } from '../adoption';
import { parseSearch } from '../search';
import type { ExportResult, ExportsService } from './exports.service';
import { toCsv, toJson } from './exports.table';
import { practicePdf } from './practice-pdf';

const FORMATS = ['csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

const versionQuery = z.strictObject({ version: z.enum(['working', 'published']).optional() });
const noQuery = z.strictObject({});

const today = () => new Date().toISOString().slice(0, 10);
const idOf = (req: Request) => String(req.params.id ?? '');

/** Sends an export as a download; the headers say how many rows the source had and whether all came. */
function send(res: Response, format: Format, name: string, result: ExportResult, query: unknown) {
  const filename = `${name}-${today()}.${format}`;
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Total-Count', String(result.total));
  if (result.truncated) res.setHeader('X-Export-Truncated', 'true');
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(toCsv(result.data, res.locals.t));
  } else {
    const meta = { exportedAt: new Date().toISOString(), query, total: result.total, truncated: result.truncated };
    res.type('application/json; charset=utf-8').send(toJson(result.data, meta));
  }
}

/**
 * Downloads: search results, practice and recommendation lists as CSV or JSON (API routes), one practice
 * as print-ready HTML or PDF, and one recommendation as print-ready HTML. Each uses the same service call as its page, so it holds what the page shows.
 */
export function exportsRoutes(
  exports: ExportsService,
  deps: {
    practices: PracticesService;
    recommendations: Pick<RecommendationsService, 'view'>;
    adoption: Pick<AdoptionService, 'pageRow'>;
    can: Can;
    baseUrl: string;
  },
): Router {
  const router = Router();

  for (const format of FORMATS) {
    router.get(`/api/exports/search.${format}`, authorize(deps.can, 'public.read'), async (req, res) => {
      const parsed = parseSearch(req.query, 'api');
      if (!parsed.ok) {
        const t = res.locals.t;
        const fields: FieldErrors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, v.map((m) => t(m))]));
        throw new ValidationError('search.error.invalid_request', fields);
      }
      const { page: _page, hitsPerPage: _size, ...asked } = parsed.state;
      send(res, format, 'search', await exports.search(parsed.state, res.locals.locale), asked);
    });

    router.get(`/api/exports/practices.${format}`, async (req, res) => {
      send(res, format, 'practices', await exports.practices(res.locals.user, req.query, res.locals.locale), req.query);
    });

    router.get(`/api/exports/recommendations.${format}`, async (req, res) => {
      send(res, format, 'recommendations', await exports.recommendations(res.locals.user, req.query, res.locals.locale), req.query);
    });
  }

  // One recommendation laid out for print (A4): the page's own view model, so it holds what the page shows.
  router.get('/recommendations/:id/print', async (req, res) => {
    parseInput(noQuery, req.query);
    const caller = res.locals.user;
    const rec = await deps.recommendations.view(caller, idOf(req), { locale: res.locals.locale });
    // Cities adopt final recommendations only; the row comes with the same visibility as the page's.
    const row = await deps.adoption.pageRow(caller, rec.id);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.render('exports/recommendation-print', {
      title: rec.content.title,
      rec,
      content: rec.content,
      inPlans: (row?.cells ?? []).filter((cell) => IN_PLANS.includes(cell.status)),
      pageUrl: `${deps.baseUrl}/recommendations/${rec.id}`,
      generatedAt: new Date(),
      fmt: formattersFor(res.locals.locale),
    });
  });

  router.get('/practices/:id/print', async (req, res) => {
    const { version } = parseInput(versionQuery, req.query);
    const practice = await deps.practices.view(res.locals.user, idOf(req), { locale: res.locals.locale, copy: version });
    res.setHeader('Cache-Control', 'private, no-cache');
    res.render('exports/practice-print', {
      title: practice.content.title,
      practice,
      content: practice.content,
      pageUrl: `${deps.baseUrl}/practices/${practice.id}`,
      generatedAt: new Date(),
      fmt: formattersFor(res.locals.locale),
    });
  });

  router.get('/practices/:id/pdf', async (req, res) => {
    const { version } = parseInput(versionQuery, req.query);
    const practice = await deps.practices.view(res.locals.user, idOf(req), { locale: res.locals.locale, copy: version });
    const pdf = await practicePdf(practice, {
      t: res.locals.t,
      fmt: formattersFor(res.locals.locale),
      url: `${deps.baseUrl}/practices/${practice.id}`,
      generatedAt: new Date(),
    });
    const name = slugify(practice.content.title, 60) || 'practice';
    res.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.type('application/pdf').send(pdf);
  });

  return router;
}
