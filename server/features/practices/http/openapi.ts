import { z } from 'zod';
import {
  errorResponse,
  jsonContent,
  jsonResponse,
  jsonSchemaOf,
  pathParameter,
  queryParameters,
  ref,
  type OpenApiOperation,
  type OpenApiSection,
} from '../../../lib/openapi';
import {
  commentOutput,
  contentOutput,
  fieldDiffOutput,
  pageOutput,
  practiceOutput,
  revisionOutput,
  reviewItemOutput,
} from './api-schemas';
import {
  actionInput,
  commentInput,
  createPracticeInput,
  diffQuery,
  listQuery,
  reasonInput,
  updatePracticeInput,
} from '../domain/input';
import { UNDO_WINDOW_MINUTES } from '../../../lib/policy';

const out = (schema: z.ZodType) => jsonSchemaOf(schema, 'output');
const id = pathParameter('id', 'The practice id (24 hex digits); anything else is a 404.');
const number = pathParameter('number', 'A revision number.', { type: 'integer', minimum: 1 });
const attachmentId = pathParameter('attachmentId', 'The attachment id (32 hex digits).');
const body = (schemaName: string, required = true) => ({ required, content: jsonContent(ref(schemaName)) });

const errors = {
  400: errorResponse('Invalid input: `fields` names each problem.'),
  401: errorResponse('Sign in (or send a token) first.'),
  403: errorResponse('The policy does not allow this.'),
  404: errorResponse('No such practice (or not visible to you).'),
};
const practiceOk = { 200: jsonResponse('The practice as you may see it.', ref('Practice')) };

function step(
  operationId: string,
  summaryText: string,
  policy: string,
  input: string,
  extra: Record<string, unknown> = {},
): OpenApiOperation {
  return {
    operationId,
    summary: summaryText,
    tags: ['Practices'],
    'x-policy': policy,
    parameters: [id],
    requestBody: body(input, input === 'Reason'),
    responses: {
      ...practiceOk,
      ...errors,
      409: errorResponse('The practice is not in a status this step starts from, or it changed meanwhile.'),
      ...extra,
    },
  };
}

