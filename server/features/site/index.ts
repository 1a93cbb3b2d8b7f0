/** The site feature's public surface: other features, the app and scripts import only from here. */
export { siteRoutes } from './site.routes';
export { createSiteService } from './site.service';
