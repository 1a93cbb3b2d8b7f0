/** The network feature's public surface: other features, the app and scripts import only from here. */
export { NETWORK_CITIES } from './network.data';
export { networkRoutes } from './network.routes';
export { createNetworkService, type City, type NetworkService } from './network.service';
