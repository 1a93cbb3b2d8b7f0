import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Vejle: the settlement strategy (documented, summary in Danish) and two illustrations.
export const DENMARK: DemoPractice[] = [
  {
    demoSlug: 'dk-vejle-settlement-strategy',
    illustrative: false,
    status: 'published',
    date: '2023-04-17',
    summarySheet: true,
    content: {
      title: 'Vejle Kommunes bosætningsstrategi: 1.500 nye borgere om året i hele kommunen',
      summary:
        'I august 2021 vedtog Vejle Kommune en bosætningsstrategi, der hævede målet fra 1.000 til 1.500 nye borgere om ' +
        'året i hele kommunen — ikke kun i byen — og oprettede en særlig rolle som bosætningsguide. I 2022 voksede ' +
        'befolkningen med mere end 2.000 (dansk-byudvikling.dk; vejle.dk).',
      titleEn: 'Vejle Municipality\'s settlement strategy: 1,500 new residents a year across the whole municipality',
      summaryEn:
        'In August 2021 Vejle Municipality adopted a settlement strategy that raised the target from 1,000 to 1,500 ' +
        'new residents a year across the whole municipality — not only in the town — and created a dedicated ' +
        'settlement guide. In 2022 the population grew by more than 2,000 (dansk-byudvikling.dk; vejle.dk).',
      city: 'vejle',
      country: 'DK',
      themes: ['attracting-working-age-residents', 'integration-newcomers', 'culture-city-image'],
      targetGroups: ['working-age-adults', 'families-with-children', 'newcomers-immigrants'],
      period: { startYear: 2021, ongoing: true },
      budget: { fundingSources: 'Vejle Kommune' },
      stakeholders: 'Vejle Kommune; local businesses; villages and towns across the municipality; new residents.',
      description: `Vejle treats settlement as a **strategy with a number**, adopted by the city council in August 2021.

Main elements:

- a growth **target of 1,500 new residents a year**, up from 1,000;
- the target covers the **whole municipality**, so villages and smaller towns count as much as Vejle town;
- a **settlement guide** (bosætningsguide): one person whose job is to help people who are thinking of moving
  to the municipality, from the first question to settling in.

| Indicator | Before | After | Year |
| --- | --- | --- | --- |
| Yearly target for new residents | 1,000 | 1,500 | 2021 |
| Population growth in the year | — | more than 2,000 | 2022 |`,
      results: `The population grew by **more than 2,000 in 2022**, the first full year after adoption
(dansk-byudvikling.dk; vejle.dk). Both figures are later than the DeCoDe network's period (2018–2020).`,
      transferability: `Any municipality can set a settlement target and name a guide. The demanding part is making the
whole administration — housing, schools, jobs — work towards the number, and keeping the villages in the target
so that growth is not only urban.`,
      lessons: `- A public number creates accountability and makes the strategy easy to explain.
- A personal guide is a strong signal to people choosing between several places.
- Growth in one year does not prove cause: the population figure has many drivers.`,
      indicators: [
        {
          name: 'Yearly target for new residents',
          baseline: 1000,
          value: 1500,
          unit: 'residents per year',
          year: 2021,
        },
        { name: 'Population growth in the year (more than)', value: 2000, unit: 'residents', year: 2022 },
      ],
      sources: [SOURCES.danskByudvikling, SOURCES.vejle],
      contact: {
        name: 'Bosætningsguide (settlement guide)',
        organisation: 'Vejle Kommune',
        email: 'settlement.vejle@example.org',
      },
      language: 'da',
    },
  },
  {
    demoSlug: 'dk-illustrative-dual-career-service',
    illustrative: true,
    status: 'published',
    date: '2022-01-24',
    content: {
      title: 'Dual-career service: finding a job for the partner of a new employee',
      summary:
        'Illustrative example: when a local employer recruits from outside the region, a municipal business service helps ' +
        'the recruit’s partner find work too, because families often decide to move — or to leave again — on the second ' +
        'job. An illustration; no real service or result is described.',
      city: 'vejle',
      country: 'DK',
      themes: ['attracting-working-age-residents', 'labour-market-entrepreneurship', 'integration-newcomers'],
      targetGroups: ['working-age-adults', 'newcomers-immigrants', 'families-with-children'],
      period: { startYear: 2022, ongoing: true },
      stakeholders: 'A municipal business service; local employers; a jobcentre.',
      description: `**Illustrative example.**

1. The employer asks the recruit whether the partner wants help.
2. The service meets the partner, online if needed, before the move.
3. The partner is introduced to the employers' network and to language courses.`,
      lessons: 'Illustrative: partners with qualifications from abroad need recognition advice early.',
      results:
        'Illustrative: no results are reported. Worth measuring: how many recruited families still live in the municipality after two years.',
      contact: {
        name: 'Dual-career adviser (illustrative)',
        organisation: 'A municipal business service (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
  {
    demoSlug: 'dk-illustrative-try-living-here-weekends',
    illustrative: true,
    status: 'submitted',
    daysAgo: 5,
    content: {
      title: '“Try living here” weekends in the villages',
      summary:
        'Illustrative example: villages in a municipality invite families who consider moving to spend a weekend: a guest ' +
        'house, a tour of the school and the childcare, dinner with residents and a visit to homes for sale. ' +
        'An illustration, not a documented event.',
      city: 'vejle',
      country: 'DK',
      themes: ['attracting-working-age-residents', 'housing-urban-regeneration', 'culture-city-image'],
      targetGroups: ['families-with-children', 'working-age-adults'],
      period: { startYear: 2026, ongoing: true },
      description: `**Illustrative example.** Run by volunteers from the village association with a small municipal grant;
the settlement contact of the municipality follows up with every family afterwards.`,
      results:
        'Illustrative: no results are reported; the natural measure is how many visiting families move to the village within a year.',
      contact: {
        name: 'Village association volunteer (illustrative)',
        organisation: 'A village association (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
];
