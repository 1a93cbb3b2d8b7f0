import { Router } from 'express';
import type { FieldErrors } from '../../lib/errors';
import { parseForm } from '../../lib/validate';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { AUDIT_ACTIONS } from './audit.model';
import type { AuditEvent, AuditService } from './audit.service';
import { AUDIT_PER_PAGE, auditQuery, dayEnd, dayStart, type AuditQuery } from './audit.schema';

const FILTER_KEYS = ['action', 'actor', 'from', 'to'] as const;

/** Page links carry the filters as the person gave them, so paging never drops a filter. */
function pageHrefFor(query: AuditQuery): (page: number) => string {
  const base = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) base.set(key, value);
  }
  return (page) => {
    const params = new URLSearchParams(base);
    params.set('page', String(page));
    return `/admin/audit?${params.toString()}`;
  };
}

export function auditRoutes(audit: AuditService, deps: { can: Can }): Router {
  const router = Router();

  router.get('/admin/audit', authorize(deps.can, 'audit.view'), async (req, res) => {
    const view = { title: res.locals.t('audit.title'), actions: AUDIT_ACTIONS, perPage: AUDIT_PER_PAGE };
    const parsed = parseForm(auditQuery, req.query);
    if (!parsed.ok) {
      const empty = { events: [] as AuditEvent[], total: 0, page: 1, pages: 0, pageHref: () => '' };
      return res.status(422).render('audit/index', {
        ...view,
        ...empty,
        values: parsed.values,
        errors: parsed.errors satisfies FieldErrors,
      });
    }
    const query = parsed.data;
    const { events, total } = await audit.list({
      action: query.action,
      actor: query.actor,
      from: query.from ? dayStart(query.from) : undefined,
      to: query.to ? dayEnd(query.to) : undefined,
      page: query.page,
      perPage: AUDIT_PER_PAGE,
    });
    res.render('audit/index', {
      ...view,
      events,
      total,
      page: query.page,
      pages: Math.ceil(total / AUDIT_PER_PAGE),
      pageHref: pageHrefFor(query),
      values: query,
      errors: {},
    });
  });

  return router;
}
