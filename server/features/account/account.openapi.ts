import { errorResponse, jsonResponse, type OpenApiSection } from '../../lib/openapi';
import { ROLES } from '../../lib/policy';

/** `GET /api/me` (account.routes.ts): who the token or session belongs to. */
export const accountOpenApi: OpenApiSection = {
  tags: [{ name: 'Account', description: 'The signed-in user.' }],
  paths: {
    '/api/me': {
      get: {
        operationId: 'me',
        summary: 'The user the token or session belongs to.',
        tags: ['Account'],
        'x-policy': 'account.manage',
        responses: {
          200: jsonResponse('The user.', {
            type: 'object',
            required: ['id', 'name', 'email', 'role', 'city'],
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              email: { type: 'string', format: 'email' },
              role: { type: 'string', enum: [...ROLES] },
              city: { type: ['string', 'null'], description: 'A partner’s city slug; null for other roles.' },
            },
          }),
          401: errorResponse('Sign in (or send a token) first.'),
        },
      },
    },
  },
};
