import { errorResponse, jsonResponse, ref, type OpenApiSection } from '../../lib/openapi';
import { FACETS, SORT_KEYS } from './search.filters';
import { BODY_FIELDS } from './search.hits';
import { API_HITS_PER_PAGE, MAX_HITS_PER_PAGE, Q_MAX } from './search.schema';
import { REC_FACETS, REC_SORT_KEYS, SEARCH_TYPES } from './recommendation-search.schema';

const html = (description: string) => ({
  type: 'string',
  description: `${description} Safe HTML: the text escaped, matches wrapped in <mark>.`,
});
const nullable = (type: string) => ({ type: [type, 'null'] });

const FACET_HELP: Record<(typeof FACETS)[number], string> = {
  themes: 'Theme slugs (see GET /api/vocabularies).',
  city: 'City slugs (`lodz`, or `<name>-<country>` for cities outside the network).',
  country: 'ISO 3166-1 alpha-2 country codes.',
  targetGroups: 'Target-group slugs (see GET /api/vocabularies).',
  language: 'Language of the original text (`en`, `lv`, `lt`, `pl`, `de`, `ro`, `it`, `da`, `es`).',
  event: 'Slug of the network event where the practice was presented.',
  hasIndicators: '`true` for practices with measurable indicators, `false` for the others.',
};

const facetParameters = FACETS.map((facet) => ({
  name: facet,
  in: 'query',
  required: false,
  description: `${FACET_HELP[facet]} Repeat the parameter for several values (\`${facet}=a&${facet}=b\`): values of one facet are OR-ed, facets are AND-ed.`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 50 },
}));

const REC_FACET_HELP: Partial<Record<(typeof REC_FACETS)[number], string>> = {
  measureGroup: 'Measure-group slugs (see GET /api/vocabularies `measureGroups`).',
  horizons: 'Horizons of the recommended actions: `short`, `medium`, `long`.',
  costBands: 'Cost bands of the recommended actions: `low`, `medium`, `high`.',
  populationBands: 'Which cities it suits by population: `under-100k`, `100k-300k`, `over-300k`.',
  trends: 'Which cities it suits by population trend: `shrinking`, `stable`, `growing`.',
  roles: 'Which cities it suits by role in the region: `capital`, `regional-centre`, `small-town`, `suburb`.',
  priority: '`high`, `medium`, `low`.',
  status: '`final` or `consultation` (signed-in members only; others always get final ones).',
};

// Facets of recommendations that practices do not have (themes and target groups are shared).
const recommendationFacetParameters = REC_FACETS.filter((facet) => REC_FACET_HELP[facet]).map((facet) => ({
  name: facet,
  in: 'query',
  required: false,
  description: `With \`type=recommendations\` only. ${REC_FACET_HELP[facet]} Repeat the parameter for several values.`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 50 },
}));

const recommendationHit = {
  type: 'object',
  required: ['id', 'url', 'status', 'title', 'summary', 'themes', 'targetGroups', 'evidenceCount', '_formatted'],
  properties: {
    id: { type: 'string' },
    url: { type: 'string', description: 'The recommendation page.' },
    status: { type: 'string', enum: ['final', 'consultation'] },
    title: { type: 'string' },
    summary: { type: 'string' },
    measureGroup: nullable('string'),
    themes: { type: 'array', items: { type: 'string' } },
    targetGroups: { type: 'array', items: { type: 'string' } },
    horizons: { type: 'array', items: { type: 'string' } },
    priority: nullable('string'),
    evidenceCount: { type: 'integer', description: 'Practices cited as evidence.' },
    actionCount: { type: 'integer' },
    finalisedAt: { type: ['string', 'null'], format: 'date-time' },
    _formatted: {
      type: 'object',
      required: ['title', 'summary'],
      properties: { title: html('The title.'), summary: html('The summary, cropped around the match.') },
    },
  },
};

const year = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', minimum: 1900, maximum: 2100 },
});

const hit = {
  type: 'object',
  required: ['id', 'url', 'title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', '_formatted'],
  properties: {
    id: { type: 'string' },
    url: { type: 'string', description: 'The practice page.' },
    title: { type: 'string' },
    summary: { type: 'string' },
    city: { type: 'string' },
    cityName: { type: 'string' },
    country: { type: 'string' },
    themes: { type: 'array', items: { type: 'string' } },
    targetGroups: { type: 'array', items: { type: 'string' } },
    startYear: nullable('integer'),
    endYear: nullable('integer'),
    ongoing: { type: 'boolean' },
    language: nullable('string'),
    event: nullable('string'),
    hasIndicators: { type: 'boolean' },
    budgetEur: nullable('number'),
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    _formatted: {
      type: 'object',
      required: ['title', 'summary', 'cityName'],
      properties: {
        title: html('The title.'),
        summary: html('The summary, cropped around the match.'),
        cityName: html('The city name.'),
      },
    },
    snippet: {
      type: 'object',
      description: 'Present when the query was found in a long text: that text cropped around the match.',
      required: ['field', 'html'],
      properties: { field: { type: 'string', enum: [...BODY_FIELDS] }, html: html('The cropped text.') },
    },
    foundInAttachment: {
      type: 'array',
      description: 'Present when the query was found in attachments (their extracted text or file name): the files.',
      items: {
        type: 'object',
        required: ['id', 'name', 'nameHtml'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string', description: 'The file name as uploaded.' },
          nameHtml: html('The file name.'),
          html: html('The attachment text cropped around the match, when the text matched.'),
        },
      },
    },
  },
};

