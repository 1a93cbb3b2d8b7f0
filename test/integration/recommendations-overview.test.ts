import request from 'supertest';
import { createUser, signedInAgent } from '../support/factories';
import { overviewFixture, type OverviewFixture } from '../support/overview-fixtures';
import { decodeEntities } from '../support/practice-pages';
import { recommendationOverviewFixture, type RecommendationOverviewFixture } from '../support/recommendation-overview';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let fx: OverviewFixture;
let recs: RecommendationOverviewFixture;

const CITIES = ['daugavpils', 'kaunas', 'lodz', 'magdeburg', 'oradea', 'palermo', 'vejle', 'cuenca'];

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await overviewFixture(ctx);
  recs = await recommendationOverviewFixture(ctx, fx);
}, 180_000);

afterAll(async () => {
  await ctx.close();
});

/** The part of a page from a table's opening to its end. */
const tableOf = (html: string, name: string) => {
  const start = html.indexOf(`data-table="${name}"`);
  return start === -1 ? '' : html.slice(start, html.indexOf('</table>', start));
};

/** The evidence table: recommendation id → the numbers of its columns. */
function evidenceRows(html: string): Map<string, Record<string, number>> {
  const rows = new Map<string, Record<string, number>>();
  for (const row of tableOf(html, 'evidence').matchAll(/<tr data-recommendation="([0-9a-f]{24})">([\s\S]*?)<\/tr>/g)) {
    const cols: Record<string, number> = {};
    for (const cell of (row[2] ?? '').matchAll(/<td class="num" data-col="([^"]+)">([\s\S]*?)<\/td>/g)) {
      cols[cell[1] ?? ''] = Number(/(\d+)(?:<\/a>|<\/span>)?$/.exec((cell[2] ?? '').trim())?.[1]);
    }
    rows.set(row[1] ?? '', cols);
  }
  return rows;
}

/** The adoption matrix: recommendation id → city → status shown in the cell. */
function adoptionCells(html: string): Map<string, Map<string, string>> {
  const rows = new Map<string, Map<string, string>>();
  for (const row of tableOf(html, 'adoption-matrix').matchAll(/<tr data-recommendation="([0-9a-f]{24})">([\s\S]*?)<\/tr>/g)) {
    const cells = new Map<string, string>();
    for (const cell of (row[2] ?? '').matchAll(/<td data-city="([^"]+)">[\s\S]*?data-adoption-status="([^"]+)"/g)) cells.set(cell[1] ?? '', cell[2] ?? '');
    rows.set(row[1] ?? '', cells);
  }
  return rows;
}

/** Per city: the "in plans" count of the dashboard's city table. */
const inPlansByCity = (html: string) =>
  new Map([...tableOf(html, 'adoption-cities').matchAll(/<tr data-city="([^"]+)">[\s\S]*?data-col="in-plans">(\d+)</g)].map((m) => [m[1], Number(m[2])]));

/** The city links on a map: slug → practices and adopted recommendations. */
const mapCounts = (html: string) =>
  [...html.matchAll(/<a class="map-city[^"]*" href="[^"]+" aria-label="([^"]+)" data-city="([^"]+)" data-count="(\d+)" data-adopted="(\d+)">[\s\S]*?<text[^>]*>([^<]*)<\/text>/g)].map(
    (m) => ({ label: decodeEntities(m[1] ?? ''), slug: m[2], practices: Number(m[3]), adopted: Number(m[4]), caption: m[5] }),
  );

/** What the stored data says: final recommendations adopted or being implemented per city. */
async function storedInPlans(): Promise<Map<string, number>> {
  const finals = new Set((await ctx.db.collection('recommendations').find({ status: 'final', deleted: false }).toArray()).map((d) => String(d._id)));
  const cells = await ctx.db.collection('adoption').find({}).toArray();
  return new Map(CITIES.map((city) => [city, cells.filter((c) => c.city === city && finals.has(String(c.recommendationId)) && ['adopted', 'implementing'].includes(c.status as string)).length]));
}

describe('the dashboard: evidence per recommendation', () => {
  it('when a visitor opens it, then only the final recommendations are listed, each with the practices it cites that still stand', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    const rows = evidenceRows(res.text);
    expect([...rows.keys()]).toEqual([recs.returns, recs.youth]);
    expect(rows.get(recs.returns)).toEqual({ practices: 3, cities: 3, 'with-results': 3 });
    // The youth recommendation cites two practices; one was archived since and no longer counts.
    expect(rows.get(recs.youth)).toEqual({ practices: 1, cities: 1, 'with-results': 1 });
    expect(res.text).toContain(`href="/recommendations/${recs.returns}#evidence"`);
    expect(res.text).not.toContain('Draft: a youth guarantee');
    expect(res.text).not.toContain('Family cards honoured across the region');
    expect(res.text).not.toContain('Withdrawn: relocation bonus');
    expect(tableOf(res.text, 'evidence')).not.toContain('data-col="withdrawn"');
  });

  it('when a partner opens it, then recommendations in consultation appear too, marked, and drafts do not', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.partners.kaunas!);
    const res = await agent.get('/dashboard').set('Accept-Language', 'en').expect(200);
    const rows = evidenceRows(res.text);
    expect(new Set(rows.keys())).toEqual(new Set([recs.returns, recs.youth, recs.consultation]));
    expect(tableOf(res.text, 'evidence')).toMatch(new RegExp(`data-recommendation="${recs.consultation}">[\\s\\S]*?data-status="consultation"`));
  });

  it('when the coordinator opens it, then drafts appear too, and cited practices withdrawn since are counted', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.coordinator);
    const res = await agent.get('/dashboard').set('Accept-Language', 'en').expect(200);
    const rows = evidenceRows(res.text);
    expect(new Set(rows.keys())).toEqual(new Set([recs.returns, recs.youth, recs.consultation, recs.draft]));
    expect(rows.get(recs.youth)).toMatchObject({ practices: 1, withdrawn: 1 });
    expect(rows.get(recs.draft)).toMatchObject({ practices: 1, withdrawn: 0 });
    expect(rows.has(recs.withdrawn)).toBe(false);
  });

  it('when the page is drawn, then the evidence and adoption charts are labelled images beside their tables', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('aria-label="Bar chart of the practices each recommendation cites; the numbers are in the table beside it."');
    expect(res.text).toContain('aria-label="Bar chart of the recommendations in each city&#39;s plans (adopted or being implemented); the numbers are in the table beside it."');
    expect(res.text.match(/<svg role="img"/g)).toHaveLength(4);
  });
});

