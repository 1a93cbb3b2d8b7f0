import request from 'supertest';
import { indexPractices, textOf, type PracticeFixture } from '../support/search-documents';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

type Hit = {
  id: string;
  _formatted: { title: string; summary: string; cityName: string };
  snippet?: { field: string; html: string };
  foundInAttachment?: { id: string; name: string; nameHtml: string; html?: string }[];
};

const LONG_GERMAN =
  'Das Programm begann im Jahr 2002 mit einer Bestandsaufnahme aller Quartiere der Stadt und ihrer leer stehenden Wohnungen. ' +
  'Danach wurden Eigentümer, Mieter und Vereine zu Gesprächen eingeladen, um gemeinsam Prioritäten festzulegen. ' +
  'Besonders an der Olvenstedter Straße entstanden neue Grünflächen und Spielplätze für Familien. ' +
  'Die Stadt finanzierte den Rückbau mit Mitteln des Bundes und des Landes über fünfzehn Jahre hinweg bis 2017.';

const CORPUS: PracticeFixture[] = [
  {
    id: 'hostile',
    content: {
      title: 'Youth <script>alert(1)</script> plan & <b>bold</b> ideas',
      summary: 'Costs &amp; benefits <b>matter</b> for planners.',
    },
  },
  {
    id: 'with-files',
    city: 'magdeburg',
    cityName: 'Magdeburg',
    country: 'DE',
    content: {
      title: 'Start-up support in the old town',
      summary: 'Advice and small grants for people opening a shop.',
      attachments: [
        {
          id: 'att-report',
          originalName: 'Annual report 2019.pdf',
          text: 'In its second year the microgrant scheme funded 40 start-ups in empty shop fronts.',
        },
        {
          id: 'att-notice',
          originalName: 'Förderbescheid.docx',
          text: 'Zuschuss für die Straßenbahnlinie 10 und den neuen Fußweg zum Markt.',
        },
      ],
    },
  },
  {
    id: 'long-german',
    city: 'magdeburg',
    cityName: 'Magdeburg',
    country: 'DE',
    content: { title: 'Stadtumbau in Neu Olvenstedt', summary: 'Rückbau und Aufwertung.', description: LONG_GERMAN },
  },
  {
    id: 'lodz',
    city: 'lodz',
    cityName: 'Łódź',
    country: 'PL',
    content: {
      title: 'Mia100 Kamienic',
      summary: 'Renovating 100 tenement houses in central Łódź to bring residents back.',
    },
  },
];

async function hits(q: string): Promise<Hit[]> {
  const res = await request(ctx.app)
    .get(`/api/search?${new URLSearchParams({ q })}`)
    .expect(200);
  return res.body.hits as Hit[];
}

async function hit(q: string, id: string): Promise<Hit> {
  const found = (await hits(q)).find((h) => h.id === id);
  if (!found) throw new Error(`${id} not found for ${q}`);
  return found;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await indexPractices(ctx, CORPUS);
});

afterAll(async () => {
  await ctx.close();
});

