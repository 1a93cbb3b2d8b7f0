import { Router } from 'express';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { formattersFor } from '../practices';
import type { MapService } from './map.service';

/** The partner cities on a map of Europe. Policy: 'public.read'. */
export function mapRoutes(map: MapService, deps: { can: Can }): Router {
  const router = Router();

  router.get('/map', authorize(deps.can, 'public.read'), async (_req, res) => {
    const cities = await map.cities(res.locals.user);
    res.render('map/index', {
      title: res.locals.t('map.title'),
      cities,
      countsKnown: cities.every((c) => c.practices !== undefined),
      svg: map.svg(cities, 'full', res.locals.t),
      fmt: formattersFor(res.locals.locale),
    });
  });

  return router;
}
