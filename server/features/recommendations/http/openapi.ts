import type { z } from 'zod';
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
import { actionInput, citationUpdateInput, citeInput, commentInput, markInput, createRecommendationInput, diffQuery, listQuery, reasonInput, updateRecommendationInput } from '../domain/input';
import { evidenceOutput, threadOutput, pageOutput, recommendationOutput, revisionOutput, revisionWithSnapshotOutput } from './api-schemas';

const out = (schema: z.ZodType) => jsonSchemaOf(schema, 'output');
const TAG = 'Recommendations';
const id = pathParameter('id', 'The recommendation id (24 hex digits); anything else is a 404.');
const number = pathParameter('number', 'A revision number.', { type: 'integer', minimum: 1 });
const practiceId = pathParameter('practiceId', 'The cited practice’s id.');
const commentId = pathParameter('commentId', 'A comment of this recommendation’s thread (answers and withdrawal reasons are not answered or marked).');
const body = (schemaName: string, required = true) => ({ required, content: jsonContent(ref(schemaName)) });

const errors = {
  400: errorResponse('Invalid input: `fields` names each problem.'),
  401: errorResponse('Sign in (or send a token) first.'),
  403: errorResponse('The policy does not allow this.'),
  404: errorResponse('No such recommendation (or deleted).'),
};
const ok = { 200: jsonResponse('The recommendation as you may see it.', ref('Recommendation')) };
const conflict = { 409: errorResponse('Not in a status this step starts from (`invalid_transition`), or it changed meanwhile (`edit_conflict`).') };

function op(operationId: string, summary: string, policy: string, extra: Partial<OpenApiOperation> = {}): OpenApiOperation {
  return { operationId, summary, tags: [TAG], 'x-policy': policy, parameters: [id], responses: { ...ok, ...errors }, ...extra };
}

function step(operationId: string, summary: string, input: 'RecommendationStepOptions' | 'RecommendationReason', description?: string): OpenApiOperation {
  return op(operationId, summary, 'recommendation.manage', {
    ...(description ? { description } : {}),
    requestBody: body(input, input === 'RecommendationReason'),
    responses: { ...ok, ...errors, ...conflict },
  });
}

