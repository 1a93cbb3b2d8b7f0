import { z } from 'zod';
import {
  errorResponse,
  jsonContent,
  jsonResponse,
  jsonSchemaOf,
  pathParameter,
  ref,
  type OpenApiSection,
} from '../../../lib/openapi';
import {
  createEditionInput,
  EDITION_STATUSES,
  publishEditionInput,
  updateEditionInput,
} from '../domain/edition-fields';

const summary = z.object({
  id: z.string(),
  status: z.enum(EDITION_STATUSES),
  number: z.number().int().optional().describe('Given when the edition is published.'),
  title: z.string(),
  publishedAt: z.string().optional(),
  recommendationCount: z.number().int(),
  updatedAt: z.string(),
  demo: z.boolean(),
});
const changed = summary.extend({ revision: z.number().int().describe('Send it back with the next change.') });
const indicator = z.object({
  name: z.string(),
  baseline: z.number().nullable(),
  value: z.number(),
  unit: z.string(),
  year: z.number().int(),
});
const document = z.object({
  id: z.string(),
  status: z.enum(EDITION_STATUSES),
  number: z.number().int().describe('For a draft: the number it would get if published now.'),
  title: z.string(),
  editionLabel: z.string().describe('E.g. "Edition 1, November 2019", in the request’s language.'),
  publishedAt: z.string().nullable(),
  demo: z.boolean(),
  url: z.string(),
  introduction: z.string().describe('Markdown.'),
  recommendationCount: z.number().int(),
  groups: z.array(
    z.object({
      measureGroup: z.string().nullable(),
      label: z.string().nullable(),
      recommendations: z.array(
        z.object({
          n: z.number().int(),
          id: z.string(),
          revision: z.number().int().describe('The recommendation revision this edition contains.'),
          url: z.string(),
          title: z.string(),
          summary: z.string(),
          problem: z.string(),
          measureGroup: z.string().nullable(),
          themes: z.array(z.string()),
          targetGroups: z.array(z.string()),
          priority: z.string().nullable(),
          suits: z.object({
            populationBands: z.array(z.string()),
            trends: z.array(z.string()),
            roles: z.array(z.string()),
          }),
          actions: z.array(
            z.object({ text: z.string(), lead: z.string().nullable(), costBand: z.string(), horizon: z.string() }),
          ),
          preconditions: z.string(),
          risks: z.string(),
          indicators: z.array(z.object({ name: z.string(), unit: z.string(), direction: z.string() })),
          evidence: z.array(
            z.object({
              reference: z.number().int().describe('The number in `references`.'),
              reason: z.string(),
              indicators: z.array(z.string()),
            }),
          ),
        }),
      ),
    }),
  ),
  references: z.array(
    z.object({
      n: z.number().int(),
      practiceId: z.string(),
      url: z.string(),
      title: z.string(),
      cityName: z.string(),
      country: z.string(),
      period: z
        .object({ startYear: z.number().int().nullable(), endYear: z.number().int().nullable(), ongoing: z.boolean() })
        .nullable(),
      indicators: z.array(indicator),
      standing: z.boolean().describe('Whether the practice was still published when the edition was made.'),
      illustrative: z.boolean(),
    }),
  ),
});

const out = (schema: z.ZodType) => jsonSchemaOf(schema, 'output');
const id = pathParameter('id', 'The edition id (24 hex digits).');
const errors = {
  400: errorResponse('Invalid input: `fields` names each problem.'),
  401: errorResponse('Sign in (or send a token) first.'),
  403: errorResponse('The policy does not allow this.'),
  404: errorResponse('No such edition (or not visible to you).'),
};
const conflict = {
  409: errorResponse('The edition changed meanwhile, or it is published (published editions are frozen).'),
};

export const proposalsOpenApi: OpenApiSection = {
  tags: [{ name: 'Proposals', description: 'The network’s proposals document, published in frozen editions.' }],
  schemas: {
    EditionCreate: jsonSchemaOf(createEditionInput),
    EditionUpdate: jsonSchemaOf(updateEditionInput),
    EditionPublish: jsonSchemaOf(publishEditionInput),
    EditionSummary: out(summary),
    EditionChanged: out(changed),
    EditionDocument: out(document),
  },
  paths: {
    '/api/proposals': {
      get: {
        operationId: 'listEditions',
        summary: 'Published editions, newest first (and, for the curators, their drafts).',
        tags: ['Proposals'],
        'x-policy': 'public.read (drafts: proposals.curate)',
        responses: {
          200: jsonResponse('The editions.', {
            type: 'object',
            properties: { items: { type: 'array', items: ref('EditionSummary') } },
          }),
          401: errors[401],
        },
      },
      post: {
        operationId: 'createEdition',
        summary: 'Start a draft edition, empty or from a published one (`basedOn`).',
        tags: ['Proposals'],
        'x-policy': 'proposals.curate',
        requestBody: { required: false, content: jsonContent(ref('EditionCreate')) },
        responses: { 201: jsonResponse('The draft.', ref('EditionChanged')), ...errors },
      },
    },
    '/api/proposals/{id}': {
      get: {
        operationId: 'getEdition',
        summary: 'The edition’s document: recommendations by measure group, evidence as numbered references.',
        description:
          'A published edition is rendered from the recommendation revisions it froze; a draft (curators only) as it would be published now.',
        tags: ['Proposals'],
        'x-policy': 'public.read (drafts: proposals.curate)',
        parameters: [id],
        responses: {
          200: jsonResponse('The document.', ref('EditionDocument')),
          401: errors[401],
          403: errors[403],
          404: errors[404],
        },
      },
      patch: {
        operationId: 'updateEdition',
        summary: 'Change a draft: title, introduction (Markdown), the chosen recommendations in order.',
        tags: ['Proposals'],
        'x-policy': 'proposals.curate',
        parameters: [id],
        requestBody: { required: true, content: jsonContent(ref('EditionUpdate')) },
        responses: { 200: jsonResponse('The draft.', ref('EditionChanged')), ...errors, ...conflict },
      },
      delete: {
        operationId: 'deleteEdition',
        summary: 'Drop a draft (kept in the history; published editions stay).',
        tags: ['Proposals'],
        'x-policy': 'proposals.curate',
        parameters: [id],
        responses: { 204: { description: 'Dropped.' }, ...errors, ...conflict },
      },
    },
    '/api/proposals/{id}/publish': {
      post: {
        operationId: 'publishEdition',
        summary: 'Publish a draft: it gets the next number and is frozen (audited).',
        description: 'Needs an introduction and at least one recommendation, every one of them final.',
        tags: ['Proposals'],
        'x-policy': 'proposals.curate',
        parameters: [id],
        requestBody: { required: false, content: jsonContent(ref('EditionPublish')) },
        responses: { 200: jsonResponse('The published edition.', ref('EditionChanged')), ...errors, ...conflict },
      },
    },
  },
};