describe('highlights are escaped text with <mark> as the only markup', () => {
  it('when the matched text holds HTML and entities, then the API returns it escaped with the match in <mark>', async () => {
    const h = await hit('planners', 'hostile');

    expect(h._formatted.summary).toBe('Costs &amp;amp; benefits &lt;b&gt;matter&lt;/b&gt; for <mark>planners</mark>.');
    // "plan" is marked too: one of the nine languages' stemmers takes "planners" to it, and search finds
    // every form of the query's words.
    expect(h._formatted.title).toBe(
      'Youth &lt;script&gt;alert(1)&lt;/script&gt; <mark>plan</mark> &amp; &lt;b&gt;bold&lt;/b&gt; ideas',
    );
  });

  it('when the match is inside the markup-like text, then the text stays escaped and <mark> is the only element', async () => {
    const h = await hit('script', 'hostile');

    expect(h._formatted.title).toContain('<mark>script');
    expect(h._formatted.title.replace(/<\/?mark>/g, '')).toBe(
      'Youth &lt;script&gt;alert(1)&lt;/script&gt; plan &amp; &lt;b&gt;bold&lt;/b&gt; ideas',
    );
  });

  it('when the search page shows that practice, then no script or <b> element reaches the page', async () => {
    const res = await request(ctx.app).get('/search?q=script+ideas').expect(200);

    const title =
      /<h3 class="hit-title"><a href="\/practices\/hostile">([\s\S]*?)<\/a><\/h3>/.exec(res.text)?.[1] ?? '';
    expect(title).toContain('<mark>ideas</mark>');
    expect(title.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(res.text).not.toMatch(/<script>alert/i);
    expect(res.text).not.toContain('<b>');
  });
});

describe('hits found in an attachment name the file', () => {
  it('when the words are only in an attachment’s text, then the hit names that file and shows the matching passage', async () => {
    const h = await hit('microgrant', 'with-files');

    expect(h.foundInAttachment).toEqual([
      {
        id: 'att-report',
        name: 'Annual report 2019.pdf',
        nameHtml: 'Annual report 2019.pdf',
        html: expect.stringContaining('the <mark>microgrant</mark> scheme'),
      },
    ]);
    expect(h.snippet).toBeUndefined();
  });

  it('when the search page shows it, then it says "Found in attachment: <file name>"', async () => {
    const res = await request(ctx.app).get('/search?q=microgrant').expect(200);

    const attachment =
      /<p class="hit-attachment" data-attachment="att-report">([\s\S]*?)<\/p>/.exec(res.text)?.[1] ?? '';
    expect(textOf(attachment)).toMatch(
      /^Found in attachment: Annual report 2019\.pdf In its second year the microgrant scheme/,
    );
  });

  it('when an attachment matches only through its folded text (Strassenbahn), then the passage shows the original Straßenbahn marked', async () => {
    const h = await hit('strassenbahnlinie', 'with-files');

    expect(h.foundInAttachment).toHaveLength(1);
    expect(h.foundInAttachment?.[0]).toMatchObject({ id: 'att-notice', name: 'Förderbescheid.docx' });
    expect(h.foundInAttachment?.[0]?.html).toContain('die <mark>Straßenbahnlinie</mark> 10');
    expect(h.foundInAttachment?.[0]?.html).not.toContain('Strassen');
  });

  it('when the file name itself matches, then the name is marked', async () => {
    const h = await hit('forderbescheid', 'with-files');

    expect(h.foundInAttachment?.[0]).toMatchObject({ id: 'att-notice', nameHtml: '<mark>Förderbescheid</mark>.docx' });
  });
});

describe('matches found only in a folded twin show the original text', () => {
  it('when "Strasse" matches a long description, then the snippet is a crop of the original around “Straße”', async () => {
    const h = await hit('Strasse', 'long-german');

    expect(h.snippet?.field).toBe('description');
    expect(h.snippet?.html).toContain('an der Olvenstedter <mark>Straße</mark> entstanden');
    expect(h.snippet?.html.startsWith('…')).toBe(true);
    expect(h.snippet?.html).not.toContain('Strasse');
    expect(h.snippet?.html).not.toContain('Eigentumer');
  });

  it('when "lodz" matches a summary and a city name, then both show Łódź marked', async () => {
    const h = await hit('lodz', 'lodz');

    expect(h._formatted.cityName).toBe('<mark>Łódź</mark>');
    expect(h._formatted.summary).toBe(
      'Renovating 100 tenement houses in central <mark>Łódź</mark> to bring residents back.',
    );
  });

  it('when a word matches a description as written, then the snippet comes from Meilisearch’s own crop', async () => {
    const h = await hit('Spielplätze', 'long-german');

    expect(h.snippet).toEqual({ field: 'description', html: expect.stringContaining('<mark>Spielplätze</mark>') });
  });
});
