import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, csrfFor, signedInAgent } from '../support/factories';
import { finalRecommendation } from '../support/proposals';
import { completeRecommendationBody } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
let kaunasPartner: User;
let daugavpilsPartner: User;
let planner: User;
let family: string;
let returns: string;
let draft: string;

type Cell = {
  city: { slug: string };
  status: string;
  recorded: boolean;
  document: { name?: string; year?: number; url?: string };
  reason?: string;
  revision: number;
  mayEdit: boolean;
};
type Matrix = {
  cities: { slug: string }[];
  rows: { recommendation: { id: string; title: string }; cells: Cell[] }[];
  totals: Record<string, Record<string, number>>;
};

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  kaunasPartner = await createUser(ctx, { role: 'partner', city: 'kaunas' });
  daugavpilsPartner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  planner = await createUser(ctx, { role: 'planner' });
  family = (
    await finalRecommendation(
      ctx,
      { author: daugavpilsPartner, coordinator },
      { title: 'Family cards for large families', measureGroup: 'birth-rate-family-support' },
    )
  ).id;
  returns = (
    await finalRecommendation(
      ctx,
      { author: daugavpilsPartner, coordinator },
      { title: 'Return advisers in regional centres', measureGroup: 'remigration' },
    )
  ).id;
  draft = (
    await ctx.services.recommendations.create(
      coordinator,
      completeRecommendationBody({ title: 'A draft nobody adopts yet' }),
    )
  ).id;
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

async function record(user: User, recommendationId: string, city: string, body: Record<string, unknown>) {
  const { agent, csrf } = await signedInAgent(ctx.app, user);
  return agent.put(`/api/adoption/${recommendationId}/${city}`).set('x-csrf-token', csrf).send(body);
}

