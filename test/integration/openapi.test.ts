import request from 'supertest';
import { registeredRoutes, toOpenApiPath } from '../../server/lib/openapi';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; responses: object }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
let doc: Doc;

beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await request(ctx.app).get('/api/openapi.json').expect(200)).body as Doc;
});

afterAll(async () => {
  await ctx.close();
});

const apiRoutes = () =>
  registeredRoutes(ctx.app)
    .filter((r) => r.path === '/api' || r.path.startsWith('/api/'))
    .filter((r) => r.method !== 'head');

describe('OpenAPI document', () => {
  it('when the document is fetched, then it is OpenAPI 3.1 JSON with the API’s error shape', async () => {
    const res = await request(ctx.app).get('/api/openapi.json').expect(200);

    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it('when the app’s registered /api routes are walked, then every one of them is documented', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);

    const undocumented = routes
      .filter((r) => !doc.paths[toOpenApiPath(r.path)]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);

    expect(undocumented).toEqual([]);
  });

  it('when the documented operations are listed, then each exists as a registered route', () => {
    const registered = new Set(apiRoutes().map((r) => `${r.method} ${toOpenApiPath(r.path)}`));

    const phantom = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .map((method) => `${method} ${path}`)
        .filter((key) => !registered.has(key)),
    );

    expect(phantom).toEqual([]);
  });

  it('when references and operation ids are checked, then every $ref resolves and every id is unique', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));

    expect(refs.filter((name) => !doc.components.schemas[name])).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when the practice schemas are read, then they come from the zod schemas the API parses with', () => {
    const create = doc.components.schemas.PracticeCreate as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, Record<string, unknown>>;
    };

    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(['title']);
    expect(create.properties.title).toMatchObject({ type: 'string', minLength: 5, maxLength: 200 });
    expect(create.properties.language).toBeDefined();
    expect((doc.components.schemas.PracticeUpdate as { required: string[] }).required).toEqual(['revision']);
  });
});
