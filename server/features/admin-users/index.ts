/** The admin-users feature's public surface: other features, the app and scripts import only from here. */
export { adminUsersRoutes } from './admin-users.routes';
export { createAdminUsersService } from './admin-users.service';
