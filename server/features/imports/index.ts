/**
 * The imports feature's public surface: bulk import of practices from CSV or JSON.
 *
 *   domain/      the columns (derived from the practices' field table) and reading a file
 *   persistence/ the job and its rows (the only code that touches their collections)
 *   use-cases/   the service (upload, dry run, start) and the background runner
 *   http/        JSON API, pages and the OpenAPI section
 */
export { createImportsService, type ImportsService } from './use-cases/service';
export { importsApiRoutes } from './http/api.routes';
export { importsPagesRoutes } from './http/pages.routes';
export { IMPORT_MULTIPART_ROUTES } from './http/multipart-routes';
export { importsOpenApi } from './http/openapi';
