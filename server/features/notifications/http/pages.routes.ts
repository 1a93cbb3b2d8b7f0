import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { parseInput } from '../../../lib/validate';
import { paramOf } from '../../../lib/api-body';
import type { NotificationsService } from '../use-cases/service';

const NOTICES = ['all-read', 'saved'] as const;
const noticeQuery = z.object({ notice: z.enum(NOTICES).optional() });

/**
 * The header's unread count: one indexed count per page for a signed-in reader, none for visitors, API
 * calls or anything but a page request.
 */
export function unreadCountLocals(notifications: NotificationsService): RequestHandler {
  return async (req, res, next) => {
    res.locals.unreadNotifications = 0;
    if (res.locals.user && req.method === 'GET' && !req.path.startsWith('/api/')) {
      res.locals.unreadNotifications = await notifications.unreadCount(res.locals.user);
    }
    next();
  };
}

/** The notifications list, opening one, "mark all read", and the e-mail preferences in the account settings. */
export function notificationsPagesRoutes(notifications: NotificationsService): Router {
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const { notice, ...query } = req.query;
    const { notice: shown } = parseInput(noticeQuery, { notice });
    const page = await notifications.list(res.locals.user, query);
    res.render('notifications/index', {
      title: res.locals.t('notifications.title'),
      page,
      notice: shown,
      pageHref: (n: number) => (n > 1 ? `/notifications?page=${n}` : '/notifications'),
    });
  });

  router.post('/notifications/read-all', async (_req, res) => {
    await notifications.markAllRead(res.locals.user);
    res.redirect(303, '/notifications?notice=all-read');
  });

  // Opening marks it read and goes on to what it is about (links in e-mails lead to the subject itself).
  router.get('/notifications/:id', async (req, res) => {
    const opened = await notifications.open(res.locals.user, paramOf(req, 'id'));
    res.redirect(303, opened.link);
  });

  router.get('/account/notifications', async (req, res) => {
    const { notice } = parseInput(noticeQuery, req.query);
    const preferences = await notifications.preferences(res.locals.user, res.locals.locale);
    res.render('notifications/preferences', {
      title: res.locals.t('notifications.preferences.title'),
      preferences,
      notice,
    });
  });

  router.post('/account/notifications', async (req, res) => {
    await notifications.savePreferences(res.locals.user, req.body);
    res.redirect(303, '/account/notifications?notice=saved');
  });

  return router;
}
