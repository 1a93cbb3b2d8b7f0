import { Router } from 'express';
import { renderChart } from '../../lib/charts';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { formattersFor } from '../practices';
import { ADOPTION_STATUSES } from '../adoption';
import { barsSpec, heatMapSpec, titledBarsSpec, yearsSpec } from './dashboard.charts';
import type { DashboardService } from './dashboard.service';

/** A link into search narrowed to one cell, row or column (the parameters of search.filters.ts). */
export const searchHref = (params: Record<string, string | number>) =>
  `/search?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;

/** Where a pipeline count leads: published ones to search, submitted ones to the review queue. */
const PIPELINE_LINKS: Partial<Record<string, string>> = { published: '/search', submitted: '/review' };

/** The public dashboard (richer for curators). Policy: 'public.read'; the pipeline asks 'review.queue'. */
export function dashboardRoutes(dashboard: DashboardService, deps: { can: Can }): Router {
  const router = Router();

  router.get('/dashboard', authorize(deps.can, 'public.read'), async (_req, res) => {
    const t = res.locals.t;
    const data = await dashboard.dashboard(res.locals.user, res.locals.locale);
    const pub = data.published;
    const pipelineRows = data.pipeline?.map((row) => ({
      ...row,
      label: t(`practices.status.${row.status}`),
      href: PIPELINE_LINKS[row.status],
    }));
    const recs = data.recommendations;
    const [heatMap, years, pipeline, evidence, adoption] = await Promise.all([
      pub && pub.total > 0 ? renderChart(heatMapSpec(pub.grid), { label: t('dashboard.theme_city.chart_label') }) : undefined,
      pub && pub.years.length > 0
        ? renderChart(yearsSpec(pub.years), { label: t('dashboard.years.chart_label') })
        : undefined,
      pipelineRows
        ? renderChart(barsSpec(pipelineRows.map((r) => ({ label: r.label, count: r.count }))), {
            label: t('dashboard.pipeline.chart_label'),
          })
        : undefined,
      recs.evidence.length > 0
        ? renderChart(
            titledBarsSpec(recs.evidence.map((r) => ({ label: r.title, count: r.evidence.practices }))),
            { label: t('dashboard.evidence.chart_label') },
          )
        : undefined,
      recs.adoption.rows.length > 0
        ? renderChart(barsSpec(recs.adoption.cities.map((c) => ({ label: c.name, count: c.inPlans })), { width: 200 }), {
            label: t('dashboard.adoption.chart_label'),
          })
        : undefined,
    ]);
    res.render('dashboard/index', {
      title: t('dashboard.title'),
      published: pub,
      pipeline: pipelineRows,
      recent: data.recent,
      evidence: recs.evidence,
      // Drafts and consultations are named only where this reader sees any; the public sees final ones only.
      evidenceStatus: recs.evidence.some((r) => r.status !== 'final'),
      withdrawnEvidence: recs.evidence.some((r) => r.withdrawnEvidence !== undefined),
      adoption: recs.adoption,
      adoptionStatuses: ADOPTION_STATUSES,
      charts: { heatMap, years, pipeline, evidence, adoption },
      searchHref,
      fmt: formattersFor(res.locals.locale),
    });
  });

  return router;
}
