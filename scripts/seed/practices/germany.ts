import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Magdeburg: urban restructuring (documented, in German) and two illustrations.
export const GERMANY: DemoPractice[] = [
  {
    demoSlug: 'de-magdeburg-stadtumbau-ost',
    illustrative: false,
    status: 'published',
    date: '2019-05-27',
    summarySheet: true,
    content: {
      title: 'Stadtumbau Ost in Magdeburg: geordneter Rückbau leerstehender Wohnungen',
      summary:
        'Mit Kofinanzierung des Bundes wurden in Magdeburg von 2002 bis 2017 insgesamt 13.541 leerstehende Wohnungen ' +
        'abgerissen. Im Großwohngebiet Neu Olvenstedt sank die Einwohnerzahl von etwa 28.000 (1998) auf etwa 16.000; ' +
        'dort wurden rund 2.300 Wohnungen zurückgebaut (stadtumbau-sachsen-anhalt.de; mz.de).',
      titleEn: 'Urban Restructuring East in Magdeburg: planned demolition of empty flats',
      summaryEn:
        'With federal co-funding, Magdeburg demolished a total of 13,541 empty flats between 2002 and 2017. In the ' +
        'large Neu Olvenstedt housing estate the population fell from about 28,000 (1998) to about 16,000; around ' +
        '2,300 flats were taken down there (stadtumbau-sachsen-anhalt.de; mz.de).',
      city: 'magdeburg',
      country: 'DE',
      themes: ['housing-urban-regeneration', 'culture-city-image'],
      targetGroups: ['working-age-adults', 'families-with-children', 'seniors'],
      period: { startYear: 2002, endYear: 2017, ongoing: false },
      budget: {
        fundingSources: 'Federal urban restructuring programme Stadtumbau Ost with state and municipal co-funding',
      },
      stakeholders:
        'City of Magdeburg; municipal and cooperative housing companies; the federal and state governments; residents.',
      description: `After 1990 many East German cities lost a large share of their population. Whole estates of
prefabricated blocks stood partly empty, which made them expensive to run and unattractive to live in.

Under the federal programme **Stadtumbau Ost** (urban restructuring East), Magdeburg chose to **reduce the housing
stock in a planned way** rather than let vacancy spread across every district:

- empty blocks were demolished with federal co-funding;
- the remaining buildings and the inner city were to gain from the smaller, fuller market.

**Neu Olvenstedt**, a large prefabricated-housing estate, shows the scale:

| | Value | When |
| --- | --- | --- |
| Residents of Neu Olvenstedt | about 28,000 | 1998 |
| Residents of Neu Olvenstedt | about 16,000 | later, as reported by mz.de |
| Flats removed in Neu Olvenstedt | about 2,300 | urban restructuring period |`,
      results: `**13,541 empty flats** were demolished in Magdeburg between 2002 and 2017 (stadtumbau-sachsen-anhalt.de).
In Neu Olvenstedt, about 2,300 flats were removed while the population fell from about 28,000 (1998) to about
16,000 in later years (mz.de).`,
      transferability: `Relevant where population loss has already left a structural surplus of housing. It needs
co-funding from a higher level of government and agreement with the owners of the buildings. Demolition is not a
growth strategy: it stabilises the market so that other measures can work.`,
      lessons: `- Deciding *where* to shrink protects the districts the city wants to keep.
- Residents of the estates need to be involved early; demolition of one's home is painful even when it is empty.
- Shrinking and renewal are one plan: the inner city is where people are to be won back.`,
      indicators: [
        { name: 'Empty flats demolished, 2002–2017 (cumulative)', value: 13541, unit: 'flats', year: 2017 },
        { name: 'Residents of Neu Olvenstedt (before the demolitions)', value: 28000, unit: 'residents', year: 1998 },
      ],
      sources: [SOURCES.stadtumbau, SOURCES.mz],
      contact: {
        name: 'Stadtumbau team, urban planning office',
        organisation: 'Landeshauptstadt Magdeburg',
        email: 'stadtumbau.magdeburg@example.org',
      },
      language: 'de',
    },
  },
  {
    demoSlug: 'de-illustrative-vacant-blocks-for-students-startups',
    illustrative: true,
    status: 'published',
    date: '2020-06-30',
    content: {
      title: 'Temporary use of vacant apartment blocks for students and start-ups',
      summary:
        'Illustrative example: before a partly empty block is demolished or renovated, a housing company lets its empty ' +
        'flats cheaply to students and young founders for a few years, keeping the building alive and bringing young ' +
        'people to an ageing estate. Illustration only; no real company or result is described.',
      city: 'magdeburg',
      country: 'DE',
      themes: ['housing-urban-regeneration', 'youth-retention', 'labour-market-entrepreneurship'],
      targetGroups: ['students', 'entrepreneurs', 'youth'],
      period: { startYear: 2020, ongoing: true },
      stakeholders: 'A housing company; a university; a start-up support centre.',
      description: `**Illustrative example.**

1. The housing company identifies a block with a decision pending.
2. Flats are let on fixed-term contracts at running costs.
3. One ground-floor unit becomes shared workspace.
4. The company decides about the building's future with the tenants' experience in hand.`,
      transferability: 'Needs an owner willing to accept short contracts and simple furnishing.',
      lessons: 'Illustrative: state the end date clearly from the first day.',
      results:
        'Illustrative: no results are reported. Useful measures: occupancy of the block and how many tenants stay in the city afterwards.',
      contact: { name: 'Tenant manager (illustrative)', organisation: 'A municipal housing company (illustrative)' },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
  {
    demoSlug: 'de-illustrative-welcome-centre-skilled-workers',
    illustrative: true,
    status: 'submitted',
    daysAgo: 18,
    content: {
      title: 'Welcome centre for international skilled workers and their families',
      summary:
        'Illustrative example: a city and its chamber of commerce open one office where skilled workers recruited abroad ' +
        'and their partners get help with residence papers, recognition of qualifications, housing, schools and language ' +
        'courses. An illustration, not a description of an existing centre.',
      city: 'magdeburg',
      country: 'DE',
      themes: ['integration-newcomers', 'attracting-working-age-residents', 'labour-market-entrepreneurship'],
      targetGroups: ['newcomers-immigrants', 'working-age-adults', 'families-with-children'],
      period: { startYear: 2026, ongoing: true },
      stakeholders: 'A city administration; a chamber of commerce; employers; the foreigners\u2019 authority.',
      description: `**Illustrative example.** The centre serves employers as well as newcomers:

- employers register a recruit before arrival;
- the centre books the first appointments with authorities;
- partners of recruits get a job-search contact of their own.`,
      results:
        'Illustrative: the entry proposes counting how many recruits and partners still live in the city after two years.',
      contact: { name: 'Welcome centre adviser (illustrative)', organisation: 'A city welcome centre (illustrative)' },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
];
