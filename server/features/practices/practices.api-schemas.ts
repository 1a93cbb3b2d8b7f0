// What the API answers, described with the input pieces so both stay one definition (OpenAPI only).
import { z } from 'zod';
import { PRACTICE_STATUSES } from '../../lib/policy';
import { PRACTICE_LANGUAGES } from './practices.data';
import { COMMENT_KINDS, REVISION_KINDS } from './practices.model';
import { budgetInput, contactInput, indicatorInput, periodInput, sourceInput } from './practices.schema';

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
export const contentOutput = z.object({
  title: z.string(),
  summary: z.string(),
  themes: z.array(z.string()),
  targetGroups: z.array(z.string()),
  period: periodInput,
  budget: budgetInput,
  stakeholders: z.string(),
  description: z.string().describe('Markdown'),
  results: z.string().describe('Markdown'),
  transferability: z.string().describe('Markdown'),
  lessons: z.string().describe('Markdown'),
  indicators: z.array(indicatorInput),
  sources: z.array(sourceInput),
  contact: contactInput.describe('The e-mail address only for signed-in members.'),
  language: z.enum(PRACTICE_LANGUAGES).optional(),
  event: z.string().optional(),
  attachments: z.array(attachmentInfoOutput),
  html: z
    .object({
      summary: z.string(),
      stakeholders: z.string(),
      description: z.string(),
      results: z.string(),
      transferability: z.string(),
      lessons: z.string(),
    })
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
});
export const summaryOutput = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
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
