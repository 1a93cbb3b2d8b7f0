/** The auth feature's public surface: other features, the app and scripts import only from here. */
export { authorize, currentUser, deny } from './auth.middleware';
export { authRoutes } from './auth.routes';
export { createAuthService } from './auth.service';
export { insecureSignInGuard } from './auth.transport';
