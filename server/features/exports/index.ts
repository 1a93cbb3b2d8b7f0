/** The exports feature's public surface: other features, the app and scripts import only from here. */
export { createExportsService } from './exports.service';
export { exportsRoutes } from './exports.routes';
export { exportsOpenApi } from './exports.openapi';
