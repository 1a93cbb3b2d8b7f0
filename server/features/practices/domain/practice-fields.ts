import type { Types } from 'mongoose';
import type { z } from 'zod';
import { defineFields, type ContentOf, type FieldTable, type PresentContext } from '../../../lib/versioned';
import { PRACTICE_LANGUAGES } from './reference-lists';

/**
 * The practice's content, field by field: the one definition. The Mongoose schema, the API and form
 * input schemas, the form's field mapping, what submission requires, the history diff, the JSON
 * presenter and the limits the form prints are all derived from this table (server/lib/versioned).
 * Adding a field is adding a row here, its labels in the catalogues, and (if readers see it) a line in
 * the practice page.
 */

/** Validation messages are translation keys: an API client and a form both get a sentence. */
export const E = (key: string) => `practices.error.${key}`;

export const YEAR_RANGE = { min: 1990, max: 2100 } as const;
export const TERMS_MAX = 20;

const year = { kind: 'number', min: YEAR_RANGE.min, max: YEAR_RANGE.max, int: true, message: 'year', inputMax: 4 } as const;
const measure = { kind: 'number', min: -1e15, max: 1e15, message: 'number', inputMax: 30 } as const;

/** A file attached to the working copy; uploaded through its own use case, never written as content. */
export type Attachment = {
  id: string;
  storedName: string;
  originalName: string;
  mimeType: string;
  extension?: string | undefined;
  size: number;
  sha256: string;
  /** Extracted for search only: never sent to a client, which gets a `hasText` flag instead. */
  text: string;
  uploadedBy: Types.ObjectId;
  uploadedAt: Date;
};

/** How an attachment is stored (on a copy of the content, and among recently removed ones). */
export const ATTACHMENT_DEFINITION = {
  _id: false,
  id: { type: String, required: true },
  storedName: { type: String, required: true },
  originalName: { type: String, required: true, maxlength: 255 },
  mimeType: { type: String, required: true },
  extension: { type: String },
  size: { type: Number, required: true, min: 0 },
  sha256: { type: String, required: true },
  text: { type: String, default: '' },
  uploadedBy: { type: 'ObjectId', required: true },
  uploadedAt: { type: Date, required: true },
};

/** What a client learns of an attachment. */
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

export const attachmentUrl = (practiceId: string, attachmentId: string) => `/api/practices/${practiceId}/attachments/${attachmentId}`;

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

/** A practice written in another language also needs its title and summary in English before it is submitted. */
const writtenInAnotherLanguage = (content: Record<string, unknown>) => typeof content.language === 'string' && content.language !== 'en';

