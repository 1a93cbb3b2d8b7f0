import fs from 'node:fs';
import path from 'node:path';
import { Router, type Express } from 'express';
import { z } from 'zod';
import { projectRoot } from './paths';
import { SESSION_COOKIE } from './session';

/**
 * The OpenAPI 3.1 document of the JSON API, assembled from sections that features contribute
 * (paths written out by hand, schemas generated from the same zod schemas the routes parse with).
 * A test walks the app's registered /api routes against it, so the document cannot drift.
 */

type JsonSchema = Record<string, unknown>;

export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  /** The policy action (server/lib/policy.ts) that decides access: documentation for API users. */
  'x-policy'?: string;
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, JsonSchema>;
};

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;

export type OpenApiSection = {
  tags?: { name: string; description: string }[];
  paths: Record<string, OpenApiPathItem>;
  schemas?: Record<string, JsonSchema>;
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a client sends (`input`) or gets (`output`). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });

export const jsonResponse = (description: string, schema: JsonSchema) => ({
  description,
  content: jsonContent(schema),
});

/** The one error shape every /api error has (server/lib/error-handler.ts). */
export const errorResponse = (description: string) => jsonResponse(description, ref('Error'));

export const pathParameter = (name: string, description: string, schema: JsonSchema = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});

/** Query parameters from a zod object schema, one per key. */
export function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const json = jsonSchemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['validation_failed', 'not_found', 'forbidden', 'edit_conflict'] },
        message: { type: 'string', description: 'A sentence in the request’s language.' },
        fields: {
          type: 'object',
          description: 'For validation errors: messages by field path (`period.startYear`, `indicators.0.value`).',
          additionalProperties: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

export function buildOpenApiDocument(sections: readonly OpenApiSection[], info: { version: string }) {
  const paths: Record<string, OpenApiPathItem> = {
    '/api/openapi.json': {
      get: {
        operationId: 'openApiDocument',
        summary: 'This document.',
        tags: ['Meta'],
        responses: { 200: { description: 'The OpenAPI 3.1 document.', content: jsonContent({ type: 'object' }) } },
      },
    },
  };
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  for (const section of sections) {
    for (const [path, item] of Object.entries(section.paths)) paths[path] = { ...paths[path], ...item };
    Object.assign(schemas, section.schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'DeCoDe Knowledge Base API',
      version: info.version,
      description:
        'Depopulation-control best practices of the DeCoDe network. Authenticate with `Authorization: Bearer <token>` ' +
        '(tokens from the account page) or a signed-in session; session requests that change data send the CSRF token ' +
        'in `X-CSRF-Token`. Error messages follow the `lang` cookie or Accept-Language (en, lv).',
    },
    tags: [{ name: 'Meta', description: 'About the API itself.' }, ...sections.flatMap((s) => s.tags ?? [])],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`dkb_…`).' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
    },
    security: [{}, { bearer: [] }, { session: [] }],
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

export function openApiRoutes(document: OpenApiDocument): Router {
  const router = Router();
  const body = JSON.stringify(document);
  router.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').set('Cache-Control', 'no-cache').send(body);
  });
  return router;
}

/** `/api/practices/:id` → `/api/practices/{id}` */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

type RouteLayer = {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
  rawPath?: unknown;
};

/** Every route registered on the app (Express 5 / router 2), as method and Express path. */
export function registeredRoutes(app: Express): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const walk = (stack: RouteLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths.filter((p): p is string => typeof p === 'string')) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') routes.push({ method, path: `${prefix}${path}` });
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, '');
  return routes;
}

/** The application's version, for the document's `info.version`. */
export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
