import { translator } from '../../server/lib/i18n';
import { extractText } from '../../server/lib/text-extraction';
import {
  buildEditionDocument,
  type EditionItem,
  type RecommendationText,
  type Reference,
} from '../../server/features/proposals/domain/edition-document';
import { editionMarkdown } from '../../server/features/proposals/exports/markdown';
import { editionPdf } from '../../server/features/proposals/exports/pdf';
import { presentEdition } from '../../server/features/proposals/exports/present';

const P1 = 'a'.repeat(24);
const P2 = 'b'.repeat(24);
const P3 = 'c'.repeat(24);

const text = (over: Partial<RecommendationText>): RecommendationText => ({
  title: 'A recommendation',
  summary: 'What it is.',
  problem: 'The problem.',
  actions: [{ text: 'Do the thing.', lead: 'Mayor’s office', costBand: 'low', horizon: 'short' }],
  preconditions: '',
  risks: '',
  indicators: [{ name: 'Births', unit: 'per year', direction: 'up' }],
  evidence: [],
  ...over,
});
const cite = (practiceId: string, reason: string) => ({
  practiceId,
  reason,
  indicators: [],
  cited: { title: `Practice ${practiceId[0]}`, cityName: 'City', country: 'LV' },
});
const ref = (practiceId: string, over: Partial<Reference> = {}): Reference => ({
  practiceId,
  title: `Practice ${practiceId[0]}`,
  cityName: 'Daugavpils',
  country: 'LV',
  period: { startYear: 2016, endYear: 2019, ongoing: false },
  indicators: [{ name: 'Families helped', baseline: 10, value: 250, unit: 'families', year: 2019 }],
  standing: true,
  illustrative: false,
  ...over,
});

const items: EditionItem[] = [
  {
    recommendationId: '1'.repeat(24),
    revision: 3,
    text: text({ title: 'Return desk', measureGroup: 'remigration', evidence: [cite(P2, 'Returnees found jobs')] }),
  },
  {
    recommendationId: '2'.repeat(24),
    revision: 5,
    text: text({
      title: 'Baby box',
      measureGroup: 'birth-rate',
      evidence: [cite(P1, 'Births rose'), cite(P2, 'Families stayed')],
    }),
  },
  {
    recommendationId: '3'.repeat(24),
    revision: 1,
    text: text({ title: 'Ģimenes karte ąčęėįšųūž', measureGroup: 'birth-rate', evidence: [cite(P3, 'Vejle æøå')] }),
  },
];
const groups = [
  { slug: 'birth-rate', labels: { en: 'Birth-rate and family support', lv: 'Dzimstība un ģimeņu atbalsts' } },
  { slug: 'working-age', labels: { en: 'Working-age people', lv: 'Darbspējas vecuma iedzīvotāji' } },
  { slug: 'remigration', labels: { en: 'Remigration', lv: 'Remigrācija' } },
];
const meta = {
  id: 'e'.repeat(24),
  status: 'published' as const,
  number: 1,
  title: 'DeCoDe proposals for depopulation control',
  introduction: 'This **edition** opens.',
  publishedAt: new Date('2019-11-20T10:00:00Z'),
  demo: false,
};

describe('the edition document', () => {
  const doc = buildEditionDocument(meta, items, {
    groups,
    references: new Map([P1, P2].map((id) => [id, ref(id)])),
    locale: 'en',
  });

  it('when recommendations are grouped, then groups follow the vocabulary order and keep the chosen order within a group', () => {
    expect(doc.groups.map((g) => [g.label, g.recommendations.map((r) => `${r.n}. ${r.text.title}`)])).toEqual([
      ['Birth-rate and family support', ['1. Baby box', '2. Ģimenes karte ąčęėįšųūž']],
      ['Remigration', ['3. Return desk']],
    ]);
  });

  it('when practices are cited, then each is numbered once, by its first citation, and a practice without facts is named as cited', () => {
    expect(doc.references.map((r) => [r.n, r.practiceId, r.standing])).toEqual([
      [1, P1, true],
      [2, P2, true],
      [3, P3, false],
    ]);
    expect(doc.groups[1]!.recommendations[0]!.evidence).toEqual([
      { ref: 2, reason: 'Returnees found jobs', indicators: [] },
    ]);
  });

  it('when exported as Markdown, then it has the edition label, a contents list, the numbered references and their links', () => {
    const md = editionMarkdown(
      presentEdition(doc, { t: translator('en'), locale: 'en', baseUrl: 'https://kb.example' }),
    );

    expect(md).toContain('# DeCoDe proposals for depopulation control\n\n*Edition 1, November 2019*');
    expect(md).toContain('  - [2. Ģimenes karte ąčęėįšųūž](#recommendation-2)');
    expect(md).toContain('## Birth-rate and family support');
    expect(md).toContain('- [\\[1\\]](#reference-1) Births rose');
    expect(md).toContain(
      '1. <a id="reference-1"></a>**Practice a**, Daugavpils, LV, 2016–2019. Families helped: 10 → 250 families (2019). <https://kb.example/practices/' +
        P1 +
        '>',
    );
    expect(md).toContain(
      '1. Do the thing.\n   *Who usually leads it: Mayor’s office · Low cost (under €50,000) · Short term (under 1 year)*',
    );
  });

  it('when exported as a PDF in Latvian, then its text has the contents, the recommendations, the references and the partner-language letters', async () => {
    const lvDoc = buildEditionDocument(meta, items, {
      groups,
      references: new Map([P1, P2].map((id) => [id, ref(id)])),
      locale: 'lv',
    });
    const t = translator('lv');
    const pdf = await editionPdf(presentEdition(lvDoc, { t, locale: 'lv', baseUrl: 'https://kb.example' }), {
      lang: 'lv',
      pageLabel: (page, pages) => t('proposals.doc.page', { page, pages }),
    });

    const content = (await extractText(pdf, 'application/pdf')).replace(/\s+/g, ' ');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(content).toContain('DeCoDe proposals for depopulation control');
    expect(content).toContain('1. izdevums, 2019. g. novembris');
    expect(content).toContain('Saturs');
    expect(content).toContain('Dzimstība un ģimeņu atbalsts');
    expect(content).toContain('2. Ģimenes karte ąčęėįšųūž');
    expect(content).toContain('[3] Vejle æøå');
    expect(content).toContain('Minētās prakses');
    expect(content).toContain('Saturs Ievads 3 Dzimstība un ģimeņu atbalsts 4 1. Baby box 4');
    expect(content).toContain('6. lpp. no 6');
  });
});
