import request from 'supertest';
import { indexPractices, type PracticeFixture } from '../support/search-documents';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

// One practice per partner language, written the way partners write them (diacritics and all).
const CORPUS: PracticeFixture[] = [
  {
    id: 'pl-lodz',
    city: 'lodz',
    cityName: 'Łódź',
    country: 'PL',
    content: {
      title: 'Młodzi w Łodzi: stypendia i płatne staże',
      summary:
        'Miasto, firmy i uczelnie fundują stypendia oraz płatne staże, aby młodzież zostawała w Łodzi po studiach.',
      themes: ['education-skills'],
      targetGroups: ['students'],
      period: { startYear: 2008, ongoing: true },
      language: 'pl',
    },
  },
  {
    id: 'lv-daugavpils',
    content: {
      title: 'Vasaras darbs Daugavpils uzņēmumos',
      summary: 'Jaunieši vasarā strādā pilsētas uzņēmumos un iepazīst darba iespējas dzimtajā pilsētā.',
      themes: ['labour-market-entrepreneurship'],
      targetGroups: ['students'],
      language: 'lv',
    },
  },
  {
    id: 'lt-kaunas',
    city: 'kaunas',
    cityName: 'Kaunas',
    country: 'LT',
    content: {
      title: 'Kauno jaunimas renkasi savo miestą',
      summary: 'Jaunimas gauna stažuotes ir konsultacijas, kad liktų mieste.',
      description:
        'Projektas „Gal į Lietuvą?“ suveda emigrantus su Lietuvos darbdaviais ir padeda grįžtantiems šeimoms.',
      themes: ['civic-participation'],
      targetGroups: ['students'],
      language: 'lt',
    },
  },
  {
    id: 'de-magdeburg',
    city: 'magdeburg',
    cityName: 'Magdeburg',
    country: 'DE',
    content: {
      title: 'Stadtumbau Ost: Rückbau und Aufwertung in Neu Olvenstedt',
      summary: 'Leerstehende Wohnungen wurden abgerissen, die Quartiere an der Olvenstedter Straße aufgewertet.',
      description:
        'Die Jugend des Stadtteils gestaltete neue Treffpunkte mit. Zwischen 2002 und 2017 wurden 13 541 leere Wohnungen abgerissen.',
      themes: ['housing-urban-regeneration'],
      targetGroups: ['working-age-adults'],
      language: 'de',
    },
  },
  {
    id: 'ro-oradea',
    city: 'oradea',
    cityName: 'Oradea',
    country: 'RO',
    content: {
      title: 'Parcuri industriale și o grădiniță pentru părinții care lucrează',
      summary:
        'Agenția de dezvoltare locală administrează 11 parcuri industriale; în parc funcționează o grădiniță și o școală profesională.',
      description: 'Tineri din județ găsesc locuri de muncă aproape de casă.',
      themes: ['labour-market-entrepreneurship'],
      targetGroups: ['working-age-adults'],
      language: 'ro',
    },
  },
  {
    id: 'it-palermo',
    city: 'palermo',
    cityName: 'Palermo',
    country: 'IT',
    content: {
      title: 'Resto al Sud: contributi per chi avvia un’impresa nel Mezzogiorno',
      summary: 'Contributo a fondo perduto e prestito a tasso zero per chi resta o torna al Sud.',
      description: 'Perché la città trattenga i giovani servono imprese: a Palermo 699 progetti finanziati.',
      themes: ['labour-market-entrepreneurship'],
      targetGroups: ['entrepreneurs'],
      language: 'it',
    },
  },
  {
    id: 'da-vejle',
    city: 'vejle',
    cityName: 'Vejle',
    country: 'DK',
    content: {
      title: 'Bosætningsstrategi for hele Vejle Kommune',
      summary: 'En bosætningsguide tager imod nye borgere; målet er 1.500 nye indbyggere om året.',
      description:
        'Flytning til kommunen gøres let: tilflyttere får hjælp til job og bolig, og de unge følges af en guide. God bosætning kræver samarbejde.',
      themes: ['attracting-working-age-residents'],
      targetGroups: ['working-age-adults'],
      language: 'da',
    },
  },
  {
    id: 'es-cuenca',
    city: 'cuenca',
    cityName: 'Cuenca',
    country: 'ES',
    content: {
      title: 'Ley contra la despoblación en Castilla-La Mancha',
      summary: 'Zonificación del medio rural, informes de impacto demográfico y medidas fiscales para 721 municipios.',
      description: 'Los jóvenes que se instalan en un pueblo pagan menos impuestos.',
      themes: ['attracting-working-age-residents'],
      targetGroups: ['working-age-adults'],
      language: 'es',
    },
  },
  {
    id: 'en-latgale',
    content: {
      title: 'Regional remigration coordinators in Latgale',
      summary:
        'One coordinator per planning region gives returning families individual support: schools, diplomas, business start-up.',
      description: 'Returnees most often asked about school places for their children.',
      themes: ['return-migration-diaspora'],
      targetGroups: ['returning-emigrants'],
      language: 'en',
    },
  },
];

async function idsFor(q: string): Promise<string[]> {
  const res = await request(ctx.app)
    .get(`/api/search?${new URLSearchParams({ q, hitsPerPage: '50' })}`)
    .expect(200);
  return (res.body.hits as { id: string }[]).map((h) => h.id);
}

beforeAll(async () => {
  ctx = await createTestContext();
  await indexPractices(ctx, CORPUS);
});

afterAll(async () => {
  await ctx.close();
});

