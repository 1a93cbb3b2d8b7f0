import { renderMarkdown, renderPlainText } from '../../lib/markdown';
import type { Actor, Can, PracticeResource, PracticeStatus } from '../../lib/policy';
import { toActor, type User } from '../users/users.service';
import type { PracticeLanguage } from './practices.data';
import type { Attachment, PracticeContent, PracticeDoc } from './practices.model';

/** Who is asking: the signed-in user (res.locals.user), or undefined for a visitor. */
export type Caller = User | undefined;

export const actorOf = (caller: Caller): Actor | null => (caller ? toActor(caller) : null);

export const resourceOf = (doc: Pick<PracticeDoc, 'city' | 'status' | 'published' | 'deleted'>): PracticeResource => ({
  city: doc.city,
  status: doc.status,
  hasPublished: Boolean(doc.published),
  deleted: doc.deleted,
});

export type AttachmentInfo = {
  id: string;
  originalName: string;
  mimeType: string;
  extension: string | undefined;
  size: number;
  sha256: string;
  /** Whether text was extracted for search; the text itself never leaves the server. */
  hasText: boolean;
  uploadedAt: Date;
  url: string;
};

/** The long texts as sanitised HTML, safe to print unescaped (`<%- %>`). */
export type RenderedHtml = {
  summary: string;
  stakeholders: string;
  description: string;
  results: string;
  transferability: string;
  lessons: string;
};

export type ContentJson = Omit<PracticeContent, 'attachments'> & { attachments: AttachmentInfo[]; html: RenderedHtml };

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
};

export type PracticeSummary = {
  id: string;
  title: string;
  summary: string;
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

export const attachmentUrl = (practiceId: string, attachmentId: string) =>
  `/api/practices/${practiceId}/attachments/${attachmentId}`;

export function attachmentInfo(practiceId: string, a: Attachment): AttachmentInfo {
  return {
    id: a.id,
    originalName: a.originalName,
    mimeType: a.mimeType,
    extension: a.extension,
    size: a.size,
    sha256: a.sha256,
    hasText: Boolean(a.text),
    uploadedAt: a.uploadedAt,
    url: attachmentUrl(practiceId, a.id),
  };
}

export function renderContent(content: PracticeContent): RenderedHtml {
  return {
    summary: renderPlainText(content.summary),
    stakeholders: renderPlainText(content.stakeholders),
    description: renderMarkdown(content.description),
    results: renderMarkdown(content.results),
    transferability: renderMarkdown(content.transferability),
    lessons: renderMarkdown(content.lessons),
  };
}

/** A copy of the content fit for a client: no attachment text or stored names, the e-mail only for members. */
export function contentJson(
  practiceId: string,
  content: PracticeContent,
  options: { showEmail: boolean },
): ContentJson {
  const { attachments, contact, ...rest } = content;
  const { email, ...publicContact } = contact ?? {};
  return {
    ...rest,
    contact: options.showEmail && email ? { ...publicContact, email } : publicContact,
    attachments: (attachments ?? []).map((a) => attachmentInfo(practiceId, a)),
    html: renderContent(content),
  };
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
  if (!readsWorking) return base;
  return {
    ...base,
    status: doc.status,
    working: contentJson(id, doc.working, { showEmail }),
    submittedAt: doc.submittedAt,
    reviewNote: doc.reviewNote,
    deleted: doc.deleted,
    deletedAt: doc.deletedAt,
  };
}

/** A list entry from the given copy; the workflow status only for those who may read working copies. */
export function practiceSummary(doc: PracticeDoc, copy: 'working' | 'published', showStatus: boolean): PracticeSummary {
  const content = (copy === 'published' ? doc.published : undefined) ?? doc.working;
  return {
    id: doc._id.toHexString(),
    title: content.title,
    summary: content.summary,
    city: doc.city,
    cityName: doc.cityName,
    country: doc.country,
    themes: content.themes,
    targetGroups: content.targetGroups,
    period: content.period,
    language: content.language,
    status: showStatus ? doc.status : undefined,
    revision: doc.revision,
    publishedAt: doc.publishedAt,
    submittedAt: showStatus ? doc.submittedAt : undefined,
    updatedAt: doc.updatedAt,
  };
}
