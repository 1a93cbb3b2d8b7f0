import type { MultipartRoute } from '../../../lib/csrf';

/** The practices' routes that take files: the only ones here that read a multipart body (with Multer). */
export const PRACTICE_MULTIPART_PATHS = {
  create: '/practices',
  attach: '/practices/:id/attachments',
  apiCreate: '/api/practices',
  apiAttach: '/api/practices/:id/attachments',
} as const;

export const PRACTICE_MULTIPART_ROUTES: readonly MultipartRoute[] = Object.values(PRACTICE_MULTIPART_PATHS).map(
  (path) => ({ method: 'POST', path }),
);
