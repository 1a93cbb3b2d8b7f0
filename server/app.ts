import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Connection } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { pinoHttp } from 'pino-http';
import { assetUrlFor, staticAssets } from './lib/assets';
import type { Config } from './lib/config';
import { errorHandler, notFoundHandler } from './lib/error-handler';
import { localeMiddleware } from './lib/i18n';
import type { Logger } from './lib/logger';
import { viewsDir } from './lib/paths';
import type { SearchEngine } from './lib/search';
import { createHealthService } from './features/health/health.service';
import { healthRoutes } from './features/health/health.routes';
import { createNetworkService } from './features/network/network.service';
import { networkRoutes } from './features/network/network.routes';
import { createSiteService } from './features/site/site.service';
import { siteRoutes } from './features/site/site.routes';
import { createAuditService } from './features/audit/audit.service';
import { createAuthService } from './features/auth/auth.service';
import { authRoutes } from './features/auth/auth.routes';
import { currentUser } from './features/auth/auth.middleware';
import { createTokensService } from './features/tokens/tokens.service';
import { createUsersService } from './features/users/users.service';
import { createAccountService } from './features/account/account.service';
import { accountRoutes } from './features/account/account.routes';
import { createAdminUsersService } from './features/admin-users/admin-users.service';
import { adminUsersRoutes } from './features/admin-users/admin-users.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { csrfProtection, csrfToken } from './lib/csrf';
import { createPolicy } from './lib/policy';
import { createSessionMiddleware } from './lib/session';
import { createMailer } from './lib/mailer';
import { redactRequestSecrets } from './lib/url-secrets';
import { createInvitationsService } from './features/invitations/invitations.service';
import { invitationRoutes } from './features/invitations/invitations.routes';
import { createAttachmentStore, createUploadMiddleware } from './lib/uploads';
import { appVersion, buildOpenApiDocument, openApiRoutes } from './lib/openapi';
import { createVocabulariesService } from './features/vocabularies/vocabularies.service';
import { vocabulariesApiRoutes } from './features/vocabularies/vocabularies.api.routes';
import { vocabulariesRoutes } from './features/vocabularies/vocabularies.routes';
import { vocabulariesOpenApi } from './features/vocabularies/vocabularies.openapi';
import { createPracticesService } from './features/practices/practices.service';
import { createSearchIndexing } from './features/search/search-indexing.service';
import { attachmentFiles } from './features/practices/practices.attachments';
import { practicesApiRoutes } from './features/practices/practices.api.routes';
import { practicesPagesRoutes } from './features/practices/practices.pages.routes';
import { practicesOpenApi } from './features/practices/practices.openapi';
import { accountOpenApi } from './features/account/account.openapi';
import { createSearchService } from './features/search/search.service';
import { searchRoutes } from './features/search/search.routes';
import { searchApiRoutes } from './features/search/search.api.routes';
import { searchAdminRoutes } from './features/search/search.admin.routes';
import { searchOpenApi } from './features/search/search.openapi';
import './lib/express-locals';

export type AppDeps = {
  config: Config;
  logger: Logger;
  db: Connection;
  search: SearchEngine;
  /** Signs session cookies; main.ts reads it from SESSION_SECRET or a generated file under DATA_DIR. */
  sessionSecret: string;
  /** A ready nodemailer transporter instead of SMTP_URL: tests pass a jsonTransport to read what would be sent. */
  mailTransport?: Transporter;
};

