import { Router } from 'express';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import type { NetworkService } from './network.service';

export function networkRoutes(network: NetworkService, options: { can: Can }): Router {
  const router = Router();

  router.get('/network', authorize(options.can, 'public.read'), async (_req, res) => {
    const [cities, events] = await Promise.all([network.listCities(), network.listEvents()]);
    res.render('network/index', { cities, events });
  });

  return router;
}
