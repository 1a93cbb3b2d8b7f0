import { Router } from 'express';
import type { NetworkService } from './network.service';

export function networkRoutes(network: NetworkService): Router {
  const router = Router();

  router.get('/network', async (_req, res) => {
    const [cities, events] = await Promise.all([network.listCities(), network.listEvents()]);
    res.render('network/index', { cities, events });
  });

  return router;
}