export function createServices(deps: AppDeps) {
  const network = createNetworkService(deps.db);
  const audit = createAuditService(deps.db);
  const users = createUsersService(deps.db, { network });
  const tokens = createTokensService(deps.db);
  const mailer = createMailer(deps.config.mail, deps.logger, deps.mailTransport);
  const can = createPolicy({ publicRead: deps.config.publicRead });
  const vocabularies = createVocabulariesService(deps.db, { can });
  const attachmentStore = createAttachmentStore(deps.config.uploadsDir);
  const practices = createPracticesService(deps.db, {
    can,
    logger: deps.logger,
    network,
    vocabularies,
    audit,
    users,
    files: attachmentFiles(attachmentStore, deps.logger),
    maxAttachments: deps.config.uploads.maxFiles,
  });
  const searchIndexing = createSearchIndexing({
    connection: deps.db,
    search: deps.search,
    source: practices,
    vocabularies,
    can,
    logger: deps.logger,
  });
  return {
    can,
    network,
    audit,
    users,
    tokens,
    account: createAccountService({ users, tokens, audit, network }),
    adminUsers: createAdminUsersService({ users, audit, network }),
    auth: createAuthService({ users, audit }),
    mailer,
    invitations: createInvitationsService(deps.db, { users, audit, network, mailer, baseUrl: deps.config.baseUrl }),
    health: createHealthService(deps.db, deps.search, () => searchIndexing.sync.status()),
    site: createSiteService({ network, search: deps.search, practices, vocabularies }),
    vocabularies,
    attachmentStore,
    practices,
    searchIndexing,
    // Request-time search holds only the search-only key (searchClient), never the indexer's.
    search: createSearchService({
      client: deps.search.searchClient,
      indexUid: deps.search.indexUid('practices'),
      vocabularies,
      network,
      logger: deps.logger,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** Builds the whole HTTP application; never listens and never connects (main.ts and the tests do that). */
export default function createApp(deps: AppDeps, services: Services = createServices(deps)): Express {
  const { config } = deps;
  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.disable('x-powered-by');

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: config.isProduction ? [] : null,
        },
      },
      strictTransportSecurity: config.isProduction,
    }),
  );
  app.use(
    pinoHttp({
      logger: deps.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      // Invitation and reset links carry their secret in the path: it must never reach a log.
      serializers: { req: redactRequestSecrets },
    }),
  );
  app.use(staticAssets());
  app.use(healthRoutes(services.health));
  app.use(cookieParser());
  app.use(localeMiddleware);
  const assetUrl = assetUrlFor();
  app.use((req, res, next) => {
    res.locals.assetUrl = assetUrl;
    res.locals.currentPath = req.originalUrl;
    res.locals.title = undefined;
    res.locals.csrfToken = () => csrfToken(req);
    res.locals.user = undefined;
    res.locals.actor = null;
    res.locals.can = () => false;
    next();
  });
  // Body parsers after the locals: a refused body still gets a fully translated error page.
  app.use(express.json({ limit: '200kb' }));
  app.use(express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 2000 }));
  app.use(createSessionMiddleware(config, deps.db, deps.sessionSecret));
  app.use(currentUser({ users: services.users, tokens: services.tokens, config, can: services.can }));
  app.use(csrfProtection);


  app.use(authRoutes(services.auth, { connection: deps.db }));
  app.use(siteRoutes(services.site, { secureCookies: config.isProduction, can: services.can }));
  app.use(networkRoutes(services.network, { can: services.can }));
  app.use(accountRoutes(services.account, { can: services.can, connection: deps.db }));
  app.use(adminUsersRoutes(services.adminUsers, { can: services.can, invitations: services.invitations }));
  app.use(auditRoutes(services.audit, { can: services.can }));
  app.use(
    invitationRoutes(services.invitations, { connection: deps.db, network: services.network, can: services.can, mailEnabled: services.mailer.enabled }),
  );
  app.use(vocabulariesRoutes(services.vocabularies, { can: services.can }));
  app.use(vocabulariesApiRoutes(services.vocabularies, { can: services.can }));
  app.use(practicesApiRoutes(services.practices, { files: services.attachmentStore, upload: createUploadMiddleware(config.uploads) }));
  app.use(
    practicesPagesRoutes({
      practices: services.practices,
      vocabularies: services.vocabularies,
      network: services.network,
      can: services.can,
      files: services.attachmentStore,
      upload: createUploadMiddleware(config.uploads),
      uploadLimits: config.uploads,
      similar: (id, practice) => services.search.similar(id, practice),
    }),
  );
  app.use(searchRoutes(services.search, { can: services.can }));
  app.use(searchApiRoutes(services.search, { can: services.can }));
  app.use(
    searchAdminRoutes(services.searchIndexing.synonyms, {
      can: services.can,
      indexStatus: () => services.searchIndexing.sync.status(),
      engineVersion: () => deps.search.version(),
    }),
  );
  // Later features add their section to this list; test/integration/openapi.test.ts keeps it complete.
  app.use(openApiRoutes(buildOpenApiDocument([practicesOpenApi, vocabulariesOpenApi, accountOpenApi, searchOpenApi], { version: appVersion() })));

  app.use(notFoundHandler);
  app.use(errorHandler({ logger: deps.logger, showStack: !config.isProduction }));
  return app;
}
