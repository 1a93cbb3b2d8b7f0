import { LOCALES } from '../../lib/i18n';
import { jsonResponse, type OpenApiSection } from '../../lib/openapi';

const term = {
  type: 'object',
  required: ['slug', 'labels', 'retired'],
  properties: {
    slug: { type: 'string' },
    labels: {
      type: 'object',
      description: 'The label in each interface language; en and lv always, the others where the term has one.',
      required: ['en', 'lv'],
      properties: Object.fromEntries(LOCALES.map((locale) => [locale, { type: 'string' }])),
    },
    retired: { type: 'boolean', description: 'Still valid on practices that carry it; not offered for new ones.' },
  },
};

export const vocabulariesOpenApi: OpenApiSection = {
  tags: [{ name: 'Vocabularies', description: 'The curated themes and target groups practices are classified by, and the measure groups of recommendations.' }],
  paths: {
    '/api/vocabularies': {
      get: {
        operationId: 'listVocabularies',
        summary: 'Themes, target groups and measure groups with their slugs and labels.',
        tags: ['Vocabularies'],
        'x-policy': 'public.read',
        responses: {
          200: jsonResponse('Both vocabularies.', {
            type: 'object',
            properties: {
              themes: { type: 'array', items: term },
              targetGroups: { type: 'array', items: term },
              measureGroups: { type: 'array', items: term, description: 'The action plan’s groups of measures recommendations belong to.' },
            },
          }),
        },
      },
    },
  },
};