describe('search in every partner language, with or without diacritics', () => {
  it.each(['lodz', 'Lodz', 'Łodz', 'łódź', 'LODZ'])(
    'when a planner searches "%s", then the Łódź practice is found',
    async (q) => {
      expect(await idsFor(q)).toContain('pl-lodz');
    },
  );

  it.each([
    ['lv', 'jauniesi', 'lv-daugavpils'],
    ['lv', 'Daugavpili uznemumos', 'lv-daugavpils'],
    ['lt', 'Kaunas jaunimas', 'lt-kaunas'],
    ['lt', 'lietuva griztantiems', 'lt-kaunas'],
    ['pl', 'mlodziez', 'pl-lodz'],
    ['pl', 'płatne staże', 'pl-lodz'],
    ['pl', 'platne staze', 'pl-lodz'],
    ['de', 'Strasse', 'de-magdeburg'],
    ['de', 'Straße', 'de-magdeburg'],
    ['de', 'Ruckbau', 'de-magdeburg'],
    ['ro', 'gradinita', 'ro-oradea'],
    ['ro', 'grădiniță', 'ro-oradea'],
    ['ro', 'scoala profesionala', 'ro-oradea'],
    ['it', 'perche citta', 'it-palermo'],
    ['it', 'città', 'it-palermo'],
    ['da', 'flotning', 'da-vejle'],
    ['da', 'Vejle flotning', 'da-vejle'],
    ['da', 'bosaetning', 'da-vejle'],
    ['da', 'bosætning', 'da-vejle'],
    ['da', 'malet indbyggere', 'da-vejle'],
    ['es', 'despoblacion', 'es-cuenca'],
    ['es', 'jovenes', 'es-cuenca'],
    ['es', 'Zonificación', 'es-cuenca'],
    ['en', 'returnees', 'en-latgale'],
    ['en', 'cordinators', 'en-latgale'],
  ])('when a planner searches in %s for "%s", then %s is found', async (_lang, q, id) => {
    expect(await idsFor(q)).toContain(id);
  });

  it('when a word matches only one language’s practice, then the others are not returned', async () => {
    expect(await idsFor('bosætningsguide')).toEqual(['da-vejle']);
    expect(await idsFor('despoblación')).toEqual(['es-cuenca']);
  });

  it('when the search page is asked for "lodz", then the hit shows the original spelling highlighted, never the folded copy', async () => {
    const res = await request(ctx.app).get('/search?q=lodz').expect(200);

    expect(res.text).toContain('<mark>Łódź</mark>');
    expect(res.text).toContain('w <mark>Łodzi</mark>');
    expect(res.text).not.toContain('Mlodzi');
    expect(res.text).not.toMatch(/>Lodz</);
  });
});

describe('cross-language synonyms', () => {
  // Each of these says "young people" only in its own language (and has no youth theme or target group).
  const YOUNG_PEOPLE = [
    'lv-daugavpils',
    'lt-kaunas',
    'pl-lodz',
    'de-magdeburg',
    'ro-oradea',
    'it-palermo',
    'da-vejle',
    'es-cuenca',
  ];

  it('when a planner searches "youth", then the practices that only say jaunieši, jaunimas, młodzież, Jugend, tineri, giovani, unge or jóvenes are found', async () => {
    expect((await idsFor('youth')).sort()).toEqual([...YOUNG_PEOPLE].sort());
  });

  it.each([
    ['jaunieši', 'de-magdeburg'],
    ['Jugend', 'lv-daugavpils'],
    ['młodzież', 'it-palermo'],
    ['giovani', 'es-cuenca'],
    ['jóvenes', 'lt-kaunas'],
  ])('when a planner searches "%s", then the practice in another language (%s) is found too', async (q, id) => {
    expect(await idsFor(q)).toContain(id);
  });

  it('when a planner searches return migration in Polish or German, then the practice saying remigration is found', async () => {
    expect(await idsFor('reemigracja')).toContain('en-latgale');
    expect(await idsFor('Rückwanderung')).toContain('en-latgale');
  });
});

describe('word forms', () => {
  beforeAll(async () => {
    await indexPractices(ctx, [
      { id: 'forms-exact', content: { title: 'Nowe mieszkania w centrum: miasto odnawia kamienice', language: 'pl' } },
      {
        id: 'forms-inflected',
        content: { title: 'Nowe mieszkania w centrum: w miastach odnawia się kamienice', language: 'pl' },
      },
      { id: 'forms-lt', content: { title: 'Parama grįžusiems emigrantams', language: 'lt' } },
      { id: 'forms-ro', content: { title: 'Locuințe noi în centrul orașului', language: 'ro' } },
    ]);
  });

  it('when a planner types the dictionary form, then the practice using another case is found, after the one using the form typed', async () => {
    const ids = await idsFor('miasto');

    expect(ids.indexOf('forms-exact')).toBe(0);
    expect(ids).toContain('forms-inflected');
  });

  it('when a planner types an inflected form, then the practice using it comes first and the dictionary form is found too', async () => {
    const ids = await idsFor('miastach');

    expect(ids.indexOf('forms-inflected')).toBe(0);
    expect(ids).toContain('forms-exact');
  });

  it.each([
    ['emigrantai', 'forms-lt'],
    ['emigrantų', 'forms-lt'],
    ['oraș', 'forms-ro'],
    ['orase', 'forms-ro'],
  ])('when a planner searches "%s", then %s is found', async (q, id) => {
    expect(await idsFor(q)).toContain(id);
  });

  it('when the page shows a practice found by another form, then the word as the practice writes it is marked', async () => {
    const res = await request(ctx.app).get('/search?q=emigrantai').expect(200);

    expect(res.text).toContain('grįžusiems <mark>emigrantams</mark>');
  });
});
