/** The users feature's public surface: other features, the app and scripts import only from here. */
export { MIN_PASSWORD_LENGTH, createUsersService, normaliseEmail, toActor, type User, type UsersService } from './users.service';