describe('the dashboard: adoption across cities', () => {
  it('when a visitor opens it, then each final recommendation has a cell per city with the recorded status', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    const cells = adoptionCells(res.text);
    expect([...cells.keys()].sort()).toEqual([recs.returns, recs.youth].sort());
    const returns = cells.get(recs.returns)!;
    expect([...returns.keys()]).toEqual(CITIES);
    expect(Object.fromEntries(returns)).toMatchObject({ kaunas: 'adopted', daugavpils: 'implementing', lodz: 'not-adopted', vejle: 'not-considered' });
    expect(cells.get(recs.youth)?.get('vejle')).toBe('under-consideration');
    expect(res.text).toContain(`href="/adoption/${recs.returns}/kaunas"`);
    expect(tableOf(res.text, 'adoption-matrix')).toContain(`<a href="/recommendations/${recs.returns}">`);
  });

  it('when cities adopted recommendations, then the per-city counts equal the stored cells of final recommendations', async () => {
    const res = await request(ctx.app).get('/dashboard').expect(200);
    const shown = inPlansByCity(res.text);
    expect(shown).toEqual(await storedInPlans());
    expect(shown.get('daugavpils')).toBe(2);
    expect(shown.get('kaunas')).toBe(1);
    // Oradea adopted the withdrawn one only: it no longer counts.
    expect(shown.get('oradea')).toBe(0);
  });

  it('when the page is read in Latvian, then the new sections are Latvian', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'lv').expect(200);
    expect(res.text).toContain('Pierādījumi katram ieteikumam');
    expect(res.text).toContain('Ieteikumu pieņemšana pilsētās');
    expect(res.text).toContain('Iekļauts plānā');
  });
});

describe('the map: practices and adopted recommendations per city', () => {
  it('when a visitor opens /map, then the eight cities carry both counts, equal to the data', async () => {
    const res = await request(ctx.app).get('/map').set('Accept-Language', 'en').expect(200);
    const cities = mapCounts(res.text);
    expect(cities.map((c) => c.slug)).toEqual(CITIES);
    const practices = await ctx.db.collection('practices').find({ deleted: false, status: 'published' }).toArray();
    const inPlans = await storedInPlans();
    for (const city of cities) {
      const expected = { slug: city.slug, practices: practices.filter((p) => p.city === city.slug).length, adopted: inPlans.get(city.slug ?? '') };
      expect({ slug: city.slug, practices: city.practices, adopted: city.adopted }).toEqual(expected);
      expect(city.caption).toMatch(new RegExp(`\\(${expected.practices} · ${expected.adopted}\\)$`));
    }
    expect(cities.find((c) => c.slug === 'daugavpils')).toMatchObject({
      practices: 3,
      adopted: 2,
      label: 'Daugavpils: published practices 3, recommendations in its plans 2',
    });
    const table = [...res.text.matchAll(/<tr data-city="([^"]+)">[\s\S]*?data-col="adopted">[^>]*>(\d+)</g)].map((m) => [m[1], Number(m[2])]);
    expect(table).toEqual(cities.map((c) => [c.slug, c.adopted]));
  });

  it('when the home page is opened, then its small map carries the same two counts', async () => {
    const [home, map] = await Promise.all([request(ctx.app).get('/').expect(200), request(ctx.app).get('/map').expect(200)]);
    expect(home.text).toContain('europe-map-small');
    expect(mapCounts(home.text).map((c) => [c.slug, c.practices, c.adopted])).toEqual(mapCounts(map.text).map((c) => [c.slug, c.practices, c.adopted]));
  });
});

