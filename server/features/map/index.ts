/** The map feature's public surface: other features, the app and scripts import only from here. */
export { createMapService, type MapService } from './map.service';
export { mapRoutes } from './map.routes';