describe('adoption tracker', () => {
  it('when cities record their decisions, then the matrix has a row per final recommendation, a cell per city and totals per city', async () => {
    const adopted = await record(kaunasPartner, family, 'kaunas', {
      status: 'adopted',
      document: {
        name: 'Kaunas strategic development plan 2021–2030',
        year: 2021,
        url: 'https://example.org/kaunas-plan',
      },
      note: 'Family card extended to large families.',
      revision: 0,
    });
    const refused = await record(coordinator, returns, 'vejle', {
      status: 'not-adopted',
      reason: 'Vejle is growing; no remigration programme is planned.',
    });

    const res = await request(ctx.app).get('/api/adoption');
    const page = await request(ctx.app).get('/adoption');

    expect(adopted.status).toBe(200);
    expect(refused.status).toBe(200);
    const matrix = res.body as Matrix;
    expect(matrix.cities.map((c) => c.slug)).toEqual([
      'daugavpils',
      'kaunas',
      'lodz',
      'magdeburg',
      'oradea',
      'palermo',
      'vejle',
      'cuenca',
    ]);
    // Final ones only, by measure group: birth rate before remigration; the draft is not in it.
    expect(matrix.rows.map((r) => r.recommendation.title)).toEqual([
      'Family cards for large families',
      'Return advisers in regional centres',
    ]);
    const cell = (row: number, city: string) => matrix.rows[row]!.cells.find((c) => c.city.slug === city)!;
    expect(cell(0, 'kaunas')).toMatchObject({
      status: 'adopted',
      recorded: true,
      document: { name: 'Kaunas strategic development plan 2021–2030', year: 2021 },
    });
    expect(cell(0, 'lodz')).toMatchObject({ status: 'not-considered', recorded: false, revision: 0 });
    expect(cell(1, 'vejle')).toMatchObject({
      status: 'not-adopted',
      reason: 'Vejle is growing; no remigration programme is planned.',
    });
    expect(matrix.totals.kaunas).toEqual({
      'not-considered': 1,
      'under-consideration': 0,
      adopted: 1,
      implementing: 0,
      'not-adopted': 0,
    });
    expect(matrix.totals.vejle!['not-adopted']).toBe(1);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(
      /<td data-city="kaunas"><a class="adoption-cell-link" href="\/adoption\/[0-9a-f]{24}\/kaunas" aria-label="Kaunas: Adopted in a plan">/,
    );
    expect(page.text).toContain('Kaunas strategic development plan 2021–2030 (2021)');
    expect(page.text).toContain('<td data-total="kaunas">1 of 2</td>');
  });

  it('when a partner records a city, then only their own city is theirs, the coordinator may record any, and planners none', async () => {
    const own = await record(daugavpilsPartner, returns, 'daugavpils', {
      status: 'under-consideration',
      note: 'Discussed in the planning committee.',
    });
    const other = await record(daugavpilsPartner, returns, 'lodz', { status: 'adopted', document: { name: 'Plan' } });
    const asPlanner = await record(planner, returns, 'lodz', { status: 'under-consideration' });
    const anonymous = request.agent(ctx.app);
    const token = await csrfFor(anonymous);
    const visitor = await anonymous.put(`/api/adoption/${returns}/lodz`).set('x-csrf-token', token).send({ status: 'under-consideration' });
    const coordinatorAny = await record(coordinator, returns, 'lodz', { status: 'under-consideration' });
    const row = (await (await signedInAgent(ctx.app, daugavpilsPartner)).agent.get(`/api/adoption/${returns}`))
      .body as { cells: Cell[] };

    expect(own.status).toBe(200);
    expect(other.status).toBe(403);
    expect(asPlanner.status).toBe(403);
    expect(visitor.status).toBe(401);
    expect(coordinatorAny.status).toBe(200);
    expect(row.cells.filter((c) => c.mayEdit).map((c) => c.city.slug)).toEqual(['daugavpils']);
  });

  it('when a cell is changed again, then every change is kept in its history, newest first, and a stale revision is a conflict', async () => {
    const first = await record(kaunasPartner, returns, 'kaunas', { status: 'under-consideration', revision: 0 });
    const second = await record(kaunasPartner, returns, 'kaunas', {
      status: 'implementing',
      document: { name: 'Kaunas action plan', year: 2022 },
      revision: (first.body as Cell).revision,
    });
    const stale = await record(kaunasPartner, returns, 'kaunas', {
      status: 'not-adopted',
      reason: 'Too late.',
      revision: (first.body as Cell).revision,
    });
    const again = await record(kaunasPartner, returns, 'kaunas', {
      status: 'adopted',
      document: { name: 'Other' },
      revision: 0,
    });

    const member = (await (await signedInAgent(ctx.app, planner)).agent.get(`/api/adoption/${returns}/kaunas`))
      .body as {
      cell: Cell;
      history: { revision: number; status: string; by?: string; document: { name?: string } }[];
    };
    const visitor = (await request(ctx.app).get(`/api/adoption/${returns}/kaunas`)).body as {
      history: { by?: string }[];
    };

    expect(second.status).toBe(200);
    expect(stale.status).toBe(409);
    expect(again.status).toBe(409);
    expect(member.cell).toMatchObject({ status: 'implementing', revision: 2 });
    expect(member.history.map((h) => [h.revision, h.status, h.document.name])).toEqual([
      [2, 'implementing', 'Kaunas action plan'],
      [1, 'under-consideration', undefined],
    ]);
    expect(member.history[0]!.by).toBe(kaunasPartner.name);
    expect(visitor.history.map((h) => h.by)).toEqual([undefined, undefined]);
  });

  it('when a partner uses the form, then a missing reason or document comes back beside its field and a valid one is saved and shown', async () => {
    const { agent, csrf } = await signedInAgent(ctx.app, kaunasPartner);
    const path = `/adoption/${family}/kaunas`;
    const revision = ((await agent.get(`/api/adoption/${family}/kaunas`)).body as { cell: Cell }).cell.revision;

    const missing = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, revision: String(revision), status: 'not-adopted', document: { year: '20x1' } });
    const saved = await agent
      .post(path)
      .type('form')
      .send({
        _csrf: csrf,
        revision: String(revision),
        status: 'implementing',
        document: { name: 'Kaunas plan 2021–2030', year: '2021', url: '' },
        note: 'Started in 2022.',
      });
    const shown = await agent.get(saved.headers.location ?? path);

    expect(missing.status).toBe(422);
    expect(missing.text).toContain('<p class="field-error" id="reason-error">Say why the city did not adopt it.</p>');
    expect(missing.text).toContain(
      '<p class="field-error" id="document-year-error">Give the year as four digits, between 1990 and 2100.</p>',
    );
    expect(missing.text).toContain('value="20x1"');
    expect(saved.status).toBe(303);
    expect(shown.text).toContain('Saved. The change is kept in the history below.');
    expect(shown.text).toContain('data-adoption-status="implementing"');
    expect(shown.text).toContain('Started in 2022.');
  });

  it('when the recommendation page is shown, then it has its row of cities with their statuses and documents', async () => {
    const page = await request(ctx.app).get(`/recommendations/${family}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('data-adoption-row');
    expect(page.text).toMatch(
      /<tr data-city="kaunas">\s*<th scope="row">Kaunas<\/th>\s*<td>\s*<span class="adoption-status adoption-implementing"/,
    );
    expect(page.text).toContain('Kaunas plan 2021–2030 (2021)');
  });

  it('when a recommendation is not final, then its page shows no row of cities (there is nothing to adopt yet)', async () => {
    const { agent } = await signedInAgent(ctx.app, coordinator);

    const page = await agent.get(`/recommendations/${draft}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('A draft nobody adopts yet');
    expect(page.text).not.toContain('data-adoption-row');
  });

  it('when the input is hostile or the recommendation is not final, then it is refused with a clear answer and nothing is stored', async () => {
    const notFinal = await record(coordinator, draft, 'kaunas', { status: 'under-consideration' });
    const unknownCity = await record(coordinator, family, 'atlantis', { status: 'under-consideration' });
    const junk = await record(coordinator, family, 'lodz', {
      status: { $ne: 'x' },
      document: { url: 'javascript:alert(1)', year: 1800 },
      extra: true,
    });
    const badId = await request(ctx.app).get('/api/adoption/not-an-id/kaunas');
    const lodz = ((await request(ctx.app).get(`/api/adoption/${family}/lodz`)).body as { cell: Cell }).cell;

    expect(notFinal.status).toBe(409);
    expect(unknownCity.status).toBe(404);
    expect(junk.status).toBe(400);
    expect(Object.keys((junk.body as { error: { fields: Record<string, string[]> } }).error.fields).sort()).toEqual([
      'document.name',
      'document.url',
      'document.year',
      'extra',
      'status',
    ]);
    expect(badId.status).toBe(404);
    expect(lodz).toMatchObject({ recorded: false, status: 'not-considered' });
  });
});
