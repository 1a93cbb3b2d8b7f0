import { Types, trusted, type Connection } from 'mongoose';
import { auditModels, type AuditAction, type AuditEventDoc } from './audit.model';

export type AuditEntry = {
  action: AuditAction;
  actor?: { id: string; email: string } | undefined;
  target?: { type: string; id: string; label?: string | undefined } | undefined;
  ip?: string | undefined;
  details?: Record<string, unknown> | undefined;
};

export type AuditEvent = Readonly<{
  id: string;
  at: Date;
  action: AuditAction;
  actorEmail: string | undefined;
  targetType: string | undefined;
  targetId: string | undefined;
  targetLabel: string | undefined;
  ip: string | undefined;
  details: Record<string, unknown> | undefined;
}>;

export type AuditFilter = {
  action?: AuditAction | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  perPage: number;
};

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(connection: Connection) {
  const { AuditEvent } = auditModels(connection);

  return {
    async record(entry: AuditEntry): Promise<void> {
      await AuditEvent.create({
        at: new Date(),
        action: entry.action,
        actorId: entry.actor ? new Types.ObjectId(entry.actor.id) : undefined,
        actorEmail: entry.actor?.email,
        targetType: entry.target?.type,
        targetId: entry.target?.id,
        targetLabel: entry.target?.label,
        ip: entry.ip,
        details: entry.details,
      });
    },

    async list(filter: AuditFilter): Promise<{ events: AuditEvent[]; total: number }> {
      const query: Record<string, unknown> = {};
      if (filter.action) query.action = filter.action;
      if (filter.actor) query.actorEmail = filter.actor.trim().toLowerCase();
      if (filter.from || filter.to) {
        // Our own operators: sanitizeFilter would neutralise them unless marked as trusted.
        query.at = trusted({
          ...(filter.from ? { $gte: filter.from } : {}),
          ...(filter.to ? { $lte: filter.to } : {}),
        });
      }
      const [docs, total] = await Promise.all([
        AuditEvent.find(query)
          .sort({ at: -1, _id: -1 })
          .skip((filter.page - 1) * filter.perPage)
          .limit(filter.perPage)
          .lean<AuditEventDoc[]>(),
        AuditEvent.countDocuments(query),
      ]);
      return {
        total,
        events: docs.map((d) => ({
          id: d._id.toHexString(),
          at: d.at,
          action: d.action,
          actorEmail: d.actorEmail,
          targetType: d.targetType,
          targetId: d.targetId,
          targetLabel: d.targetLabel,
          ip: d.ip,
          details: d.details,
        })),
      };
    },
  };
}
