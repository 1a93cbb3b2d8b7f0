import { attachmentUndoDeadline, undeleteDeadline, type Actor, type Can, type PracticeStatus } from '../../../lib/policy';
import { presentContent, renderTexts, type FieldTable } from '../../../lib/versioned';
import type { PracticeDoc } from '../persistence/practice-model';
import { removalResourceOf, resourceOf } from '../domain/access';
import {
  PLACE_FIELDS,
  PRACTICE_FIELDS,
  type Attachment,
  type AttachmentInfo,
  type PracticeContent,
} from '../domain/practice-fields';
import type { PracticeLanguage } from '../domain/reference-lists';

export { actorOf, resourceOf, type Caller } from '../domain/access';

/** The Markdown and plain texts as sanitised HTML, safe to print unescaped (`<%- %>`). */
export type RenderedHtml = Record<
  'summary' | 'summaryEn' | 'stakeholders' | 'description' | 'results' | 'transferability' | 'lessons',
  string
>;

/** A client's copy of the content: the field table's fields only, attachments as links, the e-mail only for members. */
export type ContentJson = Omit<PracticeContent, 'attachments' | 'contact'> & {
  contact: Omit<PracticeContent['contact'], 'email'> & { email?: string | undefined };
  attachments: AttachmentInfo[];
  html: RenderedHtml;
};

export type PracticeJson = {
  id: string;
  city: string;
  cityName: string;
  country: string;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | undefined;
  firstPublishedAt: Date | undefined;
  /** What the public reads; null until the first publication. */
  published: ContentJson | null;
  /** The following only for those who may read the working copy (the authors' city and curators). */
  status?: PracticeStatus;
  working?: ContentJson;
  submittedAt?: Date | undefined;
  reviewNote?: string | undefined;
  deleted?: boolean;
  deletedAt?: Date | undefined;
  /** For a deleted practice this caller may bring back: until when (null: no time limit). */
  undoUntil?: Date | null;
  /** Attachments this caller took off the working copy lately and may still put back, with until when. */
  restorableAttachments?: RestorableAttachment[];
};

export type RestorableAttachment = { id: string; originalName: string; undoUntil: Date };

/** What this caller may still undo on a practice, and until when: the policy's rules and deadlines, presented. */
export function undoOffers(
  doc: PracticeDoc,
  actor: Actor | null,
  can: Can,
): { deletion: { until: Date | null } | undefined; attachments: RestorableAttachment[] } {
  const resource = resourceOf(doc);
  const deletion = can(actor, 'practice.undelete', resource) ? { until: undeleteDeadline(actor, resource) ?? null } : undefined;
  const attachments = (doc.removedAttachments ?? []).flatMap((removal) => {
    const r = removalResourceOf(doc, removal);
    const until = attachmentUndoDeadline(actor, r);
    return until && can(actor, 'practice.restore-attachment', r)
      ? [{ id: removal.id, originalName: removal.originalName, undoUntil: until }]
      : [];
  });
  return { deletion, attachments };
}

export type PracticeSummary = {
  id: string;
  title: string;
  summary: string;
  /** The English title and summary of a practice in another language ('' when none). */
  titleEn: string;
  summaryEn: string;
  city: string;
  cityName: string;
  country: string;
  themes: string[];
  targetGroups: string[];
  period: PracticeContent['period'];
  language: PracticeLanguage | undefined;
  status: PracticeStatus | undefined;
  revision: number;
  publishedAt: Date | undefined;
  submittedAt: Date | undefined;
  updatedAt: Date;
};

// A revision's snapshot as clients see it: the same allow-list, attachments by what identifies them
// (their stored names are internal, and older files are not downloadable by revision).
const SNAPSHOT_FIELDS: FieldTable = {
  ...PRACTICE_FIELDS,
  ...PLACE_FIELDS,
  attachments: {
    ...PRACTICE_FIELDS.attachments,
    present: (list: Omit<Attachment, 'text'>[]) =>
      list.map((a) => ({
        id: a.id,
        originalName: a.originalName,
        mimeType: a.mimeType,
        size: a.size,
        sha256: a.sha256,
        uploadedAt: a.uploadedAt,
      })),
  },
};

/** A revision's snapshot for history readers (members of the authors' city or curators: the e-mail included). */
export const snapshotJson = (practiceId: string, snapshot: object): Record<string, unknown> =>
  presentContent(SNAPSHOT_FIELDS, snapshot, { recordId: practiceId, showPrivate: true });

/** A copy of the content fit for a client, built field by field from the table (never a spread of what is stored). */
export function contentJson(
  practiceId: string,
  content: PracticeContent,
  options: { showEmail: boolean },
): ContentJson {
  const presented = presentContent(PRACTICE_FIELDS, content, { recordId: practiceId, showPrivate: options.showEmail });
  return { ...(presented as Omit<ContentJson, 'html'>), html: renderTexts(PRACTICE_FIELDS, content) as RenderedHtml };
}

/** The API's representation of one practice, cut to what this actor may see. */
export function practiceJson(doc: PracticeDoc, actor: Actor | null, can: Can): PracticeJson {
  const id = doc._id.toHexString();
  const resource = resourceOf(doc);
  const readsWorking = can(actor, 'practice.read-working', resource);
  const showEmail = can(actor, 'contact.view');
  const base: PracticeJson = {
    id,
    city: doc.city,
    cityName: doc.cityName,
    country: doc.country,
    revision: doc.revision,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt,
    firstPublishedAt: doc.firstPublishedAt,
    published: doc.published ? contentJson(id, doc.published, { showEmail }) : null,
  };
  const undo = undoOffers(doc, actor, can);
  // The partner who just deleted a practice no longer reads it, but learns until when they may undo.
  if (!readsWorking) return undo.deletion ? { ...base, undoUntil: undo.deletion.until } : base;
  return {
    ...base,
    status: doc.status,
    working: contentJson(id, doc.working, { showEmail }),
    submittedAt: doc.submittedAt,
    reviewNote: doc.reviewNote,
    deleted: doc.deleted,
    deletedAt: doc.deletedAt,
    ...(undo.deletion ? { undoUntil: undo.deletion.until } : {}),
    restorableAttachments: undo.attachments,
  };
}

/** A list entry from the given copy; the workflow status only for those who may read working copies. */
export function practiceSummary(doc: PracticeDoc, copy: 'working' | 'published', showStatus: boolean): PracticeSummary {
  const content = (copy === 'published' ? doc.published : undefined) ?? doc.working;
  return {
    id: doc._id.toHexString(),
    title: content.title,
    summary: content.summary,
    titleEn: content.titleEn ?? '',
    summaryEn: content.summaryEn ?? '',
    city: doc.city,
    cityName: doc.cityName,
    country: doc.country,
    themes: content.themes,
    targetGroups: content.targetGroups,
    // Listed leaf by leaf, like every presented value: never the stored sub-document itself.
    period: {
      startYear: content.period?.startYear,
      endYear: content.period?.endYear,
      ongoing: Boolean(content.period?.ongoing),
    },
    language: content.language,
    status: showStatus ? doc.status : undefined,
    revision: doc.revision,
    publishedAt: doc.publishedAt,
    submittedAt: showStatus ? doc.submittedAt : undefined,
    updatedAt: doc.updatedAt,
  };
}
