import fs from 'node:fs';
import request from 'supertest';
import { runSeed } from '../../scripts/seed';
import { DEMO_PRACTICES } from '../../scripts/seed/demo-practices';
import { DEMO_PDF_MARK, renderSummarySheet, toWinAnsi } from '../../scripts/seed/demo-pdfs';
import { ILLUSTRATIVE_PREFIX } from '../../scripts/seed/demo-types';
import { DEMO_ACCOUNTS, DEMO_IMPORT_PREFIX, seedDemoData, type SeedReport } from '../../scripts/seed/seed-demo-data';
import { NETWORK_CITIES } from '../../server/features/network/network.data';
import { createPracticeInput, missingForSubmission, type PracticeContent, type PracticeDoc } from '../../server/features/practices';
import { extractText } from '../../server/lib/text-extraction';
import type { User } from '../../server/features/users/users.service';
import { signedInAgent, TEST_PASSWORD } from '../support/factories';
import { createTestContext, testEngines, type TestContext } from '../support/test-context';

let ctx: TestContext;
let report: SeedReport;
let practices: PracticeDoc[];
let coordinator: User;

const demoFilter = { importKey: { $regex: `^${DEMO_IMPORT_PREFIX}` } };
const byKey = (slug: string) => practices.find((p) => p.importKey === `${DEMO_IMPORT_PREFIX}${slug}`);
const documented = DEMO_PRACTICES.filter((p) => !p.illustrative);

const signedIn = async (user: User) => (await signedInAgent(ctx.app, user)).agent;

async function readPractices(): Promise<PracticeDoc[]> {
  return ctx.db.collection('practices').find(demoFilter).toArray() as unknown as Promise<PracticeDoc[]>;
}

/** The stored working copy as the API would receive it: content plus place, without the uploaded files. */
function asInput(doc: PracticeDoc) {
  const { attachments: _attachments, ...content } = doc.working as PracticeContent & { _id?: unknown };
  return { ...content, city: doc.city, country: doc.country };
}

