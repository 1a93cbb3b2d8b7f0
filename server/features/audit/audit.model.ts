import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';

export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
  'auth.password-changed',
  'auth.password-reset-requested',
  'auth.password-reset',
  'users.invited',
  'users.invitation-accepted',
  'users.created',
  'users.role-changed',
  'users.deactivated',
  'users.reactivated',
  'tokens.created',
  'tokens.revoked',
  'practice.published',
  'practice.rejected',
  'practice.archived',
  'practice.changes-requested',
  'practice.purged',
  'practices.imported',
  'recommendation.consultation-opened',
  'recommendation.finalised',
  'recommendation.withdrawn',
  'proposals.edition-published',
  'event.created',
  'event.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEventDoc = {
  _id: Types.ObjectId;
  at: Date;
  action: AuditAction;
  actorId?: Types.ObjectId;
  actorEmail?: string;
  targetType?: string;
  targetId?: string;
  targetLabel?: string;
  ip?: string;
  details?: Record<string, unknown>;
};

const auditSchema = new Schema<AuditEventDoc>({
  at: { type: Date, required: true, default: () => new Date() },
  action: { type: String, required: true, enum: AUDIT_ACTIONS },
  actorId: { type: Schema.Types.ObjectId },
  actorEmail: { type: String },
  targetType: { type: String },
  targetId: { type: String },
  targetLabel: { type: String },
  ip: { type: String },
  details: { type: Schema.Types.Mixed },
});
auditSchema.index({ at: -1 });
auditSchema.index({ action: 1, at: -1 });

export function auditModels(connection: Connection) {
  return { AuditEvent: modelOn(connection, 'AuditEvent', auditSchema) };
}
