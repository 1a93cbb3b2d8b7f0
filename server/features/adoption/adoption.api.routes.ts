import { Router } from 'express';
import { bodyOf, paramOf as param, translateFieldMessages } from '../../lib/api-body';
import type { AdoptionService } from './adoption.service';

/** The adoption tracker's JSON API. Thin: the service checks the policy and the input. */
export function adoptionApiRoutes(adoption: AdoptionService): Router {
  const router = Router();

  router.get('/api/adoption', async (_req, res) => {
    res.json(await adoption.matrix(res.locals.user));
  });

  router.get('/api/adoption/:recommendationId', async (req, res) => {
    res.json(await adoption.row(res.locals.user, param(req, 'recommendationId')));
  });

  router.get('/api/adoption/:recommendationId/:city', async (req, res) => {
    res.json(await adoption.cell(res.locals.user, param(req, 'recommendationId'), param(req, 'city')));
  });

  router.put('/api/adoption/:recommendationId/:city', async (req, res) => {
    res.json(await adoption.record(res.locals.user, param(req, 'recommendationId'), param(req, 'city'), bodyOf(req)));
  });

  router.use(translateFieldMessages);
  return router;
}
