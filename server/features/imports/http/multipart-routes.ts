import type { MultipartRoute } from '../../../lib/csrf';

/** The imports' routes that take a spreadsheet: the only ones here that read a multipart body (with Multer). */
export const IMPORT_MULTIPART_PATHS = { page: '/imports', api: '/api/imports' } as const;

export const IMPORT_MULTIPART_ROUTES: readonly MultipartRoute[] = Object.values(IMPORT_MULTIPART_PATHS).map((path) => ({
  method: 'POST',
  path,
}));
