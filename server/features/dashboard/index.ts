/** The dashboard feature's public surface: other features, the app and scripts import only from here. */
export { createDashboardService } from './dashboard.service';
export { dashboardRoutes } from './dashboard.routes';