export const PRACTICE_FIELDS = defineFields({
  title: { kind: 'text', min: 5, max: 200, minMessage: 'title_length', format: 'line', requiredToSubmit: true },
  summary: { kind: 'text', max: 600, format: 'plain', requiredToSubmit: true },
  /** The title and summary in English, for readers of a practice written in another language (shown beside the original). */
  titleEn: { kind: 'text', max: 200, format: 'line', label: 'practices.field.title_en', requiredToSubmit: writtenInAnotherLanguage },
  summaryEn: { kind: 'text', max: 600, format: 'plain', label: 'practices.field.summary_en', requiredToSubmit: writtenInAnotherLanguage },
  themes: { kind: 'slugs', max: TERMS_MAX, requiredToSubmit: true },
  targetGroups: { kind: 'slugs', max: TERMS_MAX, label: 'practices.field.target_groups', requiredToSubmit: true },
  period: {
    kind: 'group',
    fields: {
      startYear: { ...year, optional: true, label: 'practices.field.start_year', requiredToSubmit: true },
      endYear: { ...year, optional: true, label: 'practices.field.end_year' },
      ongoing: { kind: 'boolean', label: 'practices.field.ongoing' },
    },
    refine: (period: Record<string, unknown>, ctx: z.RefinementCtx) => {
      if (period.startYear !== undefined && period.endYear !== undefined && (period.endYear as number) < (period.startYear as number)) {
        ctx.addIssue({ code: 'custom', path: ['endYear'], message: E('end_before_start') });
      }
      if (period.ongoing && period.endYear !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['endYear'], message: E('ongoing_with_end') });
      }
    },
  },
  budget: {
    kind: 'group',
    fields: {
      amountEur: { kind: 'number', min: 0, max: 1e12, message: 'number', minMessage: 'amount_negative', optional: true, inputMax: 20, label: 'practices.field.amount_eur' },
      fundingSources: { kind: 'text', max: 500, optional: true, label: 'practices.field.funding_sources' },
    },
  },
  stakeholders: { kind: 'text', max: 1000, format: 'plain' },
  description: { kind: 'text', max: 20000, format: 'markdown', requiredToSubmit: true },
  results: { kind: 'text', max: 20000, format: 'markdown', requiredToSubmit: true },
  transferability: { kind: 'text', max: 20000, format: 'markdown' },
  lessons: { kind: 'text', max: 20000, format: 'markdown' },
  indicators: {
    kind: 'rows',
    max: 30,
    fields: {
      name: { kind: 'text', max: 120, min: 1 },
      baseline: { ...measure, optional: true },
      value: measure,
      unit: { kind: 'text', max: 40, min: 1 },
      year,
    },
  },
  sources: {
    kind: 'rows',
    max: 30,
    fields: {
      title: { kind: 'text', max: 200, min: 1 },
      url: { kind: 'url', max: 2000 },
    },
  },
  contact: {
    kind: 'group',
    fields: {
      name: { kind: 'text', max: 200, optional: true, label: 'practices.field.contact_name', requiredToSubmit: true },
      organisation: { kind: 'text', max: 200, optional: true, label: 'practices.field.contact_organisation' },
      /** Members only: visitors never receive it. */
      email: { kind: 'email', max: 254, optional: true, private: true, label: 'practices.field.contact_email' },
    },
  },
  language: { kind: 'enum', values: PRACTICE_LANGUAGES, message: 'language', optional: true, requiredToSubmit: true },
  /** An illustration of what a city could do, with no documented source behind it: evidence counts it apart. */
  illustrative: { kind: 'boolean' },
  event: { kind: 'slug', optional: true },
  attachments: {
    kind: 'custom',
    writable: false,
    mongoose: { type: [ATTACHMENT_DEFINITION], default: [] },
    empty: (): Attachment[] => [],
    diff: 'list',
    // What a reader recognises an attachment by; the stored name is an internal detail.
    face: (a: unknown) => {
      const { id, originalName, mimeType, size, sha256 } = a as Record<string, unknown>;
      return { id, originalName, mimeType, size, sha256 };
    },
    present: (list: Attachment[], ctx: PresentContext): AttachmentInfo[] => list.map((a) => attachmentInfo(ctx.recordId, a)),
    // The extracted text can be large and the files are kept until a purge: snapshots leave it out.
    snapshot: (list: Attachment[]) => list.map(({ text: _text, ...meta }) => meta),
  },
});

export type PracticeFieldTable = typeof PRACTICE_FIELDS;
/** What authors write. Drafts may leave most of it empty; submission requires the fields marked so. */
export type PracticeContent = ContentOf<PracticeFieldTable>;
export type ContentField = keyof PracticeFieldTable;
export const CONTENT_FIELDS = Object.keys(PRACTICE_FIELDS) as ContentField[];

/** Where a practice comes from: kept on the record, beside the content, and in every snapshot. */
export const PLACE_FIELDS = defineFields({
  city: { kind: 'slug', requiredToSubmit: true },
  cityName: { kind: 'text', max: 100, label: 'practices.field.city_name' },
  country: { kind: 'text', max: 2, requiredToSubmit: true },
});

/** Compared for "which fields changed": content, the city and the country (the name follows the city). */
export const CHANGE_TABLE: FieldTable = { ...PRACTICE_FIELDS, city: PLACE_FIELDS.city, country: PLACE_FIELDS.country };
/** Compared in the history's diff: content and the whole place. */
export const SNAPSHOT_TABLE: FieldTable = { ...PRACTICE_FIELDS, ...PLACE_FIELDS };
