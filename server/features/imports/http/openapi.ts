import { z } from 'zod';
import { errorResponse, jsonContent, jsonResponse, jsonSchemaOf, pathParameter, queryParameters, ref, type OpenApiSection } from '../../../lib/openapi';
import { COLUMN_NAMES } from '../domain/columns';
import { IMPORT_LIMITS } from '../domain/read-file';
import { IMPORT_MODES, IMPORT_STATUSES, ROW_STATES } from '../persistence/import-model';
import { ROW_FILTERS, rowsQuery, startInput } from '../use-cases/service';

const date = z.iso.datetime();
const counts = z.object({
  total: z.number().int(),
  accepted: z.number().int(),
  refused: z.number().int(),
  written: z.number().int(),
  failed: z.number().int(),
  undone: z.number().int().describe('Rows written and then taken back because an all-or-nothing import failed.'),
});
const importOutput = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'json']),
  publish: z.boolean().describe('Whether rows are published at once (else saved as drafts).'),
  status: z.enum(IMPORT_STATUSES),
  mode: z.enum(IMPORT_MODES).optional(),
  active: z.boolean().describe('Still being worked on in the background: poll again.'),
  counts,
  progress: z.object({ done: z.number().int(), of: z.number().int() }).optional(),
  createdAt: date,
  createdBy: z.string(),
  startedAt: date.optional(),
  finishedAt: date.optional(),
  problem: z.string().optional().describe('Why the job failed as a whole.'),
});
const rowOutput = z.object({
  number: z.number().int().describe('CSV: the spreadsheet row (the header is row 1). JSON: the position in the list, from 1.'),
  state: z.enum(ROW_STATES),
  title: z.string().optional(),
  city: z.string().optional(),
  cityName: z.string().optional(),
  practiceId: z.string().optional(),
  problems: z.array(z.object({ field: z.string(), messages: z.array(z.string()) })).describe('Why the row is refused, by field.'),
});
const rowsOutput = z.object({
  items: z.array(rowOutput),
  total: z.number().int(),
  page: z.number().int(),
  pages: z.number().int(),
  show: z.enum(ROW_FILTERS),
});

const out = (schema: z.ZodType) => jsonSchemaOf(schema, 'output');
const id = pathParameter('id', 'The import id (24 hex digits).');
const errors = {
  401: errorResponse('Sign in (or send a token) first.'),
  403: errorResponse('Only the coordinator and administrators import practices.'),
};

export const importsOpenApi: OpenApiSection = {
  tags: [
    {
      name: 'Imports',
      description:
        'Bulk import of practices from CSV or JSON. Each row is validated exactly like `POST /api/practices`; a dry run ' +
        'reports every row, then the import runs in the background, all-or-nothing or of the accepted rows only.',
    },
  ],
  schemas: { Import: out(importOutput), ImportRows: out(rowsOutput), ImportStart: jsonSchemaOf(startInput) },
  paths: {
    '/api/imports': {
      get: {
        operationId: 'listImports',
        summary: 'The most recent imports, newest first.',
        tags: ['Imports'],
        'x-policy': 'practice.import',
        responses: { 200: jsonResponse('Recent imports.', { type: 'object', properties: { items: { type: 'array', items: ref('Import') } } }), ...errors },
      },
      post: {
        operationId: 'uploadImport',
        summary: 'Upload a file: its rows are stored and the dry run starts in the background.',
        description:
          `A CSV (UTF-8; comma, semicolon or tab separated) with a header row of these columns (only \`title\` is required): ` +
          `${COLUMN_NAMES.map((c) => `\`${c}\``).join(', ')}. Lists (themes, target groups) are separated by \`;\`; ` +
          '`indicators` and `sources` hold a JSON list. Or a JSON array of `POST /api/practices` bodies. ' +
          `At most ${IMPORT_LIMITS.maxBytes / (1024 * 1024)} MB and ${IMPORT_LIMITS.maxRows} rows. The template is at \`/api/imports/template.csv\`.`,
        tags: ['Imports'],
        'x-policy': 'practice.import',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  publish: { type: 'string', enum: ['true', 'false'], description: 'Publish each row at once (every field submission needs must be filled in).' },
                },
              },
            },
          },
        },
        responses: {
          202: jsonResponse('The import, validating; poll it.', ref('Import')),
          400: errorResponse('The file cannot be imported at all (type, encoding, syntax, unknown columns, too many rows): `fields.file` says why.'),
          413: errorResponse('The file is larger than the limit.'),
          ...errors,
        },
      },
    },
    '/api/imports/template.csv': {
      get: {
        operationId: 'importTemplate',
        summary: 'The CSV template: the header row (from the practice fields) and one complete example row.',
        tags: ['Imports'],
        'x-policy': 'practice.import',
        responses: { 200: { description: 'UTF-8 CSV with a byte-order mark.', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
      },
    },
    '/api/imports/{id}': {
      get: {
        operationId: 'getImport',
        summary: 'An import: status, counts and progress.',
        tags: ['Imports'],
        'x-policy': 'practice.import',
        parameters: [id],
        responses: { 200: jsonResponse('The import.', ref('Import')), ...errors, 404: errorResponse('No such import.') },
      },
    },
    '/api/imports/{id}/rows': {
      get: {
        operationId: 'importRows',
        summary: 'The row-by-row report: what would be (or was) accepted, and why each refused row is refused.',
        tags: ['Imports'],
        'x-policy': 'practice.import',
        parameters: [id, ...queryParameters(rowsQuery)],
        responses: { 200: jsonResponse('A page of rows.', ref('ImportRows')), 400: errorResponse('Invalid query.'), ...errors, 404: errorResponse('No such import.') },
      },
    },
    '/api/imports/{id}/start': {
      post: {
        operationId: 'startImport',
        summary: 'After the dry run: write the rows in the background.',
        description:
          '`all-or-nothing` needs every row accepted; if any row fails while writing, every practice written is taken back. ' +
          '`accepted-only` writes the accepted rows and reports any that fail.',
        tags: ['Imports'],
        'x-policy': 'practice.import',
        parameters: [id],
        requestBody: { required: true, content: jsonContent(ref('ImportStart')) },
        responses: {
          202: jsonResponse('The import, importing; poll it.', ref('Import')),
          400: errorResponse('Invalid input.'),
          ...errors,
          404: errorResponse('No such import.'),
          409: errorResponse('Not ready (still validating, or already started), rows were refused (all-or-nothing), or nothing was accepted.'),
        },
      },
    },
  },
};
