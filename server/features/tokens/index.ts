/** The tokens feature's public surface: other features, the app and scripts import only from here. */
export { createTokensService, generateSecret, hashToken, type ApiToken, type TokensService } from './tokens.service';