beforeAll(async () => {
  ctx = await createTestContext();
  report = await seedDemoData(ctx.services, { password: TEST_PASSWORD });
  practices = await readPractices();
  coordinator = (await ctx.services.users.findByEmail('demo.coordinator@example.org'))!;
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

describe('demo data seed', () => {
  it('when a visitor opens a demo practice, then the page labels it as demo data', async () => {
    const published = practices.find((p) => p.status === 'published');

    const res = await request(ctx.app).get(`/practices/${String(published?._id)}`).expect(200);

    expect(res.text).toContain('class="status-badge status-demo"');
    expect(res.text).toContain('Demo data');
  });

  it('when a practice was written by a person, then its page carries no demo label', async () => {
    const partner = (await ctx.services.users.findByEmail('demo.partner.kaunas@example.org'))!;
    const own = await ctx.services.practices.create(partner, { title: 'A real partner submission' });

    const res = await (await signedIn(partner)).get(`/practices/${own.id}`).expect(200);

    expect(res.text).toContain('A real partner submission');
    expect(res.text).not.toContain('status-demo');
  });

  it('when seeded, then at least 30 demo practices exist, from all eight network cities and their countries', () => {
    expect(report.created).toBe(DEMO_PRACTICES.length);
    expect(practices.length).toBeGreaterThanOrEqual(30);
    expect(practices).toHaveLength(DEMO_PRACTICES.length);
    for (const city of NETWORK_CITIES) {
      const ofCity = practices.filter((p) => p.city === city.slug);
      expect({ city: city.slug, atLeastThree: ofCity.length >= 3 }).toEqual({ city: city.slug, atLeastThree: true });
      expect(ofCity.every((p) => p.country === city.country)).toBe(true);
    }
  });

  it('when seeded, then every practice passes the practices schema and every non-draft is complete', async () => {
    for (const doc of practices) {
      const parsed = createPracticeInput.safeParse(asInput(doc));
      expect({ key: doc.importKey, issues: parsed.success ? [] : parsed.error.issues }).toEqual({
        key: doc.importKey,
        issues: [],
      });
      if (doc.status !== 'draft')
        expect({ key: doc.importKey, missing: missingForSubmission(doc) }).toEqual({ key: doc.importKey, missing: {} });
      expect(await ctx.services.vocabularies.invalidSlugs('theme', doc.working.themes)).toEqual([]);
      expect(await ctx.services.vocabularies.invalidSlugs('target-group', doc.working.targetGroups)).toEqual([]);
      expect(doc.working.contact?.email ?? 'x@example.org').toMatch(/@example\.org$/);
    }
  });

  it('when seeded, then every practice not written in English has its English title and summary', () => {
    const other = practices.filter((p) => p.working.language !== 'en');
    expect(other.length).toBeGreaterThanOrEqual(10);
    for (const doc of other) {
      expect({ key: doc.importKey, titleEn: Boolean(doc.working.titleEn?.trim()), summaryEn: Boolean(doc.working.summaryEn?.trim()) }).toEqual({
        key: doc.importKey,
        titleEn: true,
        summaryEn: true,
      });
    }
  });

  it('when seeded, then the statuses are mixed and the review queue and the authors’ inbox have content', async () => {
    const count = (status: string) => practices.filter((p) => p.status === status).length;
    expect(count('published')).toBeGreaterThanOrEqual(20);
    expect(count('submitted')).toBeGreaterThanOrEqual(3);
    expect(count('changes_requested')).toBe(1);
    expect(count('draft')).toBeGreaterThanOrEqual(2);

    const queue = await ctx.services.practices.reviewQueue(coordinator);
    expect(queue).toHaveLength(count('submitted'));
    const cuencaPartner = (await ctx.services.users.findByEmail('demo.partner.cuenca@example.org'))!;
    const awaiting = await ctx.services.practices.awaitingAuthors(cuencaPartner);
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]?.reviewNote).toMatch(/transferability/);
    const mine = await ctx.services.practices.myCity(cuencaPartner);
    expect(mine.items.length).toBe(practices.filter((p) => p.city === 'cuenca').length);
  });

  it('when seeded, then a published practice carries its history: created, attachment, submitted, published', async () => {
    const doc = byKey('pl-lodz-mlodzi-w-lodzi')!;
    const revisions = await ctx.services.practices.listRevisions(coordinator, doc._id.toHexString());
    expect([...revisions].sort((a, b) => a.number - b.number).map((r) => [r.kind, r.status])).toEqual([
      ['create', 'draft'],
      ['attachments', 'draft'],
      ['status', 'submitted'],
      ['status', 'published'],
    ]);
    expect(doc.publishedAt?.toISOString()).toBe('2024-11-20T10:00:00.000Z');
  });

  it('when seeded, then the facts’ figures are stored as indicators with their year', () => {
    const indicator = (slug: string, value: number) => byKey(slug)?.working.indicators.find((i) => i.value === value);
    expect(indicator('pl-lodz-mlodzi-w-lodzi', 350)).toMatchObject({ year: 2024, unit: 'offers' });
    expect(indicator('pl-lodz-mlodzi-w-lodzi', 9400)).toMatchObject({ year: 2024 });
    expect(indicator('de-magdeburg-stadtumbau-ost', 13541)).toMatchObject({
      year: 2017,
      name: expect.stringContaining('2002–2017'),
    });
    expect(indicator('dk-vejle-settlement-strategy', 1500)).toMatchObject({ baseline: 1000, year: 2021 });
    expect(indicator('it-palermo-resto-al-sud', 699)).toMatchObject({ year: 2023 });
    expect(indicator('lv-regional-remigration-coordinators', 67)).toMatchObject({ year: 2018 });
    expect(indicator('ro-oradea-adlo-industrial-parks', 9500)).toMatchObject({ year: 2020 });
    expect(indicator('es-castilla-la-mancha-law-2-2021', 721)).toMatchObject({ year: 2021 });
  });

  it('when seeded, then illustrative practices say so first and documented ones cite https sources', () => {
    for (const demo of DEMO_PRACTICES) {
      const doc = byKey(demo.demoSlug)!;
      if (demo.illustrative) {
        expect(doc.working.summary.startsWith(ILLUSTRATIVE_PREFIX)).toBe(true);
      } else {
        expect({ slug: demo.demoSlug, illustrative: doc.working.summary.includes(ILLUSTRATIVE_PREFIX) }).toEqual({
          slug: demo.demoSlug,
          illustrative: false,
        });
        expect(doc.working.sources.length).toBeGreaterThan(0);
        expect(doc.working.sources.every((s) => s.url.startsWith('https://'))).toBe(true);
      }
    }
    expect(documented.length).toBeGreaterThanOrEqual(12);
  });

  it('when seeded, then at least 5 PDF summary sheets are stored like uploads, with their title words in the extracted text', () => {
    const withPdf = practices.filter((p) => p.working.attachments.some((a) => a.mimeType === 'application/pdf'));
    expect(withPdf.length).toBeGreaterThanOrEqual(5);
    expect(report.attachments).toBe(withPdf.length);
    for (const doc of withPdf) {
      const pdf = doc.working.attachments[0]!;
      expect(fs.existsSync(ctx.services.attachmentStore.path(pdf.storedName))).toBe(true);
      expect(pdf.text).toContain(DEMO_PDF_MARK);
      const words = doc.working.title.split(/[\s:;,—–()„“”"’]+/).filter((w) => w.length >= 4);
      const flat = pdf.text.replace(/\s+/g, ' ');
      // Without an embeddable font the sheet spells letters outside Windows-1252 without their marks.
      const spelled = (word: string) => (report.unicodePdfs ? word : toWinAnsi(word));
      for (const word of words) {
        expect({ title: doc.working.title, word, found: flat.includes(spelled(word)) }).toMatchObject({ found: true });
      }
    }
    // The partner languages' letters survive into the text that search will index.
    if (report.unicodePdfs) {
      expect(byKey('pl-lodz-mlodzi-w-lodzi')!.working.attachments[0]!.text).toContain('Młodzi w Łodzi');
      expect(byKey('lv-daugavpils-returnee-support-package')!.working.attachments[0]!.text).toContain(
        'Daugavpils atbalsts reemigrantiem',
      );
      expect(byKey('ro-oradea-adlo-industrial-parks')!.working.attachments[0]!.text).toContain('Agenția');
    }
  });

  it('when no font with Latin Extended-A is available, then the sheet still renders and folds only the letters it cannot draw', async () => {
    const demo = DEMO_PRACTICES.find((p) => p.demoSlug === 'pl-lodz-mlodzi-w-lodzi')!;

    const sheet = await renderSummarySheet(demo.content, { fonts: undefined, filenameBase: demo.demoSlug });
    const text = await extractText(sheet.buffer, 'application/pdf');

    expect(sheet.unicode).toBe(false);
    expect(text).toContain('Mlodzi w Lodzi');
    expect(text).toContain(DEMO_PDF_MARK);
    expect(text).toContain('9,400');
  });

  it('when a visitor downloads a published practice’s summary sheet, then it is a PDF sent as an attachment', async () => {
    const doc = byKey('de-magdeburg-stadtumbau-ost')!;
    const pdf = doc.published!.attachments[0]!;

    const res = await request(ctx.app)
      .get(`/api/practices/${doc._id.toHexString()}/attachments/${pdf.id}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="de-magdeburg-stadtumbau-ost-summary-sheet\.pdf"/,
    );
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('when the seed runs again, then nothing is duplicated: same practices, revisions, files and accounts', async () => {
    const before = {
      revisions: await ctx.db.collection('practice_revisions').countDocuments(),
      users: await ctx.db.collection('users').countDocuments(),
      files: fs.readdirSync(ctx.services.attachmentStore.dir).length,
    };

    const again = await seedDemoData(ctx.services, { password: TEST_PASSWORD });

    expect(again).toMatchObject({
      created: 0,
      existing: DEMO_PRACTICES.length,
      attachments: 0,
      generatedPassword: undefined,
    });
    expect(again.accounts.every((a) => !a.created)).toBe(true);
    expect(await ctx.db.collection('practices').countDocuments(demoFilter)).toBe(practices.length);
    expect(await ctx.db.collection('practice_revisions').countDocuments()).toBe(before.revisions);
    expect(await ctx.db.collection('users').countDocuments()).toBe(before.users);
    expect(fs.readdirSync(ctx.services.attachmentStore.dir)).toHaveLength(before.files);
  });

  it('when `npm run seed` runs against an already seeded database, then it says the set is demo data and adds nothing', async () => {
    const [base = '', query] = testEngines().mongoUri.split('?');
    const uri = `${base.replace(/\/?$/, '/')}${ctx.db.name}${query ? `?${query}` : ''}`;
    const out: string[] = [];
    const err: string[] = [];

    const code = await runSeed([], {
      env: { MONGODB_URI: uri, UPLOADS_DIR: ctx.config.uploadsDir, DATA_DIR: ctx.tmpDir, LOG_LEVEL: 'silent' },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });

    expect({ code, err: err.join('\n') }).toEqual({ code: 0, err: '' });
    expect(out.join('\n')).toMatch(/^Demo data:/);
    expect(out.join('\n')).toContain(`0 demo practices created, ${DEMO_PRACTICES.length} already there`);
    for (const account of DEMO_ACCOUNTS) expect(out.join('\n')).toContain(account.email);
    expect(await ctx.db.collection('practices').countDocuments(demoFilter)).toBe(practices.length);
  });

  it('when `npm run seed` runs without MONGODB_URI, then it refuses with an explanation and touches nothing', async () => {
    const err: string[] = [];

    const code = await runSeed([], { env: {}, out: () => undefined, err: (line) => err.push(line) });

    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/MONGODB_URI is not set/);
  });

  it('when a demo partner signs in with the seed password, then the API shows them their city’s drafts', async () => {
    const agent = request.agent(ctx.app);
    const signIn = await agent.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)?.[1];
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email: 'demo.partner.lodz@example.org', password: TEST_PASSWORD, _csrf: csrf })
      .expect(303);
    const draft = byKey('pl-illustrative-night-bus-campuses')!;

    const res = await agent.get(`/api/practices/${draft._id.toHexString()}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'draft',
      working: { title: 'Nocna linia autobusowa łącząca kampusy z centrum', language: 'pl' },
    });
  });
});