export const recommendationsOpenApi: OpenApiSection = {
  tags: [{ name: TAG, description: 'The network’s proposals for depopulation control: record, evidence, consultation, workflow, history.' }],
  schemas: {
    RecommendationCreate: jsonSchemaOf(createRecommendationInput),
    RecommendationUpdate: jsonSchemaOf(updateRecommendationInput),
    Recommendation: out(recommendationOutput),
    RecommendationPage: out(pageOutput),
    RecommendationRevision: out(revisionOutput),
    RecommendationRevisionSnapshot: out(revisionWithSnapshotOutput),
    RecommendationReason: jsonSchemaOf(reasonInput),
    RecommendationStepOptions: jsonSchemaOf(actionInput),
    RecommendationCite: jsonSchemaOf(citeInput),
    RecommendationCitationUpdate: jsonSchemaOf(citationUpdateInput),
    RecommendationEvidence: out(evidenceOutput),
    RecommendationComment: jsonSchemaOf(commentInput),
    RecommendationCommentMark: jsonSchemaOf(markInput),
    RecommendationThread: out(threadOutput),
  },
  paths: {
    '/api/recommendations': {
      get: {
        operationId: 'listRecommendations',
        summary: 'Recommendations this caller may read: final ones for everyone allowed to read, consultations for members, drafts for curators.',
        tags: [TAG],
        'x-policy': 'public.read, then recommendation.read per status',
        parameters: queryParameters(listQuery),
        responses: { 200: jsonResponse('A page of recommendations.', ref('RecommendationPage')), 400: errors[400], 401: errors[401], 403: errors[403] },
      },
      post: {
        operationId: 'createRecommendation',
        summary: 'Create a draft (only the title is required).',
        tags: [TAG],
        'x-policy': 'recommendation.create',
        requestBody: body('RecommendationCreate'),
        responses: { 201: jsonResponse('The new draft.', ref('Recommendation')), 400: errors[400], 401: errors[401], 403: errors[403] },
      },
    },
    '/api/recommendations/{id}': {
      get: op('getRecommendation', 'One recommendation.', 'recommendation.read'),
      patch: op('updateRecommendation', 'Change fields; those left out stay. Send the revision you started from.', 'recommendation.edit', {
        requestBody: body('RecommendationUpdate'),
        responses: { ...ok, ...errors, 409: errorResponse('Changed meanwhile (`edit_conflict`): the stored version is not overwritten.') },
      }),
      delete: op('deleteRecommendation', 'Soft-delete a draft that never left the curators.', 'recommendation.delete', {
        requestBody: body('RecommendationStepOptions', false),
      }),
    },
    '/api/recommendations/{id}/undelete': {
      post: op('undeleteRecommendation', 'Bring a deleted draft back.', 'recommendation.undelete', { requestBody: body('RecommendationStepOptions', false) }),
    },
    '/api/recommendations/{id}/open-consultation': {
      post: step('openRecommendationConsultation', 'Put a complete draft to the members for comments.', 'RecommendationStepOptions', 'Refused with 400 (`fields`) while a required field is empty.'),
    },
    '/api/recommendations/{id}/back-to-draft': {
      post: step('returnRecommendationToDraft', 'End a consultation without making it final.', 'RecommendationStepOptions'),
    },
    '/api/recommendations/{id}/finalise': {
      post: step(
        'finaliseRecommendation',
        'Make it final (public).',
        'RecommendationStepOptions',
        'Refused with 400 while a required field is empty or no cited practice still stands (`fields.evidence`).',
      ),
    },
    '/api/recommendations/{id}/withdraw': {
      post: step('withdrawRecommendation', 'Take it out of use, with a reason (kept in the thread).', 'RecommendationReason'),
    },
    '/api/recommendations/{id}/reopen': {
      post: step('reopenRecommendation', 'Reopen a withdrawn recommendation as a draft.', 'RecommendationStepOptions'),
    },
    '/api/recommendations/{id}/evidence': {
      get: op('getRecommendationEvidence', 'The cited practices with their facts, and the evidence summary computed from them.', 'recommendation.read', {
        responses: { 200: jsonResponse('The evidence.', ref('RecommendationEvidence')), ...errors },
      }),
      post: op('citePractice', 'Cite a published practice: why it supports the recommendation and which of its indicators show it.', 'recommendation.edit', {
        requestBody: body('RecommendationCite'),
        responses: {
          201: jsonResponse('The recommendation with its evidence.', ref('Recommendation')),
          ...errors,
          409: errorResponse('Already cited (`already_cited`), or changed meanwhile (`edit_conflict`).'),
        },
      }),
    },
    '/api/recommendations/{id}/evidence/{practiceId}': {
      patch: {
        ...op('updateCitation', 'Change a citation’s reason or indicators.', 'recommendation.edit'),
        parameters: [id, practiceId],
        requestBody: body('RecommendationCitationUpdate'),
        responses: { ...ok, ...errors, ...conflict },
      },
      delete: {
        ...op('removeCitation', 'Stop citing a practice.', 'recommendation.edit'),
        parameters: [id, practiceId],
        requestBody: body('RecommendationStepOptions', false),
        responses: { ...ok, ...errors, ...conflict },
      },
    },
    '/api/recommendations/{id}/comments': {
      get: op('listRecommendationComments', 'The consultation thread, oldest first: comments, answers, marks.', 'recommendation.thread', {
        responses: { 200: jsonResponse('The thread.', ref('RecommendationThread')), ...errors },
      }),
      post: op('commentOnRecommendation', 'Comment while it is in consultation (any signed-in member).', 'recommendation.comment', {
        requestBody: body('RecommendationComment'),
        responses: { 201: jsonResponse('The thread.', ref('RecommendationThread')), ...errors },
      }),
    },
    '/api/recommendations/{id}/comments/{commentId}/answer': {
      post: {
        ...op('answerRecommendationComment', 'A curator’s answer to one comment.', 'recommendation.manage'),
        parameters: [id, commentId],
        requestBody: body('RecommendationComment'),
        responses: { 201: jsonResponse('The thread.', ref('RecommendationThread')), ...errors },
      },
    },
    '/api/recommendations/{id}/comments/{commentId}/mark': {
      post: {
        ...op('markRecommendationComment', 'Mark a comment as taken into account (`taken: true`) or take the mark away.', 'recommendation.manage'),
        parameters: [id, commentId],
        requestBody: body('RecommendationCommentMark'),
        responses: { 200: jsonResponse('The thread.', ref('RecommendationThread')), ...errors },
      },
    },
    '/api/recommendations/{id}/revisions': {
      get: op('listRecommendationRevisions', 'The history, newest first.', 'recommendation.history', {
        responses: {
          200: jsonResponse('Revisions.', { type: 'object', properties: { items: { type: 'array', items: ref('RecommendationRevision') } } }),
          ...errors,
        },
      }),
    },
    '/api/recommendations/{id}/revisions/{number}': {
      get: {
        ...op('getRecommendationRevision', 'One revision with its content as it was (evidence included).', 'recommendation.history'),
        parameters: [id, number],
        responses: { 200: jsonResponse('The revision.', ref('RecommendationRevisionSnapshot')), ...errors },
      },
    },
    '/api/recommendations/{id}/revisions/{number}/restore': {
      post: {
        ...op('restoreRecommendationRevision', 'Bring back an old revision’s content as a new revision.', 'recommendation.restore'),
        parameters: [id, number],
        requestBody: body('RecommendationStepOptions', false),
        responses: { ...ok, ...errors, ...conflict },
      },
    },
    '/api/recommendations/{id}/diff': {
      get: {
        ...op('diffRecommendationRevisions', 'What changed between two revisions, field by field.', 'recommendation.history'),
        parameters: [id, ...queryParameters(diffQuery)],
        responses: {
          200: jsonResponse('The differences.', {
            type: 'object',
            properties: { from: ref('RecommendationRevision'), to: ref('RecommendationRevision'), fields: { type: 'array', items: ref('FieldDiff') } },
          }),
          ...errors,
        },
      },
    },
  },
};
