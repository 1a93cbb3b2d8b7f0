import { Router } from 'express';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { eventCard, type EventsService } from '../events';
import type { NetworkService } from './network.service';

export function networkRoutes(network: NetworkService, options: { can: Can; events: EventsService }): Router {
  const router = Router();

  router.get('/network', authorize(options.can, 'public.read'), async (_req, res) => {
    const [cities, events] = await Promise.all([network.listCities(), options.events.list()]);
    res.render('network/index', { cities, events: events.map((event) => eventCard(event, res.locals.locale)) });
  });

  return router;
}