describe('event pages: the recommendations that came out of the event', () => {
  it('when a visitor opens an event, then the final recommendations citing its practices are listed, drafts not', async () => {
    const res = await request(ctx.app).get('/events/2019-02-palermo-youth').set('Accept-Language', 'en').expect(200);
    const section = res.text.slice(res.text.indexOf('data-section="recommendations"'));
    expect(section).toContain(`href="/recommendations/${recs.returns}"`);
    expect(section).toContain('Practices from this event in its evidence: 1');
    expect(section).not.toContain(recs.draft);
  });

  it('when the coordinator opens it, then the draft citing a practice presented there is listed too, marked', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.coordinator);
    const res = await agent.get('/events/2019-02-palermo-youth').expect(200);
    const section = res.text.slice(res.text.indexOf('data-section="recommendations"'));
    expect(section).toContain(`href="/recommendations/${recs.draft}"`);
    expect(section).toMatch(new RegExp(`${recs.draft}">[^<]*</a>\\s*<span class="status-badge rec-status-draft"`));
  });

  it('when no recommendation cites an event’s practices, then the page says so', async () => {
    const res = await request(ctx.app).get('/events/2019-05-lodz-action-plans').set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('No recommendation cites a practice presented here yet.');
  });
});

describe('a recommendation as a print page', () => {
  it('when a visitor opens a final recommendation’s print view, then it holds the text, the evidence and the cities that adopted it', async () => {
    const res = await request(ctx.app).get(`/recommendations/${recs.returns}/print`).set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('<h1>Return advisers in every regional centre</h1>');
    expect(res.text).toContain('Practice lodz-housing');
    expect(decodeEntities(res.text)).toMatch(/In the plans of<\/dt>\s*<dd data-fact="in-plans">Daugavpils \(Daugavpils development programme, 2022\); Kaunas \(Kaunas strategic plan 2021–2030, 2021\)<\/dd>/);
    expect(res.text).toContain('/css/print.css');
    const page = await request(ctx.app).get(`/recommendations/${recs.returns}`).expect(200);
    expect(page.text).toContain(`href="/recommendations/${recs.returns}/print"`);
  });

  it('when a visitor asks for a draft’s print view, then they are sent to sign in as on the page; a planner gets 403', async () => {
    const [print, page] = await Promise.all([
      request(ctx.app).get(`/recommendations/${recs.draft}/print`).expect(303),
      request(ctx.app).get(`/recommendations/${recs.draft}`).expect(303),
    ]);
    expect(print.headers.location).toMatch(/^\/sign-in/);
    expect(page.headers.location).toMatch(/^\/sign-in/);
    const planner = await createUser(ctx, { role: 'planner' });
    const { agent } = await signedInAgent(ctx.app, planner);
    await agent.get(`/recommendations/${recs.draft}/print`).expect(403);
  });

  it('when the address or query is hostile, then the answer is 400 or 404, never 500', async () => {
    await request(ctx.app).get('/recommendations/not-an-id/print').expect(404);
    await request(ctx.app).get(`/recommendations/${'f'.repeat(24)}/print`).expect(404);
    await request(ctx.app).get(`/recommendations/${recs.returns}/print?x=1`).expect(400);
    await request(ctx.app).get(`/recommendations/${recs.returns}/print?x[$ne]=1`).expect(400);
  });
});

describe('hostile query strings on the overview pages', () => {
  it('when the dashboard, the map or an event page get a hostile query, then they answer 200 or 400, never a 500, and leak nothing hidden', async () => {
    for (const path of ['/dashboard', '/map', '/events/2019-02-palermo-youth', '/']) {
      for (const query of ['status[$ne]=final', '__proto__[polluted]=1', 'caller=coordinator&status=draft', `x=${'%F0'.repeat(50)}`]) {
        const res = await request(ctx.app).get(`${path}?${query}`);
        // The event page checks its query (400); the dashboard and the maps take none and ignore it.
        expect({ path, query, status: res.status }).toEqual({ path, query, status: path.startsWith('/events/') ? 400 : 200 });
        expect(res.text).not.toContain('Draft: a youth guarantee');
      }
    }
    await request(ctx.app).get('/events/%00%3Cscript%3E').expect(404);
  });
});