export const searchOpenApi: OpenApiSection = {
  tags: [{ name: 'Search', description: 'Full-text search over published practices and recommendations in every partner language.' }],
  paths: {
    '/api/search': {
      get: {
        operationId: 'searchPractices',
        summary: 'Search published practices or recommendations, with facet counts and the count of each kind.',
        description:
          'The query is matched in every partner language: diacritics are optional (`lodz` finds Łódź, `Strasse` finds Straße), ' +
          'spelling mistakes are tolerated and cross-language synonyms apply (`youth` finds `jaunieši`, `Jugend`, `giovani`…). ' +
          'Facet counts are disjunctive: each facet is counted as if its own selection were not applied, so the other values of a ' +
          'narrowed facet keep their counts. An unknown parameter (facet) or sort is refused with 400. When the search engine is ' +
          'unavailable the answer is 503 with the code `search_unavailable`.',
        tags: ['Search'],
        'x-policy': 'public.read',
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: false,
            description: `Search words, as typed (at most ${Q_MAX} characters).`,
            schema: { type: 'string', maxLength: Q_MAX },
          },
          {
            name: 'type',
            in: 'query',
            required: false,
            description:
              'What to search: `practices` (default) or `recommendations`. Recommendations: final ones for everyone allowed to read, ' +
              'those in consultation too for signed-in members.',
            schema: { type: 'string', enum: [...SEARCH_TYPES], default: 'practices' },
          },
          ...facetParameters,
          ...recommendationFacetParameters,
          year('from', 'Start year from (inclusive).'),
          year('to', 'Start year until (inclusive).'),
          {
            name: 'ongoing',
            in: 'query',
            required: false,
            description: '`1` or `true`: only practices still running.',
            schema: { type: 'string', enum: ['1', 'true', '0', 'false'] },
          },
          {
            name: 'sort',
            in: 'query',
            required: false,
            description: `Order of the hits; relevance by default (newest first for an empty query). Recommendations: ${REC_SORT_KEYS.join(', ')}.`,
            schema: { type: 'string', enum: [...new Set([...SORT_KEYS, ...REC_SORT_KEYS])], default: 'relevance' },
          },
          { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
          {
            name: 'hitsPerPage',
            in: 'query',
            required: false,
            description: `Hits per page; larger values are capped at ${MAX_HITS_PER_PAGE}.`,
            schema: { type: 'integer', minimum: 1, default: API_HITS_PER_PAGE },
          },
        ],
        responses: {
          200: jsonResponse('One page of hits with exact totals and facet counts.', ref('SearchResults')),
          400: errorResponse(
            'An unknown parameter (facet) or sort, an invalid value, or `q` longer than 200 characters; `fields` names each.',
          ),
          401: errorResponse('The knowledge base is not public: sign in or send a token.'),
          503: errorResponse(
            'The search engine is unavailable (`search_unavailable`); browse GET /api/practices meanwhile.',
          ),
        },
      },
    },
  },
  schemas: {
    SearchHit: hit,
    RecommendationSearchHit: recommendationHit,
    SearchResults: {
      type: 'object',
      required: [
        'type',
        'query',
        'hits',
        'counts',
        'facetDistribution',
        'totalHits',
        'page',
        'totalPages',
        'hitsPerPage',
        'processingTimeMs',
      ],
      properties: {
        type: { type: 'string', enum: [...SEARCH_TYPES] },
        query: { type: 'string' },
        hits: { type: 'array', items: { oneOf: [ref('SearchHit'), ref('RecommendationSearchHit')] }, description: 'Practices, or recommendations with `type=recommendations`.' },
        counts: {
          type: 'object',
          description: 'How many practices and recommendations the query finds (without filters): the page’s switch between the two.',
          properties: { practices: { type: 'integer' }, recommendations: { type: 'integer' } },
        },
        facetDistribution: {
          type: 'object',
          description: 'Per facet: value → number of hits. Selected values are always listed (possibly with 0).',
          properties: Object.fromEntries(
            [...new Set<string>([...FACETS, ...REC_FACETS])].map((f) => [f, { type: 'object', additionalProperties: { type: 'integer' } }]),
          ),
        },
        totalHits: { type: 'integer', description: 'Exact number of hits (up to 10 000).' },
        page: { type: 'integer' },
        totalPages: { type: 'integer' },
        hitsPerPage: { type: 'integer' },
        processingTimeMs: { type: 'integer' },
      },
    },
  },
};
