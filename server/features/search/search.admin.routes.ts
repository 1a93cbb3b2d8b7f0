import { Router, type Response } from 'express';
import { z } from 'zod';
import type { DatabaseEngine } from '../../lib/embedded/database-choice';
import type { FieldErrors } from '../../lib/errors';
import { parseForm, parseInput } from '../../lib/validate';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import type { SynonymsService } from './search-synonyms.service';
import { synonymGroupForm } from './search.schema';

/** What the indexing side reports on the admin page (pending practices and the oldest one's age). */
export type IndexStatus = Record<string, unknown>;

type Deps = {
  can: Can;
  /** The indexing status for the page's status section; absent until the indexing side provides it. */
  indexStatus?: (() => Promise<IndexStatus | undefined>) | undefined;
  /** Which database the app runs on: the bundled store is named so nobody mistakes it for production. */
  database: DatabaseEngine;
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
      database: {
        kind: deps.database.kind,
        // A MONGODB_URI may carry credentials: only the folders of engines the app started are shown.
        folder: deps.database.kind === 'mongodb' ? undefined : deps.database.detail,
      },
      engineVersion,
      notice: undefined,
      errors: {},
      values: {},
      ...view,
    });
  }

  router.get('/admin/search', guard, async (req, res) => {
    const { notice } = parseInput(adminQuery, req.query);
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
