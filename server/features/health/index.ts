/** The health feature's public surface: other features, the app and scripts import only from here. */
export { healthRoutes } from './health.routes';
export { createHealthService } from './health.service';
