import { errorResponse, type OpenApiSection } from '../../lib/openapi';
import { PRACTICE_STATUSES, RECOMMENDATION_STATUSES } from '../../lib/policy';
import { PRIORITIES } from '../recommendations';
import { searchOpenApi } from '../search';
import { MAX_EXPORT_ROWS } from './exports.service';

type Parameter = { name?: string } & Record<string, unknown>;

// The search export takes the search's own parameters, except paging: it carries every hit.
const searchParameters = ((searchOpenApi.paths['/api/search']?.get?.parameters ?? []) as Parameter[]).filter(
  (p) => p.name !== 'page' && p.name !== 'hitsPerPage',
);

const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const practiceParameters = [
  query('status', 'Workflow status; without it, the published practices. Members see what the policy lets them (a partner their own city’s drafts).', {
    type: 'string',
    enum: [...PRACTICE_STATUSES],
  }),
  query('city', 'City slug.'),
  query('country', 'ISO 3166-1 alpha-2 country code.'),
  query('theme', 'Theme slug.'),
  query('targetGroup', 'Target-group slug.'),
];

const recommendationParameters = [
  query('status', 'Workflow status; without it, the current ones the requester may read (the public: final; members: also in consultation; curators: also drafts). `withdrawn` lists the withdrawn ones.', {
    type: 'string',
    enum: [...RECOMMENDATION_STATUSES],
  }),
  query('measureGroup', 'Measure-group slug.'),
  query('theme', 'Theme slug.'),
  query('targetGroup', 'Target-group slug.'),
  query('priority', 'Priority.', { type: 'string', enum: [...PRIORITIES] }),
];

const WHAT = {
  search: 'every hit of a search',
  practices: 'a list of practices',
  recommendations: 'a list of recommendations (`adoptedIn` names the partner cities that took each into their plans)',
} as const;

const CSV = 'UTF-8 with a byte-order mark (Excel reads it), one row per item, headings in the request’s language; lists are joined with "; ".';
const JSON_BODY = 'An object with `exportedAt`, `query`, `total`, `truncated`, `count` and `items` (one object per row, lists kept as arrays).';
const HEADERS = {
  'X-Total-Count': { description: 'How many items matched.', schema: { type: 'integer' } },
  'X-Export-Truncated': { description: `Present (\`true\`) when more than ${MAX_EXPORT_ROWS} matched and only the first were exported.`, schema: { type: 'string' } },
};

const download = (what: keyof typeof WHAT, parameters: Parameter[], policy: string, extra: Record<string, unknown>) =>
  Object.fromEntries(
    (['csv', 'json'] as const).map((format) => [
      `/api/exports/${what}.${format}`,
      {
        get: {
          operationId: `export${what[0]!.toUpperCase()}${what.slice(1)}${format.toUpperCase()}`,
          summary: `Download ${WHAT[what]} as ${format.toUpperCase()}.`,
          description: `${format === 'csv' ? CSV : JSON_BODY} At most ${MAX_EXPORT_ROWS} rows.`,
          tags: ['Exports'],
          'x-policy': policy,
          parameters,
          responses: {
            200: {
              description: 'The download (Content-Disposition: attachment).',
              headers: HEADERS,
              content: format === 'csv' ? { 'text/csv': { schema: { type: 'string' } } } : { 'application/json': { schema: { type: 'object' } } },
            },
            400: errorResponse('An unknown parameter or an invalid value.'),
            401: errorResponse('Sign in or send a token (a non-public knowledge base, or a status only members may list).'),
            ...extra,
          },
        },
      },
    ]),
  );

export const exportsOpenApi: OpenApiSection = {
  tags: [{ name: 'Exports', description: 'Search results, practice and recommendation lists as CSV or JSON, holding exactly what the requester may see.' }],
  paths: {
    ...download('search', searchParameters, 'public.read', { 503: errorResponse('The search engine is unavailable (`search_unavailable`).') }),
    ...download('practices', practiceParameters, 'public.read; working copies by practice.read-working', {
      403: errorResponse('A status the requester may not list.'),
    }),
    ...download('recommendations', recommendationParameters, 'public.read; each stage by recommendation.read', {
      403: errorResponse('A status the requester may not list.'),
    }),
  },
}; // prettier-ignore
