import { Schema, type Connection, type Types } from 'mongoose';
import type { Logger } from '../../../lib/logger';
import { PENDING_FIELD } from '../../../lib/search-outbox';
import { modelOn } from '../../../lib/models';
import {
  createRevisionLog,
  createVersionedStore,
  mongooseDefinition,
  type VersionedRecord,
} from '../../../lib/versioned';
import type { GroupLabels, Reference } from '../domain/edition-document';
import { EDITION_FIELDS, EDITION_STATUSES, type EditionContent, type EditionStatus } from '../domain/edition-fields';

/** What publishing froze: the revision of each recommendation, and the group labels and practice facts of the day. */
export type Frozen = {
  items: { recommendationId: string; revision: number }[];
  groups: GroupLabels[];
  references: Reference[];
};

/**
 * An edition of the proposals document. A draft is the coordinator's working copy (title, introduction,
 * the chosen recommendations in order); publishing gives it the next number and freezes what it contains.
 */
export type EditionDoc = VersionedRecord<EditionStatus> & {
  content: EditionContent;
  number?: number | undefined;
  publishedAt?: Date | undefined;
  publishedBy?: Types.ObjectId | undefined;
  frozen?: Frozen | undefined;
  deleted: boolean;
  deletedAt?: Date | undefined;
  /** Set by imports (the demo seed), so running it again finds the edition instead of adding one. */
  importKey?: string | undefined;
};

export const REVISION_KINDS = ['create', 'edit', 'publish', 'delete'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];
export type EditionSnapshot = EditionContent;

const contentSchema = new Schema<EditionContent>(mongooseDefinition(EDITION_FIELDS), { _id: false });

const frozenSchema = new Schema<Frozen>(
  {
    items: {
      type: [
        {
          _id: false,
          recommendationId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
          revision: { type: Number, required: true, min: 1 },
        },
      ],
      default: [],
    },
    groups: {
      type: [
        { _id: false, slug: { type: String, required: true }, labels: { type: Schema.Types.Mixed, required: true } },
      ],
      default: [],
    },
    // Practice facts as they were: kept whole, never queried.
    references: { type: Schema.Types.Mixed, default: () => [] },
  },
  { _id: false },
);

const editionSchema = new Schema<EditionDoc>(
  {
    content: { type: contentSchema, required: true },
    status: { type: String, required: true, enum: EDITION_STATUSES },
    number: { type: Number, min: 1 },
    publishedAt: { type: Date },
    publishedBy: { type: Schema.Types.ObjectId },
    frozen: { type: frozenSchema },
    deleted: { type: Boolean, default: false },
    deletedAt: { type: Date },
    revision: { type: Number, required: true, default: 1, min: 1 },
    indexedRevision: { type: Number, default: 0 },
    ...PENDING_FIELD,
    createdBy: { type: Schema.Types.ObjectId, required: true },
    updatedBy: { type: Schema.Types.ObjectId, required: true },
    importKey: { type: String, maxlength: 200 },
  },
  { timestamps: true, collection: 'proposal_editions' },
);
// Two publications at once cannot take the same number: the second one retries with the next.
editionSchema.index({ number: 1 }, { unique: true, sparse: true });
editionSchema.index({ importKey: 1 }, { unique: true, sparse: true });
editionSchema.index({ deleted: 1, status: 1, number: -1 });

export const snapshotOf = (doc: Pick<EditionDoc, 'content'>): EditionSnapshot => ({
  title: doc.content.title,
  introduction: doc.content.introduction,
  recommendations: [...doc.content.recommendations],
});

type UserNames = { findById(id: string): Promise<{ id: string; name: string } | null | undefined> };

export function editionModels(connection: Connection, deps: { users: UserNames; logger: Logger }) {
  const Edition = modelOn(connection, 'ProposalEdition', editionSchema);
  const revisions = createRevisionLog<EditionSnapshot, EditionStatus, RevisionKind>(connection, {
    model: 'ProposalEditionRevision',
    collection: 'proposal_edition_revisions',
    recordKey: 'editionId',
    kinds: REVISION_KINDS,
    statuses: EDITION_STATUSES,
    diffTable: EDITION_FIELDS,
    users: deps.users,
    logger: deps.logger,
  });
  const store = createVersionedStore<EditionDoc, EditionStatus, RevisionKind, EditionSnapshot>(Edition, {
    log: revisions,
    snapshotOf,
    createKind: 'create',
  });
  return { Edition, revisions, store };
}

export type EditionModels = ReturnType<typeof editionModels>;
