import { z } from 'zod';
import { errorResponse, jsonResponse, jsonSchemaOf, pathParameter, queryParameters, ref, type OpenApiSection } from '../../../lib/openapi';
import { KIND_NAMES } from '../domain/kinds';
import { listInput } from '../domain/input';

const TAG = 'Notifications';
const date = z.iso.datetime();

export const notificationOutput = z.object({
  id: z.string(),
  kind: z.enum(KIND_NAMES),
  messageKey: z.string().describe('The catalogue key of the message; `subject.title` and `actor` fill in {title} and {actor}.'),
  subject: z.object({ type: z.enum(['practice', 'recommendation']), id: z.string(), title: z.string().describe('The title when it happened.') }),
  actor: z.string().describe('Who did it.'),
  link: z.string().describe('Where the subject is, relative to the site.'),
  at: date,
  read: z.boolean(),
  readAt: date.optional(),
});

const pageOutput = z.object({
  items: z.array(notificationOutput).describe('Newest first.'),
  total: z.number().int(),
  unread: z.number().int().describe('Unread notifications in all.'),
  page: z.number().int(),
  perPage: z.number().int(),
  pages: z.number().int(),
});

const errors = {
  400: errorResponse('Invalid query.'),
  401: errorResponse('Sign in (or send a token) first.'),
  404: errorResponse('No such notification of yours.'),
};

export const notificationsOpenApi: OpenApiSection = {
  tags: [{ name: TAG, description: 'The signed-in person’s own notifications: what needs them, newest first.' }],
  schemas: {
    Notification: jsonSchemaOf(notificationOutput, 'output'),
    NotificationPage: jsonSchemaOf(pageOutput, 'output'),
  },
  paths: {
    '/api/notifications': {
      get: {
        operationId: 'listNotifications',
        summary: 'The caller’s notifications, newest first (`unread=true` for the unread ones only).',
        tags: [TAG],
        'x-policy': 'signed in; one’s own only',
        parameters: queryParameters(listInput),
        responses: { 200: jsonResponse('A page of notifications.', ref('NotificationPage')), 400: errors[400], 401: errors[401] },
      },
    },
    '/api/notifications/read-all': {
      post: {
        operationId: 'markAllNotificationsRead',
        summary: 'Marks every unread notification of the caller read.',
        tags: [TAG],
        'x-policy': 'signed in; one’s own only',
        responses: {
          200: jsonResponse('How many were marked.', { type: 'object', properties: { marked: { type: 'integer' } }, required: ['marked'] }),
          401: errors[401],
        },
      },
    },
    '/api/notifications/{id}/read': {
      post: {
        operationId: 'markNotificationRead',
        summary: 'Marks one notification read; another person’s, or a made-up id, is a 404.',
        tags: [TAG],
        'x-policy': 'signed in; one’s own only',
        parameters: [pathParameter('id', 'The notification id (24 hex digits).')],
        responses: { 200: jsonResponse('The notification, now read.', ref('Notification')), 401: errors[401], 404: errors[404] },
      },
    },
  },
};
