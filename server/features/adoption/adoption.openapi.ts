import { z } from 'zod';
import {
  errorResponse,
  jsonContent,
  jsonResponse,
  jsonSchemaOf,
  pathParameter,
  ref,
  type OpenApiSection,
} from '../../lib/openapi';
import { ADOPTION_STATUSES, adoptionInput } from './adoption.fields';

const status = z.enum(ADOPTION_STATUSES);
const documentOutput = z.object({
  name: z.string().optional(),
  year: z.number().int().optional(),
  url: z.string().optional(),
});
const city = z.object({ slug: z.string(), name: z.string(), country: z.string() });
const recommendation = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  measureGroup: z.string().optional(),
});

const cellOutput = z.object({
  city,
  recorded: z.boolean().describe('False for a cell nobody has recorded yet (it reads as not-considered).'),
  status,
  reason: z.string().optional().describe('Why it was not adopted.'),
  document: documentOutput.describe('The planning document it was taken into.'),
  note: z.string().optional(),
  illustrative: z.boolean().describe('Demo data: an illustration, not a statement about the real city.'),
  revision: z.number().int().describe('0 for a cell nobody has recorded yet; send it back when recording.'),
  updatedAt: z.string().optional(),
  mayEdit: z.boolean(),
});
const rowOutput = z.object({ recommendation, cells: z.array(cellOutput) });
const matrixOutput = z.object({
  cities: z.array(city),
  rows: z.array(rowOutput),
  totals: z
    .record(z.string(), z.record(status, z.number().int()))
    .describe('Per city: how many recommendations are in each status.'),
  illustrative: z.boolean(),
});
const changeOutput = z.object({
  revision: z.number().int(),
  at: z.string(),
  kind: z.enum(['create', 'edit']),
  by: z.string().optional().describe('Who made the change (members only).'),
  changedFields: z.array(z.string()),
  status,
  reason: z.string().optional(),
  document: documentOutput,
  note: z.string().optional(),
});
const cellWithHistory = z.object({ recommendation, cell: cellOutput, history: z.array(changeOutput) });

const out = (schema: z.ZodType) => jsonSchemaOf(schema, 'output');
const recommendationId = pathParameter('recommendationId', 'The recommendation id (24 hex digits).');
const citySlug = pathParameter('city', 'A partner city (its slug, e.g. `daugavpils`).');
const errors = {
  401: errorResponse('Sign in (or send a token) first.'),
  403: errorResponse('The policy does not allow this.'),
  404: errorResponse('No such recommendation or city (or not visible to you).'),
};

export const adoptionOpenApi: OpenApiSection = {
  tags: [
    {
      name: 'Adoption',
      description: 'Whether and where each partner city took each final recommendation into its plans.',
    },
  ],
  schemas: {
    AdoptionInput: jsonSchemaOf(adoptionInput),
    AdoptionCell: out(cellOutput),
    AdoptionRow: out(rowOutput),
    AdoptionMatrix: out(matrixOutput),
    AdoptionCellHistory: out(cellWithHistory),
  },
  paths: {
    '/api/adoption': {
      get: {
        operationId: 'adoptionMatrix',
        summary: 'Every final recommendation × every partner city, with totals per city.',
        tags: ['Adoption'],
        'x-policy': 'public.read',
        responses: { 200: jsonResponse('The matrix.', ref('AdoptionMatrix')), 401: errors[401] },
      },
    },
    '/api/adoption/{recommendationId}': {
      get: {
        operationId: 'adoptionRow',
        summary: "One recommendation's row: a cell per partner city.",
        tags: ['Adoption'],
        'x-policy': 'recommendation.read',
        parameters: [recommendationId],
        responses: { 200: jsonResponse('The row.', ref('AdoptionRow')), ...errors },
      },
    },
    '/api/adoption/{recommendationId}/{city}': {
      get: {
        operationId: 'adoptionCell',
        summary: 'One cell with its history, newest change first.',
        tags: ['Adoption'],
        'x-policy': 'recommendation.read',
        parameters: [recommendationId, citySlug],
        responses: { 200: jsonResponse('The cell and its history.', ref('AdoptionCellHistory')), ...errors },
      },
      put: {
        operationId: 'recordAdoption',
        summary: "Record a city's decision on a final recommendation (the whole cell; kept as a new revision).",
        description:
          'A reason is required for `not-adopted`, and the planning document’s name for `adopted` and `implementing`. ' +
          'Send the `revision` you started from (0 for an unrecorded cell): a cell changed meanwhile answers 409.',
        tags: ['Adoption'],
        'x-policy': 'adoption.edit',
        parameters: [recommendationId, citySlug],
        requestBody: { required: true, content: jsonContent(ref('AdoptionInput')) },
        responses: {
          200: jsonResponse('The cell as stored.', ref('AdoptionCell')),
          400: errorResponse('Invalid input: `fields` names each problem.'),
          ...errors,
          409: errorResponse('The cell changed meanwhile, or the recommendation is not final.'),
        },
      },
    },
  },
};
