// What the API answers, derived from the field table and the input pieces so all stay one definition (OpenAPI only).
import { z } from 'zod';
import { PRACTICE_STATUSES, UNDO_WINDOW_MINUTES } from '../../../lib/policy';
import { PRACTICE_LANGUAGES } from '../domain/reference-lists';
import { COMMENT_KINDS, REVISION_KINDS } from '../persistence/practice-model';
import { fieldSchema, renderedKeys, type Field } from '../../../lib/versioned';
import { periodInput } from '../domain/input';
import { E, PRACTICE_FIELDS } from '../domain/practice-fields';

const date = z.iso.datetime();
export const attachmentInfoOutput = z.object({
  id: z.string(),
  originalName: z.string(),
  mimeType: z.string(),
  extension: z.string().optional(),
  size: z.number().int(),
  sha256: z.string(),
  hasText: z.boolean().describe('Whether text was extracted for search (PDF, DOCX).'),
  uploadedAt: date,
  url: z.string().describe('Download link; served as an attachment with its sniffed type.'),
});
/** A content field as the API answers it, from the field table. */
function outputOf(key: string, field: Field): z.ZodType {
  switch (field.kind) {
    case 'text':
      return field.format === 'markdown' ? z.string().describe('Markdown') : z.string();
    case 'slugs':
      return z.array(z.string());
    case 'enum':
      return z.enum(field.values).optional();
    case 'slug':
      return z.string().optional();
    case 'custom':
      return z.array(attachmentInfoOutput);
    default: {
      const schema = fieldSchema(E, field);
      return key === 'contact' ? schema.describe('The e-mail address only for signed-in members.') : schema;
    }
  }
}

export const contentOutput = z.object({
  ...Object.fromEntries(Object.entries(PRACTICE_FIELDS).map(([key, field]) => [key, outputOf(key, field)])),
  html: z
    .object(Object.fromEntries(renderedKeys(PRACTICE_FIELDS).map((key) => [key, z.string()])))
    .describe('The texts rendered and sanitised, safe to insert as HTML.'),
});
export const practiceOutput = z.object({
  id: z.string(),
  city: z.string(),
  cityName: z.string(),
  country: z.string(),
  revision: z.number().int(),
  createdAt: date,
  updatedAt: date,
  publishedAt: date.optional(),
  firstPublishedAt: date.optional(),
  published: contentOutput.nullable().describe('What the public reads; null until first published.'),
  status: z
    .enum(PRACTICE_STATUSES)
    .optional()
    .describe('For the authors’ city and curators only, like the fields below.'),
  working: contentOutput.optional(),
  submittedAt: date.optional(),
  reviewNote: z.string().optional(),
  deleted: z.boolean().optional(),
  deletedAt: date.optional(),
  undoUntil: date
    .nullable()
    .optional()
    .describe(
      `For a deleted practice the caller may bring back (POST …/undelete): until when; null for no limit (curators). The partner who deleted it may undo for ${UNDO_WINDOW_MINUTES} minutes.`,
    ),
  restorableAttachments: z
    .array(z.object({ id: z.string(), originalName: z.string(), undoUntil: date }))
    .optional()
    .describe(
      `Attachments the caller took off the working copy and may still put back (POST …/attachments/{attachmentId}/restore), for ${UNDO_WINDOW_MINUTES} minutes after removing them.`,
    ),
});
export const summaryOutput = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  titleEn: z.string().describe('The English title of a practice in another language; empty when none.'),
  summaryEn: z.string().describe('The English summary of a practice in another language; empty when none.'),
  city: z.string(),
  cityName: z.string(),
  country: z.string(),
  themes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  period: periodInput,
  language: z.enum(PRACTICE_LANGUAGES).optional(),
  status: z.enum(PRACTICE_STATUSES).optional(),
  revision: z.number().int(),
  publishedAt: date.optional(),
  submittedAt: date.optional(),
  updatedAt: date,
});

/** An entry of the review queue: a summary and what the reviewer needs to weigh it. */
export const reviewItemOutput = summaryOutput.extend({
  hasPublished: z.boolean().describe('A new version of a practice that is already published.'),
  reviewNote: z.string().optional().describe('The latest reason given when changes were requested.'),
  resubmitted: z.boolean().describe('Back in review after the reviewer asked for changes.'),
});
export const pageOutput = z.object({
  items: z.array(summaryOutput),
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  pages: z.number().int(),
});
export const revisionOutput = z.object({
  number: z.number().int(),
  at: date,
  by: z.string(),
  byName: z.string().optional(),
  kind: z.enum(REVISION_KINDS),
  changedFields: z.array(z.string()),
  status: z.enum(PRACTICE_STATUSES),
  note: z.string().optional(),
  restoredFrom: z.number().int().optional(),
});
export const commentOutput = z.object({
  id: z.string(),
  at: date,
  authorId: z.string(),
  authorName: z.string(),
  role: z.string(),
  kind: z.enum(COMMENT_KINDS),
  body: z.string(),
});
export const fieldDiffOutput = z.object({
  field: z.string(),
  kind: z.enum(['text', 'list', 'value']),
  parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })).optional(),
  items: z.array(z.object({ value: z.unknown(), change: z.enum(['added', 'removed', 'unchanged']) })).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
