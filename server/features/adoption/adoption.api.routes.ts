import { Router, type Request } from 'express';
import type { AdoptionService } from './adoption.service';

const param = (req: Request, name: string) => String(req.params[name] ?? '');

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
    const body = req.body as Record<string, unknown> | undefined;
    // The CSRF token a browser client may send in the body is transport, not part of the cell.
    const { _csrf: _token, ...cell } = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
    res.json(await adoption.record(res.locals.user, param(req, 'recommendationId'), param(req, 'city'), cell));
  });

  return router;
}
