/** The invitations feature's public surface: other features, the app and scripts import only from here. */
export { invitationRoutes } from './invitations.routes';
export { createInvitationsService, type InvitationsService } from './invitations.service';
