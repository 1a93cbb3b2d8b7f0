import { Router } from 'express';
import { paramOf } from '../../../lib/api-body';
import type { NotificationsService } from '../use-cases/service';

/** The notifications JSON API: the caller's own notifications only. */
export function notificationsApiRoutes(notifications: NotificationsService): Router {
  const router = Router();

  router.get('/api/notifications', async (req, res) => {
    res.json(await notifications.list(res.locals.user, req.query));
  });

  router.post('/api/notifications/read-all', async (_req, res) => {
    res.json({ marked: await notifications.markAllRead(res.locals.user) });
  });

  router.post('/api/notifications/:id/read', async (req, res) => {
    res.json(await notifications.open(res.locals.user, paramOf(req, 'id')));
  });

  return router;
}
