import request from 'supertest';
import { extractText } from '../../server/lib/text-extraction';
import { createUser } from '../support/factories';
import { finalRecommendation } from '../support/proposals';
import { createTestContext, type TestContext } from '../support/test-context';

// Every letter with a mark in the partner languages.
const LETTERS = 'ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų ł ń ó ś ź ż ä ö ü ß ă â î ș ț à è é ì ò ù æ ø å á í ñ';

let ctx: TestContext;
let editionId: string;
let practiceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const coordinator = await createUser(ctx, { role: 'coordinator' });
  const partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  const rec = await finalRecommendation(
    ctx,
    { author: partner, coordinator },
    {
      title: 'Ģimeņu atbalsts: Łódź, Oradea (ș ț), Vejle (æ ø å), Cuenca (ñ)',
      measureGroup: 'birth-rate-family-support',
      reasons: [`Letters of every partner language: ${LETTERS}.`],
      practice: {
        title: 'Daugavpils ģimeņu karte',
        indicators: [{ name: 'Ģimenes ar karti', baseline: 120, value: 1450, unit: 'ģimenes', year: 2019 }],
      },
    },
  );
  practiceId = rec.practices[0]!;
  const edition = await ctx.services.proposals.create(coordinator, {
    introduction: `**Ievads** ar burtiem: ${LETTERS}.`,
    recommendations: [rec.id],
  });
  editionId = edition._id.toHexString();
  await ctx.services.proposals.publish(coordinator, editionId, {}, { at: new Date('2019-11-21T10:00:00Z') });
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

const binary = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('exports of a published edition', () => {
  it('when the PDF is downloaded, then it is a file named after the edition whose text has the contents, the recommendation, its numbered evidence and every partner-language letter', async () => {
    const res = await request(ctx.app).get(`/proposals/${editionId}/download/pdf`).buffer(true).parse(binary);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename=decode-proposals-edition-1.pdf');
    const text = (await extractText(res.body as Buffer, 'application/pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('DeCoDe proposals for depopulation control');
    expect(text).toContain('Edition 1, November 2019');
    expect(text).toContain(
      'Contents Introduction 3 Birth rate and family support 4 1. Ģimeņu atbalsts: Łódź, Oradea (ș ț), Vejle (æ ø å), Cuenca (ñ) 4 Practices cited 5',
    );
    expect(text).toContain(`Ievads ar burtiem: ${LETTERS}.`);
    expect(text).toContain(`[1] Letters of every partner language: ${LETTERS}.`);
    expect(text).toContain(
      '[1] Daugavpils ģimeņu karte Daugavpils, LV, since 2018 Ģimenes ar karti: 120 → 1,450 ģimenes (2019)',
    );
    expect(text).toContain(`/practices/${practiceId}`);
    expect(text).toContain('Page 5 of 5');
  });

  it('when the Markdown is downloaded, then it has the title, the edition, a contents list, the sections and the references with links', async () => {
    const res = await request(ctx.app).get(`/proposals/${editionId}/download/md`);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=decode-proposals-edition-1.md');
    expect(res.text).toMatch(/^# DeCoDe proposals for depopulation control\n\n\*Edition 1, November 2019\*\n/);
    expect(res.text).toContain(
      '- [Birth rate and family support](#group-birth-rate-family-support)\n  - [1. Ģimeņu atbalsts: Łódź, Oradea (ș ț), Vejle (æ ø å), Cuenca (ñ)](#recommendation-1)',
    );
    expect(res.text).toContain(`**Ievads** ar burtiem: ${LETTERS}.`);
    expect(res.text).toContain(
      '#### Recommended actions\n\n1. Appoint a **return adviser** in the city council.\n   *Who usually leads it: Social services department · ',
    );
    expect(res.text).toContain(`- [\\[1\\]](#reference-1) Letters of every partner language: ${LETTERS}.`);
    expect(res.text).toContain(
      `1. <a id="reference-1"></a>**Daugavpils ģimeņu karte**, Daugavpils, LV, since 2018. Ģimenes ar karti: 120 → 1,450 ģimenes (2019). <http://localhost:3000/practices/${practiceId}>`,
    );
  });

  it('when the JSON is downloaded or asked from the API, then both give the same document: values, revisions and references', async () => {
    const file = await request(ctx.app).get(`/proposals/${editionId}/download/json`);
    const api = await request(ctx.app).get(`/api/proposals/${editionId}`);

    expect(file.headers['content-disposition']).toBe('attachment; filename=decode-proposals-edition-1.json');
    const doc = JSON.parse(file.text) as Record<string, unknown>;
    expect(doc).toEqual(api.body);
    expect(doc).toMatchObject({
      status: 'published',
      number: 1,
      editionLabel: 'Edition 1, November 2019',
      publishedAt: '2019-11-21T10:00:00.000Z',
      recommendationCount: 1,
      groups: [
        {
          measureGroup: 'birth-rate-family-support',
          label: 'Birth rate and family support',
          recommendations: [
            {
              n: 1,
              priority: 'high',
              evidence: [{ reference: 1, reason: `Letters of every partner language: ${LETTERS}.`, indicators: [] }],
            },
          ],
        },
      ],
      references: [
        {
          n: 1,
          practiceId,
          title: 'Daugavpils ģimeņu karte',
          standing: true,
          indicators: [{ name: 'Ģimenes ar karti', baseline: 120, value: 1450, unit: 'ģimenes', year: 2019 }],
        },
      ],
    });
  });

  it('when the print view or a Latvian PDF is asked for, then the print view has no navigation and the PDF speaks Latvian', async () => {
    const print = await request(ctx.app).get(`/proposals/${editionId}/print`);
    const lv = await request(ctx.app)
      .get(`/proposals/${editionId}/download/pdf`)
      .set('Cookie', 'lang=lv')
      .buffer(true)
      .parse(binary);

    expect(print.status).toBe(200);
    expect(print.text).toContain('/css/edition-print.css');
    expect(print.text).not.toContain('site-header');
    expect(print.text).not.toContain('<nav aria-label="Main navigation"');
    expect(print.text).toContain('<nav class="edition-toc"');
    const text = (await extractText(lv.body as Buffer, 'application/pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('1. izdevums, 2019. g. novembris');
    expect(text).toContain('Saturs Ievads 3 Dzimstība un ģimeņu atbalsts 4');
    expect(text).toContain('Minētās prakses');
  });
});
