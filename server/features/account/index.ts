/** The account feature's public surface: other features, the app and scripts import only from here. */
export { accountOpenApi } from './account.openapi';
export { accountRoutes } from './account.routes';
export { createAccountService } from './account.service';
