import { Router, type Response } from 'express';
import { z } from 'zod';
import type { FieldErrors } from '../../lib/errors';
import { parseForm } from '../../lib/forms';
import type { Can } from '../../lib/policy';
import { validate } from '../../lib/validate';
import { authorize } from '../auth/auth.middleware';
import type { SynonymsService } from './search-synonyms.service';
import { synonymGroupForm } from './search.schema';

/** What the indexing side reports on the admin page (pending practices and the oldest one's age). */
export type IndexStatus = Record<string, unknown>;

type Deps = {
  can: Can;
  /** The indexing status for the page's status section; absent until the indexing side provides it. */
  indexStatus?: (() => Promise<IndexStatus | undefined>) | undefined;
  /** The search engine's version, for administrators; absent or failing when the engine is not reachable. */
  engineVersion?: (() => Promise<string>) | undefined;
};

const NOTICES = ['added', 'removed'] as const;
const adminQuery = z.object({ notice: z.enum(NOTICES).optional() });

/** `/admin/search`: the coordinator's synonym groups (base and their own). Policy: 'search.manage'. */
export function searchAdminRoutes(
  synonyms: Pick<SynonymsService, 'listGroups' | 'addGroup' | 'removeGroup'>,
  deps: Deps,
): Router {
  const router = Router();
  const guard = authorize(deps.can, 'search.manage');

  async function render(
    res: Response,
    status: number,
    view: { notice?: string | undefined; errors?: FieldErrors; values?: Record<string, unknown> },
  ) {
    const [groups, indexStatus, engineVersion] = await Promise.all([
      synonyms.listGroups(),
      deps.indexStatus?.().catch(() => undefined),
      deps.engineVersion?.().catch(() => undefined),
    ]);
    res.status(status).render('search/admin', {
      title: res.locals.t('search.admin.title'),
      base: groups.filter((g) => g.source === 'base'),
      custom: groups.filter((g) => g.source === 'custom'),
      indexStatus,
      engineVersion,
      notice: undefined,
      errors: {},
      values: {},
      ...view,
    });
  }

  router.get('/admin/search', guard, validate('query', adminQuery), async (_req, res) => {
    const { notice } = res.locals.query as z.infer<typeof adminQuery>;
    await render(res, 200, { notice });
  });

  router.post('/admin/search/synonyms', guard, async (req, res) => {
    const form = parseForm(synonymGroupForm, req.body);
    if (!form.ok) return render(res, 422, { errors: form.errors, values: form.values });
    await synonyms.addGroup(res.locals.actor, form.data.terms);
    res.redirect(303, '/admin/search?notice=added');
  });

  router.post('/admin/search/synonyms/:id/delete', guard, async (req, res) => {
    await synonyms.removeGroup(res.locals.actor, String(req.params.id));
    res.redirect(303, '/admin/search?notice=removed');
  });

  return router;
}
