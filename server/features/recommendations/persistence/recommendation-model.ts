import { Schema, type Connection, type Types } from 'mongoose';
import type { Logger } from '../../../lib/logger';
import { PENDING_FIELD, PENDING_INDEX } from '../../../lib/search-outbox';
import { modelOn } from '../../../lib/models';
import { RECOMMENDATION_STATUSES, type RecommendationReach, type RecommendationStatus } from '../../../lib/policy';
import { createCommentThread, createRevisionLog, mongooseDefinition, snapshotContent, type VersionedRecord } from '../../../lib/versioned';
import { RECOMMENDATION_FIELDS, type RecommendationContent } from '../domain/recommendation-fields';

/**
 * A recommendation has one copy of its content: only the curators write it, so there is no separate
 * published copy. Who may read it follows its status (and, once withdrawn, the furthest status it reached).
 */
export type RecommendationDoc = VersionedRecord<RecommendationStatus> & {
  content: RecommendationContent;
  reached: RecommendationReach;
  deleted: boolean;
  deletedAt?: Date | undefined;
  deletedBy?: Types.ObjectId | undefined;
  consultationOpenedAt?: Date | undefined;
  finalisedAt?: Date | undefined;
  firstFinalisedAt?: Date | undefined;
  withdrawnAt?: Date | undefined;
  /** The reason given when it was withdrawn (also in the thread). */
  withdrawnReason?: string | undefined;
  /** Set by imports (a demo seed) so running them again finds the recommendation instead of duplicating it. */
  importKey?: string | undefined;
};

export const REVISION_KINDS = ['create', 'edit', 'status', 'evidence', 'restore', 'delete', 'undelete'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** Members' consultation comments, the curators' answers, and the reasons for withdrawing. */
export const COMMENT_KINDS = ['comment', 'answer', 'withdrawn'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
export const COMMENT_MARKS = ['taken-into-account'] as const;
export type CommentMark = (typeof COMMENT_MARKS)[number];

/** A revision's snapshot: the whole content, evidence included (what an edition freezes). */
export type RecommendationSnapshot = RecommendationContent;

export const snapshotOf = (doc: Pick<RecommendationDoc, 'content'>): RecommendationSnapshot =>
  snapshotContent(RECOMMENDATION_FIELDS, doc.content) as RecommendationSnapshot;

const contentSchema = new Schema<RecommendationContent>(mongooseDefinition(RECOMMENDATION_FIELDS), { _id: false });

const recommendationSchema = new Schema<RecommendationDoc>(
  {
    content: { type: contentSchema, required: true },
    status: { type: String, required: true, enum: RECOMMENDATION_STATUSES },
    reached: { type: String, required: true, enum: ['draft', 'consultation', 'final'], default: 'draft' },
    revision: { type: Number, required: true, default: 1, min: 1 },
    indexedRevision: { type: Number, default: 0 },
    ...PENDING_FIELD,
    deleted: { type: Boolean, default: false },
    deletedAt: { type: Date },
    deletedBy: { type: Schema.Types.ObjectId },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    updatedBy: { type: Schema.Types.ObjectId, required: true },
    consultationOpenedAt: { type: Date },
    finalisedAt: { type: Date },
    firstFinalisedAt: { type: Date },
    withdrawnAt: { type: Date },
    withdrawnReason: { type: String, maxlength: 5000 },
    importKey: { type: String, maxlength: 200 },
  },
  { timestamps: true, collection: 'recommendations' },
);
recommendationSchema.index(...PENDING_INDEX);
recommendationSchema.index({ importKey: 1 }, { unique: true, sparse: true });
recommendationSchema.index({ deleted: 1, status: 1, updatedAt: -1 });
recommendationSchema.index({ 'content.evidence.practiceId': 1 });

type UserNames = { findById(id: string): Promise<{ id: string; name: string } | null | undefined> };

/** The recommendations collection, its history and its consultation thread. */
export function recommendationsModels(connection: Connection, deps: { users: UserNames; logger: Logger }) {
  return {
    Recommendation: modelOn(connection, 'Recommendation', recommendationSchema),
    revisions: createRevisionLog<RecommendationSnapshot, RecommendationStatus, RevisionKind>(connection, {
      model: 'RecommendationRevision',
      collection: 'recommendation_revisions',
      recordKey: 'recommendationId',
      kinds: REVISION_KINDS,
      statuses: RECOMMENDATION_STATUSES,
      diffTable: RECOMMENDATION_FIELDS,
      users: deps.users,
      logger: deps.logger,
    }),
    thread: createCommentThread<CommentKind, CommentMark>(connection, {
      model: 'RecommendationComment',
      collection: 'recommendation_comments',
      recordKey: 'recommendationId',
      kinds: COMMENT_KINDS,
      marks: COMMENT_MARKS,
    }),
  };
}

export type RecommendationsModels = ReturnType<typeof recommendationsModels>;
