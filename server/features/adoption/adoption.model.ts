import { Schema, type Connection, type Types } from 'mongoose';
import type { Logger } from '../../lib/logger';
import { PENDING_FIELD } from '../../lib/search-outbox';
import { modelOn } from '../../lib/models';
import { createRevisionLog, createVersionedStore, mongooseDefinition, type VersionedRecord } from '../../lib/versioned';
import { ADOPTION_FIELDS, ADOPTION_STATUSES, type AdoptionContent, type AdoptionStatus } from './adoption.fields';

/**
 * A recorded cell of the tracker (recommendation × city). Cells nobody recorded have no document. `status`
 * repeats the content's status (the versioned kit keeps a record's status beside its content); both are
 * written in the same single-document write. Every write is a revision with a snapshot: the cell's history.
 */
export type AdoptionDoc = VersionedRecord<AdoptionStatus> & {
  recommendationId: Types.ObjectId;
  city: string;
  content: AdoptionContent;
  /** Set by imports (the demo seed): such a cell is an illustration, not a city's statement. */
  importKey?: string | undefined;
};

export const REVISION_KINDS = ['create', 'edit'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export type AdoptionSnapshot = AdoptionContent;

const contentSchema = new Schema<AdoptionContent>(mongooseDefinition(ADOPTION_FIELDS), { _id: false });

const adoptionSchema = new Schema<AdoptionDoc>(
  {
    recommendationId: { type: Schema.Types.ObjectId, required: true },
    city: { type: String, required: true, maxlength: 80 },
    content: { type: contentSchema, required: true },
    status: { type: String, required: true, enum: ADOPTION_STATUSES },
    revision: { type: Number, required: true, default: 1, min: 1 },
    indexedRevision: { type: Number, default: 0 },
    ...PENDING_FIELD,
    createdBy: { type: Schema.Types.ObjectId, required: true },
    updatedBy: { type: Schema.Types.ObjectId, required: true },
    importKey: { type: String, maxlength: 200 },
  },
  { timestamps: true, collection: 'adoption' },
);
// One cell per recommendation and city: two first records at once make one of them a conflict.
adoptionSchema.index({ recommendationId: 1, city: 1 }, { unique: true });
adoptionSchema.index({ importKey: 1 }, { unique: true, sparse: true });

type UserNames = { findById(id: string): Promise<{ id: string; name: string } | null | undefined> };

export const snapshotOf = (doc: Pick<AdoptionDoc, 'content'>): AdoptionSnapshot => ({
  status: doc.content.status,
  ...(doc.content.reason ? { reason: doc.content.reason } : {}),
  document: { ...doc.content.document },
  ...(doc.content.note ? { note: doc.content.note } : {}),
});

export function adoptionModels(connection: Connection, deps: { users: UserNames; logger: Logger }) {
  const Adoption = modelOn(connection, 'Adoption', adoptionSchema);
  const history = createRevisionLog<AdoptionSnapshot, AdoptionStatus, RevisionKind>(connection, {
    model: 'AdoptionRevision',
    collection: 'adoption_history',
    recordKey: 'adoptionId',
    kinds: REVISION_KINDS,
    statuses: ADOPTION_STATUSES,
    diffTable: ADOPTION_FIELDS,
    users: deps.users,
    logger: deps.logger,
  });
  const store = createVersionedStore<AdoptionDoc, AdoptionStatus, RevisionKind, AdoptionSnapshot>(Adoption, {
    log: history,
    snapshotOf,
    createKind: 'create',
  });
  return { Adoption, history, store };
}

export type AdoptionModels = ReturnType<typeof adoptionModels>;
