import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Connection } from 'mongoose';
import type { Transporter } from 'nodemailer';
import { pinoHttp } from 'pino-http';
import { assetUrlFor, staticAssets } from './lib/assets';
import type { Config } from './lib/config';
import type { DatabaseEngine } from './lib/embedded/database-choice';
import { errorHandler, notFoundHandler } from './lib/error-handler';
import { localeMiddleware } from './lib/i18n';
import type { Logger } from './lib/logger';
import { viewsDir } from './lib/paths';
import type { SearchEngine } from './lib/search';
import { createHealthService, healthRoutes } from './features/health';
import { createNetworkService, networkRoutes } from './features/network';
import { createSiteService, siteRoutes } from './features/site';
import { auditRoutes, createAuditService } from './features/audit';
import { authRoutes, createAuthService, currentUser, insecureSignInGuard } from './features/auth';
import { createTokensService } from './features/tokens';
import { createUsersService } from './features/users';
import { accountOpenApi, accountRoutes, createAccountService } from './features/account';
import { adminUsersRoutes, createAdminUsersService } from './features/admin-users';
import { createEventsService, eventsRoutes } from './features/events';
import { createDashboardService, dashboardRoutes } from './features/dashboard';
import { createMapService, mapRoutes } from './features/map';
import { createExportsService, exportsOpenApi, exportsRoutes } from './features/exports';
import { csrfProtectionFor, csrfToken } from './lib/csrf';
import { createPolicy } from './lib/policy';
import { createSessionMiddleware } from './lib/session';
import { createMailer } from './lib/mailer';
import { redactRequestSecrets } from './lib/url-secrets';
import { createInvitationsService, invitationRoutes } from './features/invitations';
import { createAttachmentStore, createUploadMiddleware } from './lib/uploads';
import { appVersion, buildOpenApiDocument, openApiRoutes } from './lib/openapi';
import {
  createVocabulariesService,
  vocabulariesApiRoutes,
  vocabulariesOpenApi,
  vocabulariesRoutes,
} from './features/vocabularies';
import {
  attachmentFiles,
  createPracticesService,
  practicesApiRoutes,
  practicesOpenApi,
  practicesPagesRoutes,
  PRACTICE_MULTIPART_ROUTES,
} from './features/practices';
import {
  createRecommendationsService,
  recommendationsApiRoutes,
  recommendationsOpenApi,
  recommendationsPagesRoutes,
} from './features/recommendations';
import {
  createRecommendationSearch,
  createSearchIndexing,
  createSearchOverview,
  createSearchService,
  searchAdminRoutes,
  searchApiRoutes,
  searchOpenApi,
  searchRoutes,
} from './features/search';
import {
  createProposalsService,
  proposalRecommendations,
  proposalsApiRoutes,
  proposalsOpenApi,
  proposalsPagesRoutes,
} from './features/proposals';
import {
  adoptionApiRoutes,
  adoptionOpenApi,
  adoptionRecommendations,
  adoptionRoutes,
  adoptionRowLocals,
  createAdoptionService,
} from './features/adoption';
import { createEventBus } from './lib/domain-events';
import {
  createNotificationsService,
  notificationsApiRoutes,
  notificationsOpenApi,
  notificationsPagesRoutes,
  unreadCountLocals,
} from './features/notifications';
import {
  createImportsService,
  IMPORT_MULTIPART_ROUTES,
  importsApiRoutes,
  importsOpenApi,
  importsPagesRoutes,
} from './features/imports';
import './express-locals';

export type AppDeps = {
  config: Config;
  logger: Logger;
  db: Connection;
  search: SearchEngine;
  /** Signs session cookies; main.ts reads it from SESSION_SECRET or a generated file under DATA_DIR. */
  sessionSecret: string;
  /** Which database `db` is, for /readyz and the admin pages; main.ts knows, tests connect through a URI. */
  database?: DatabaseEngine;
  /** A ready nodemailer transporter instead of SMTP_URL: tests pass a jsonTransport to read what would be sent. */
  mailTransport?: Transporter;
  /** The current time for the rules that depend on it (how long an undo is offered); tests move it. */
  clock?: () => Date;
};

const DATABASE_FROM_URI: DatabaseEngine = Object.freeze({ kind: 'mongodb', detail: 'MONGODB_URI' });

