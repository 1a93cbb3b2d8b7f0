import { Router } from 'express';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import type { VocabulariesService } from './vocabularies.service';

/** The terms API clients need to write valid practices and recommendations: slugs with their labels, retired ones flagged. */
export function vocabulariesApiRoutes(vocabularies: VocabulariesService, deps: { can: Can }): Router {
  const router = Router();
  router.get('/api/vocabularies', authorize(deps.can, 'public.read'), async (_req, res) => {
    const all = await vocabularies.all({ includeRetired: true });
    const terms = (kind: keyof typeof all) => all[kind].map(({ slug, labels, retired }) => ({ slug, labels, retired }));
    res.json({ themes: terms('theme'), targetGroups: terms('target-group'), measureGroups: terms('measure-group') });
  });
  return router;
}
