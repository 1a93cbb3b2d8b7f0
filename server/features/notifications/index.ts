/**
 * The notifications feature's public surface.
 *
 *   domain/      the table of kinds (who hears of what, where it leads, whether it may be e-mailed), input schemas
 *   persistence/ notifications and e-mail preferences in MongoDB
 *   use-cases/   the service: recording from the features' announcements, the list, preferences, e-mail
 *   http/        pages, JSON API, the header's unread count, OpenAPI
 */
export { createNotificationsService, type NotificationsService } from './use-cases/service';
export { NOTIFICATION_KINDS, type NotificationKind } from './domain/kinds';
export { notificationsPagesRoutes, unreadCountLocals } from './http/pages.routes';
export { notificationsApiRoutes } from './http/api.routes';
export { notificationsOpenApi } from './http/openapi';
