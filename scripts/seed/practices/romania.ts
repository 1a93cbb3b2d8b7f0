import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Oradea: the local development agency (documented, summary in Romanian) and two illustrations.
export const ROMANIA: DemoPractice[] = [
  {
    demoSlug: 'ro-oradea-adlo-industrial-parks',
    illustrative: false,
    status: 'published',
    date: '2020-10-14',
    summarySheet: true,
    content: {
      title:
        'Agenția de Dezvoltare Locală Oradea: rețea de parcuri industriale cu grădiniță și școală profesională duală',
      summary:
        'Agenția municipală ADLO administrează o rețea de 11 parcuri industriale în tot județul. Până în 2020 au fost ' +
        'atrase investiții de peste 425 de milioane EUR și aproximativ 9.500 de locuri de muncă. În parcuri funcționează ' +
        'o grădiniță și o școală profesională duală (functionalareas.eu; transilvaniabusiness.ro, 2020).',
      titleEn: 'Oradea Local Development Agency: a network of industrial parks with a kindergarten and a dual vocational school',
      summaryEn:
        'The municipal agency ADLO runs a network of 11 industrial parks across the county. By 2020 it had attracted ' +
        'investment of more than EUR 425 million and about 9,500 jobs. A kindergarten and a dual vocational school ' +
        'operate in the parks (functionalareas.eu; transilvaniabusiness.ro, 2020).',
      city: 'oradea',
      country: 'RO',
      themes: [
        'labour-market-entrepreneurship',
        'attracting-working-age-residents',
        'education-skills',
        'birth-rate-family-support',
      ],
      targetGroups: ['working-age-adults', 'families-with-children', 'youth'],
      period: { startYear: 2020, ongoing: true },
      budget: { fundingSources: 'Municipal and county budgets; private investment attracted to the parks' },
      stakeholders: 'Oradea Local Development Agency (ADLO); Oradea municipality; the county; investors; schools.',
      description: `Oradea's **municipal development agency** (ADLO) runs a network of **11 industrial parks** across the whole
county, not only in the city.

What makes the parks a depopulation measure rather than only an economic one:

- jobs close to home for people who would otherwise commute abroad or move away;
- a **kindergarten inside the parks**, so parents of young children can work shifts;
- a **dual vocational school inside the parks**, where students learn at school and at the employer.

| Indicator | Value | Year |
| --- | --- | --- |
| Industrial parks in the network | 11 | 2020 |
| Investment attracted | over 425 M EUR | 2020 |
| Jobs | about 9,500 | 2020 |`,
      results: `By 2020: over 425 million EUR invested and about 9,500 jobs in the 11 parks (transilvaniabusiness.ro, 2020;
functionalareas.eu). The period field starts with 2020, the year of these figures; the agency's founding year is
not stated in the sources used.`,
      transferability: `Needs land the municipality controls and a professional agency with a clear mandate and staff
who speak investors' language. Adding childcare and vocational training to the parks costs little compared with
the infrastructure and answers the two questions employers and families ask first.`,
      lessons: `- A dedicated agency gives investors one counterpart instead of many offices.
- Working with the whole county spreads jobs beyond the city and keeps smaller towns alive.
- Services for workers' families belong in the park plan from the start.`,
      indicators: [
        { name: 'Industrial parks run by the agency', value: 11, unit: 'parks', year: 2020 },
        { name: 'Investment attracted (cumulative)', value: 425, unit: 'M EUR', year: 2020 },
        { name: 'Jobs in the parks', value: 9500, unit: 'jobs', year: 2020 },
      ],
      sources: [SOURCES.functionalAreas, SOURCES.transilvaniaBusiness],
      contact: {
        name: 'Investor relations officer',
        organisation: 'Oradea Local Development Agency (ADLO)',
        email: 'investors.oradea@example.org',
      },
      language: 'ro',
    },
  },
  {
    demoSlug: 'ro-illustrative-diaspora-summer-internships',
    illustrative: true,
    status: 'published',
    date: '2021-03-02',
    content: {
      title: 'Summer internships at home for students of the diaspora',
      summary:
        'Illustrative example: local employers offer paid summer internships to young people whose families emigrated, so ' +
        'that they get to know the job market of their parents’ home city while on holiday there. An illustration, not ' +
        'a documented programme of any city.',
      city: 'oradea',
      country: 'RO',
      themes: ['return-migration-diaspora', 'youth-retention', 'labour-market-entrepreneurship'],
      targetGroups: ['youth', 'students', 'returning-emigrants'],
      period: { startYear: 2021, ongoing: true },
      stakeholders: 'Employers; diaspora associations; a municipal youth office.',
      description: `**Illustrative example.** Announced through diaspora associations in spring, four to eight weeks long,
with a mentor at the company and a final meeting with the mayor's office for all interns.`,
      results:
        'Illustrative values only (see the indicators): they show how such a scheme could report, not real outcomes of any city.',
      contact: {
        name: 'Youth office coordinator (illustrative)',
        organisation: 'A municipal youth office (illustrative)',
      },
      indicators: [
        { name: 'Interns placed (illustrative value)', value: 20, unit: 'interns', year: 2021 },
        { name: 'Interns returning the next summer (illustrative value)', value: 8, unit: 'interns', year: 2022 },
      ],
      sources: [],
      language: 'en',
    },
  },
  {
    demoSlug: 'ro-illustrative-online-certificates-abroad',
    illustrative: true,
    status: 'published',
    date: '2022-05-16',
    content: {
      title: 'Municipal certificates online for residents living abroad',
      summary:
        'Illustrative example: a city puts the certificates people most often need from abroad — property, tax, civil ' +
        'status — online with electronic signature, so emigrants keep ties to the city without travelling. Illustration ' +
        'only; no real service or figure is described.',
      city: 'oradea',
      country: 'RO',
      themes: ['digital-services', 'return-migration-diaspora'],
      targetGroups: ['returning-emigrants', 'working-age-adults'],
      period: { startYear: 2022, ongoing: true },
      description: `**Illustrative example.** Start with the three certificates requested most often, measure waiting times
before and after, then add more.`,
      transferability: 'Needs an e-signature framework recognised in the country and the receiving countries.',
      results: 'Illustrative: no results are reported. Waiting times and trips saved would be the measures.',
      contact: { name: 'E-services team (illustrative)', organisation: 'A municipal IT department (illustrative)' },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
];
