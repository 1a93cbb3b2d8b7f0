/** The audit feature's public surface: other features, the app and scripts import only from here. */
export { type AuditAction } from './audit.model';
export { auditRoutes } from './audit.routes';
export { createAuditService, type AuditService } from './audit.service';