export const practicesOpenApi: OpenApiSection = {
  tags: [{ name: 'Practices', description: 'Best-practice cases: record, review workflow, history, attachments.' }],
  schemas: {
    PracticeCreate: jsonSchemaOf(createPracticeInput),
    PracticeUpdate: jsonSchemaOf(updatePracticeInput),
    Reason: jsonSchemaOf(reasonInput),
    StepOptions: jsonSchemaOf(actionInput),
    CommentCreate: jsonSchemaOf(commentInput),
    Practice: out(practiceOutput),
    PracticeContent: out(contentOutput),
    PracticePage: out(pageOutput),
    Revision: out(revisionOutput),
    Comment: out(commentOutput),
    FieldDiff: out(fieldDiffOutput),
  },
  paths: {
    '/api/practices': {
      get: {
        operationId: 'listPractices',
        summary: 'Published practices; members may filter by workflow status where the policy allows.',
        tags: ['Practices'],
        'x-policy': 'public.read (status filters: practice.read-working)',
        parameters: queryParameters(listQuery),
        responses: {
          200: jsonResponse('A page of practices.', ref('PracticePage')),
          400: errors[400],
          401: errors[401],
          403: errors[403],
        },
      },
      post: {
        operationId: 'createPractice',
        summary: 'Create a draft (only the title is required), optionally with its files.',
        description:
          'JSON, or multipart/form-data with the same JSON as text in `practice` and the files in `attachments` (typed by their content, as for addAttachments). All or nothing: a refused field or file stores neither the practice nor any file.',
        tags: ['Practices'],
        'x-policy': 'practice.create',
        requestBody: {
          required: true,
          content: {
            ...jsonContent(ref('PracticeCreate')),
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['practice'],
                properties: {
                  practice: { type: 'string', description: 'The PracticeCreate object as JSON text.' },
                  attachments: { type: 'array', items: { type: 'string', format: 'binary' } },
                  _csrf: { type: 'string', description: 'For session (cookie) requests.' },
                },
              },
            },
          },
        },
        responses: {
          201: jsonResponse('The new draft.', ref('Practice')),
          400: errors[400],
          401: errors[401],
          403: errors[403],
          413: errorResponse('Body or a file too large.'),
        },
      },
    },
    '/api/review-queue': {
      get: {
        operationId: 'reviewQueue',
        summary: 'Submitted practices, the longest-waiting first.',
        tags: ['Practices'],
        'x-policy': 'review.queue',
        responses: {
          200: jsonResponse('The queue.', {
            type: 'object',
            properties: { items: { type: 'array', items: out(reviewItemOutput) } },
          }),
          401: errors[401],
          403: errors[403],
        },
      },
    },
    '/api/practices/{id}': {
      get: {
        operationId: 'getPractice',
        summary: 'One practice: the published copy, and the working copy for its authors and curators.',
        tags: ['Practices'],
        'x-policy': 'practice.read or practice.read-working',
        parameters: [id],
        responses: { ...practiceOk, 401: errors[401], 403: errors[403], 404: errors[404] },
      },
      patch: {
        operationId: 'updatePractice',
        summary: 'Partial update of the working copy, from the revision the editor started with.',
        description:
          'Fields left out stay; a given field replaces its old value. If the practice changed since `revision`, nothing is ' +
          'written and the answer is 409 `edit_conflict`. Authors editing a published practice start a new draft; the ' +
          'published text stays visible until the coordinator publishes again.',
        tags: ['Practices'],
        'x-policy': 'practice.edit',
        parameters: [id],
        requestBody: body('PracticeUpdate'),
        responses: {
          ...practiceOk,
          ...errors,
          409: errorResponse('Edited meanwhile (`edit_conflict`).'),
          413: errorResponse('Body too large.'),
        },
      },
      delete: {
        operationId: 'deletePractice',
        summary: 'Soft delete (curators can undo it; only an admin purge removes data).',
        tags: ['Practices'],
        'x-policy': 'practice.delete',
        parameters: [id],
        requestBody: body('StepOptions', false),
        responses: { ...practiceOk, ...errors, 409: errorResponse('Changed meanwhile.') },
      },
    },
    '/api/practices/{id}/submit': {
      post: step(
        'submitPractice',
        'Submit for review; every mandatory field must be filled in.',
        'practice.submit',
        'StepOptions',
      ),
    },
    '/api/practices/{id}/publish': {
      post: step(
        'publishPractice',
        'Publish the working copy (from submitted or archived).',
        'practice.review',
        'StepOptions',
      ),
    },
    '/api/practices/{id}/request-changes': {
      post: step(
        'requestChanges',
        'Send back to the authors with a reason (added to the thread).',
        'practice.review',
        'Reason',
      ),
    },
    '/api/practices/{id}/reject': {
      post: step('rejectPractice', 'Reject with a reason (added to the thread).', 'practice.review', 'Reason'),
    },
    '/api/practices/{id}/archive': {
      post: step(
        'archivePractice',
        'Archive: hidden from lists and search, readable by link for members.',
        'practice.archive',
        'StepOptions',
      ),
    },
    '/api/practices/{id}/undelete': {
      post: {
        ...step(
          'undeletePractice',
          'Bring back a soft-deleted practice.',
          'practice.undelete',
          'StepOptions',
        ),
        description: `Curators may at any time. The partner who deleted the practice may undo it for ${UNDO_WINDOW_MINUTES} minutes (the deletion's answer carries \`undoUntil\`); after that they get 403 with a message saying it is too late.`,
      },
    },
    '/api/practices/{id}/purge': {
      post: {
        operationId: 'purgePractice',
        summary: 'Remove a soft-deleted practice with its history, thread and files (audited).',
        tags: ['Practices'],
        'x-policy': 'practice.purge',
        parameters: [id],
        responses: { 204: { description: 'Purged.' }, ...errors, 409: errorResponse('Not soft-deleted first.') },
      },
    },
    '/api/practices/{id}/attachments': {
      post: {
        operationId: 'addAttachments',
        summary: 'Upload files (PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG, WebP), typed by their content.',
        description: 'multipart/form-data with the files in `attachments` and optionally `revision`. All or nothing.',
        tags: ['Practices'],
        'x-policy': 'practice.edit',
        parameters: [id],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['attachments'],
                properties: {
                  attachments: { type: 'array', items: { type: 'string', format: 'binary' } },
                  revision: { type: 'string', pattern: '^\\d+$' },
                  _csrf: { type: 'string', description: 'For session (cookie) requests.' },
                },
              },
            },
          },
        },
        responses: {
          201: jsonResponse('The practice with its attachments.', ref('Practice')),
          ...errors,
          409: errorResponse('Changed meanwhile.'),
          413: errorResponse('A file is larger than allowed.'),
        },
      },
    },
    '/api/practices/{id}/attachments/{attachmentId}': {
      get: {
        operationId: 'downloadAttachment',
        summary: 'Download an attachment (Content-Disposition: attachment; nosniff).',
        tags: ['Practices'],
        'x-policy': 'practice.read (published copy) or practice.read-working',
        parameters: [id, attachmentId],
        responses: {
          200: {
            description: 'The file.',
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          401: errors[401],
          403: errors[403],
          404: errors[404],
        },
      },
      delete: {
        operationId: 'removeAttachment',
        summary: 'Take an attachment off the working copy (the file stays for the history).',
        tags: ['Practices'],
        'x-policy': 'practice.edit',
        parameters: [id, attachmentId],
        requestBody: body('StepOptions', false),
        responses: { ...practiceOk, ...errors, 409: errorResponse('Changed meanwhile.') },
      },
    },
    '/api/practices/{id}/attachments/{attachmentId}/restore': {
      post: {
        operationId: 'restoreAttachment',
        summary: 'Undo the removal of an attachment: the same file goes back on the working copy.',
        description: `Only for the person who removed it, within ${UNDO_WINDOW_MINUTES} minutes (the practice lists them in \`restorableAttachments\`). Makes a new revision; send the \`revision\` you saw to be told of a change in between (409).`,
        tags: ['Practices'],
        'x-policy': 'practice.restore-attachment',
        parameters: [id, attachmentId],
        requestBody: body('StepOptions', false),
        responses: {
          ...practiceOk,
          ...errors,
          403: errorResponse('Someone else removed it, or the time to undo has passed.'),
          404: errorResponse('No such practice, or no removal of this attachment to undo.'),
          409: errorResponse('Changed meanwhile, or the attachment is already back.'),
        },
      },
    },
    '/api/practices/{id}/revisions': {
      get: {
        operationId: 'listRevisions',
        summary: 'The history: every saved change, newest first.',
        tags: ['Practices'],
        'x-policy': 'practice.history',
        parameters: [id],
        responses: {
          200: jsonResponse('Revisions.', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('Revision') } },
          }),
          ...errors,
        },
      },
    },
    '/api/practices/{id}/revisions/{number}': {
      get: {
        operationId: 'getRevision',
        summary: 'One revision with its snapshot of the working copy.',
        tags: ['Practices'],
        'x-policy': 'practice.history',
        parameters: [id, number],
        responses: {
          200: jsonResponse('The revision.', {
            allOf: [ref('Revision'), { type: 'object', properties: { snapshot: { type: 'object' } } }],
          }),
          ...errors,
        },
      },
    },
    '/api/practices/{id}/revisions/{number}/restore': {
      post: {
        operationId: 'restoreRevision',
        summary: 'Restore a revision’s content as a new revision.',
        tags: ['Practices'],
        'x-policy': 'practice.restore',
        parameters: [id, number],
        requestBody: body('StepOptions', false),
        responses: { ...practiceOk, ...errors, 409: errorResponse('Changed meanwhile.') },
      },
    },
    '/api/practices/{id}/diff': {
      get: {
        operationId: 'diffRevisions',
        summary: 'What changed between two revisions, field by field (word-level for texts).',
        tags: ['Practices'],
        'x-policy': 'practice.history',
        parameters: [id, ...queryParameters(diffQuery)],
        responses: {
          200: jsonResponse('The diff.', {
            type: 'object',
            properties: {
              from: ref('Revision'),
              to: ref('Revision'),
              fields: { type: 'array', items: ref('FieldDiff') },
            },
          }),
          ...errors,
        },
      },
    },
    '/api/practices/{id}/comments': {
      get: {
        operationId: 'listComments',
        summary: 'The review thread between reviewer and authors.',
        tags: ['Practices'],
        'x-policy': 'practice.read-working',
        parameters: [id],
        responses: {
          200: jsonResponse('The thread.', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('Comment') } },
          }),
          ...errors,
        },
      },
      post: {
        operationId: 'addComment',
        summary: 'Add to the review thread (plain text).',
        tags: ['Practices'],
        'x-policy': 'practice.comment',
        parameters: [id],
        requestBody: body('CommentCreate'),
        responses: {
          201: jsonResponse('The thread.', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('Comment') } },
          }),
          ...errors,
        },
      },
    },
  },
};