export function createServices(deps: AppDeps) {
  const network = createNetworkService(deps.db);
  const audit = createAuditService(deps.db);
  const now = deps.clock ?? (() => new Date());
  const can = createPolicy({ publicRead: deps.config.publicRead, now });
  const events = createEventsService(deps.db, { network, can, audit });
  const users = createUsersService(deps.db, { network });
  const tokens = createTokensService(deps.db);
  const mailer = createMailer(deps.config.mail, deps.logger, deps.mailTransport);
  const vocabularies = createVocabulariesService(deps.db, { can });
  const attachmentStore = createAttachmentStore(deps.config.uploadsDir);
  // Practices and recommendations announce what happened; notifications listen (neither imports the other).
  const bus = createEventBus(deps.logger);
  const notifications = createNotificationsService(deps.db, { logger: deps.logger, users, mailer, baseUrl: deps.config.baseUrl });
  notifications.subscribe(bus);
  const practices = createPracticesService(deps.db, {
    can,
    logger: deps.logger,
    network,
    events,
    vocabularies,
    audit,
    users,
    files: attachmentFiles(attachmentStore, deps.logger),
    maxAttachments: deps.config.uploads.maxFiles,
    announce: bus,
    now,
  });
  const recommendations = createRecommendationsService(deps.db, {
    can,
    logger: deps.logger,
    vocabularies,
    audit,
    users,
    practices,
    announce: bus,
  });
  const proposals = createProposalsService(deps.db, {
    can,
    logger: deps.logger,
    audit,
    users,
    recommendations: proposalRecommendations({ recommendations, practices, vocabularies }),
  });
  const adoption = createAdoptionService(deps.db, {
    can,
    logger: deps.logger,
    users,
    network,
    recommendations: adoptionRecommendations({ recommendations, vocabularies }),
  });
  const imports = createImportsService(deps.db, { can, logger: deps.logger, audit, users, practices, network, vocabularies });
  const searchIndexing = createSearchIndexing({
    connection: deps.db,
    search: deps.search,
    source: practices.outbox,
    recommendationsSource: recommendations.outbox,
    vocabularies,
    can,
    logger: deps.logger,
  });
  const searchOverview = createSearchOverview({
    client: deps.search.searchClient,
    indexUid: deps.search.indexUid('practices'),
    logger: deps.logger,
  });
  return {
    can,
    network,
    events,
    searchOverview,
    map: createMapService({ network, overview: searchOverview, adoption }),
    exports: createExportsService({
      overview: searchOverview,
      practices,
      vocabularies,
      events,
      recommendations,
      adoption,
      baseUrl: deps.config.baseUrl,
    }),
    dashboard: createDashboardService({ overview: searchOverview, practices, network, vocabularies, recommendations, adoption, can }),
    audit,
    users,
    tokens,
    account: createAccountService({ users, tokens, audit, network }),
    adminUsers: createAdminUsersService({ users, audit, network }),
    auth: createAuthService({ users, audit }),
    mailer,
    invitations: createInvitationsService(deps.db, { users, audit, network, mailer, baseUrl: deps.config.baseUrl }),
    database: deps.database ?? DATABASE_FROM_URI,
    health: createHealthService(deps.db, deps.search, {
      backlog: () => searchIndexing.sync.status(),
      database: (deps.database ?? DATABASE_FROM_URI).kind,
    }),
    site: createSiteService({ network, events, search: deps.search, practices, vocabularies, proposals, recommendations, can }),
    vocabularies,
    attachmentStore,
    practices,
    recommendations,
    proposals,
    adoption,
    imports,
    notifications,
    searchIndexing,
    // Request-time search holds only the search-only key (searchClient), never the indexer's.
    recommendationSearch: createRecommendationSearch({
      client: deps.search.searchClient,
      indexUid: deps.search.indexUid('recommendations'),
      practicesUid: deps.search.indexUid('practices'),
      vocabularies,
      logger: deps.logger,
    }),
    search: createSearchService({
      client: deps.search.searchClient,
      indexUid: deps.search.indexUid('practices'),
      vocabularies,
      network,
      events,
      logger: deps.logger,
      queryAids: () => searchIndexing.synonyms.queryAids(),
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

  // upgrade-insecure-requests makes the browser fetch the stylesheet and post forms over https. On a page that
  // arrived over https that only guards against mixed content; on one that arrived over plain http it breaks the
  // page (nothing answers on https there), so it is only sent with pages served over https.
  const securityHeaders = (upgradeInsecureRequests: boolean) =>
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
          upgradeInsecureRequests: upgradeInsecureRequests ? [] : null,
        },
      },
      strictTransportSecurity: config.isProduction,
    });
  const overHttps = securityHeaders(config.isProduction);
  const overHttp = securityHeaders(false);
  app.use((req, res, next) => (req.secure ? overHttps : overHttp)(req, res, next));
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
  app.use(insecureSignInGuard(config));
  app.use(csrfProtectionFor([...PRACTICE_MULTIPART_ROUTES, ...IMPORT_MULTIPART_ROUTES]));
  app.use(unreadCountLocals(services.notifications));

  app.use(authRoutes(services.auth, { connection: deps.db, config }));
  app.use(siteRoutes(services.site, { secureCookies: config.isProduction, can: services.can, map: services.map }));
  app.use(networkRoutes(services.network, { can: services.can, events: services.events }));
  app.use(dashboardRoutes(services.dashboard, { can: services.can }));
  app.use(mapRoutes(services.map, { can: services.can }));
  app.use(
    eventsRoutes({
      events: services.events,
      network: services.network,
      overview: services.searchOverview,
      can: services.can,
      recommendationsCiting: (caller, practiceIds) => services.recommendations.citingAny(caller, practiceIds),
    }),
  );
  app.use(accountRoutes(services.account, { can: services.can, connection: deps.db }));
  app.use(adminUsersRoutes(services.adminUsers, { can: services.can, invitations: services.invitations }));
  app.use(auditRoutes(services.audit, { can: services.can }));
  app.use(
    invitationRoutes(services.invitations, {
      connection: deps.db,
      network: services.network,
      can: services.can,
      mailEnabled: services.mailer.enabled,
    }),
  );
  app.use(vocabulariesRoutes(services.vocabularies, { can: services.can }));
  app.use(vocabulariesApiRoutes(services.vocabularies, { can: services.can }));
  // Before the practices' own routes: /api/exports/*, /practices/:id/{print,pdf} and /recommendations/:id/print.
  app.use(
    exportsRoutes(services.exports, {
      practices: services.practices,
      recommendations: services.recommendations,
      adoption: services.adoption,
      can: services.can,
      baseUrl: config.baseUrl,
    }),
  );
  app.use(
    practicesApiRoutes(services.practices, {
      files: services.attachmentStore,
      upload: createUploadMiddleware(config.uploads),
    }),
  );
  app.use(
    practicesPagesRoutes({
      practices: services.practices,
      vocabularies: services.vocabularies,
      network: services.network,
      events: services.events,
      can: services.can,
      files: services.attachmentStore,
      upload: createUploadMiddleware(config.uploads),
      uploadLimits: config.uploads,
      similar: (id, practice) => services.search.similar(id, practice),
      citedBy: (caller, practiceId) => services.recommendations.citing(caller, practiceId),
    }),
  );
  app.use(recommendationsApiRoutes(services.recommendations));
  // The adoption row on the recommendation page is loaded first and left for its template.
  app.use(adoptionRowLocals(services.adoption));
  app.use(
    recommendationsPagesRoutes({
      recommendations: services.recommendations,
      vocabularies: services.vocabularies,
      can: services.can,
      findPractices: (q, page, hitsPerPage) => services.search.findPractices(q, page, hitsPerPage),
    }),
  );
  app.use(proposalsApiRoutes(services.proposals, { baseUrl: config.baseUrl }));
  app.use(proposalsPagesRoutes(services.proposals, { can: services.can, baseUrl: config.baseUrl }));
  app.use(adoptionApiRoutes(services.adoption));
  app.use(adoptionRoutes(services.adoption, { can: services.can, vocabularies: services.vocabularies }));
  app.use(notificationsPagesRoutes(services.notifications));
  app.use(notificationsApiRoutes(services.notifications));
  app.use(importsApiRoutes(services.imports, { can: services.can }));
  app.use(importsPagesRoutes(services.imports, { can: services.can }));
  app.use(
    searchRoutes(services.search, {
      can: services.can,
      recommendations: services.recommendationSearch,
      database: services.practices,
      vocabularies: services.vocabularies,
    }),
  );
  app.use(searchApiRoutes(services.search, { can: services.can, recommendations: services.recommendationSearch }));
  app.use(
    searchAdminRoutes(services.searchIndexing.synonyms, {
      can: services.can,
      indexStatus: () => services.searchIndexing.sync.status(),
      database: services.database,
      engineVersion: () => deps.search.version(),
    }),
  );
  // Later features add their section to this list; test/integration/openapi.test.ts keeps it complete.
  app.use(
    openApiRoutes(
      buildOpenApiDocument(
        [
          practicesOpenApi,
          recommendationsOpenApi,
          proposalsOpenApi,
          adoptionOpenApi,
          importsOpenApi,
          vocabulariesOpenApi,
          accountOpenApi,
          searchOpenApi,
          exportsOpenApi,
          notificationsOpenApi,
        ],
        { version: appVersion() },
      ),
    ),
  );

  app.use(notFoundHandler);
  app.use(errorHandler({ logger: deps.logger, showStack: !config.isProduction }));
  return app;
}
