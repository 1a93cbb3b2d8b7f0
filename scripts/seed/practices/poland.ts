import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Łódź: two documented practices (one written in Polish) and two illustrations.
export const POLAND: DemoPractice[] = [
  {
    demoSlug: 'pl-lodz-mlodzi-w-lodzi',
    illustrative: false,
    status: 'published',
    date: '2024-11-20',
    summarySheet: true,
    content: {
      title: 'Młodzi w Łodzi — stypendia i płatne staże, które zatrzymują absolwentów w mieście',
      summary:
        'Od marca 2008 r. Łódź prowadzi program „Młodzi w Łodzi”: stypendia finansowane wspólnie przez miasto, firmy ' +
        'i uczelnie oraz płatne staże u łódzkich pracodawców. W 2024 r. było 350 ofert staży i 9 400 aplikacji, ' +
        'a 80 % stażystów otrzymało propozycję dalszej pracy (lodz.pl, 2024).',
      titleEn: 'Young in Łódź — scholarships and paid internships that keep graduates in the city',
      summaryEn:
        'Since March 2008 Łódź has run the “Młodzi w Łodzi” (Young in Łódź) programme: scholarships funded jointly by ' +
        'the city, companies and universities, and paid internships with Łódź employers. In 2024 there were 350 ' +
        'internship offers and 9,400 applications, and 80 % of interns were offered further work (lodz.pl, 2024).',
      city: 'lodz',
      country: 'PL',
      themes: ['youth-retention', 'labour-market-entrepreneurship', 'education-skills'],
      targetGroups: ['students', 'youth'],
      period: { startYear: 2008, ongoing: true },
      budget: { fundingSources: 'Miasto Łódź, pracodawcy i uczelnie (stypendia); pracodawcy (płatne staże)' },
      stakeholders: 'Urząd Miasta Łodzi; łódzkie uczelnie; pracodawcy z Łodzi i regionu; studenci i absolwenci.',
      description: `Program **„Młodzi w Łodzi”** działa od marca 2008 r. Ma sprawić, by studenci łódzkich uczelni
widzieli swoją przyszłość zawodową w Łodzi, a nie w innym mieście czy za granicą.

Dwa główne elementy:

- **stypendia** — finansowane wspólnie przez miasto, firmy i uczelnie;
- **płatne staże** — u pracodawców działających w Łodzi.

| Wskaźnik | Wartość | Rok |
| --- | --- | --- |
| Oferty staży | 350 | 2024 |
| Aplikacje na staże | 9 400 | 2024 |
| Stażyści z propozycją dalszej pracy | 80 % | 2024 |`,
      results: `Dane z 2024 r. (lodz.pl), a więc z okresu po zakończeniu sieci DeCoDe: 350 ofert staży, 9 400 aplikacji,
80 % stażystów otrzymało propozycję dalszej pracy. Na jedną ofertę przypadało więc około 27 aplikacji.`,
      transferability: `Wymaga partnerstwa miasta z uczelniami i pracodawcami. Miasto może program zainicjować i
współfinansować, ale to firmy oferują staże — bez nich program nie działa. Dobrze sprawdza się w mieście
akademickim, z którego absolwenci wyjeżdżają do stolicy.`,
      lessons: `- Płatny staż jest dla studenta sygnałem, że praca w mieście to realna możliwość.
- Wysoki odsetek propozycji dalszej pracy (80 % w 2024 r.) pokazuje, że pracodawcy traktują staże jako rekrutację.
- Program trwający od 2008 r. buduje rozpoznawalną markę wśród studentów.`,
      indicators: [
        { name: 'Oferty staży (internship offers)', value: 350, unit: 'offers', year: 2024 },
        { name: 'Aplikacje na staże (applications)', value: 9400, unit: 'applications', year: 2024 },
        {
          name: 'Stażyści z propozycją dalszej pracy (interns offered further work)',
          value: 80,
          unit: '%',
          year: 2024,
        },
      ],
      sources: [SOURCES.lodz2024],
      contact: {
        name: 'Koordynator programu „Młodzi w Łodzi”',
        organisation: 'Urząd Miasta Łodzi (City of Łódź)',
        email: 'mlodzi.lodz@example.org',
      },
      language: 'pl',
    },
  },
  {
    demoSlug: 'pl-lodz-mia100-kamienic',
    illustrative: false,
    status: 'published',
    date: '2019-06-24',
    summarySheet: true,
    content: {
      title: 'Mia100 Kamienic: renovating 100 municipal tenement houses to bring residents back to the centre',
      summary:
        'Łódź’s “Mia100 Kamienic” (City of 100 tenement houses) renovates one hundred municipal tenement houses in the ' +
        'city centre from cellar to attic and connects them to district heating, so that the centre becomes a place where ' +
        'people want to live again (mia100kamienic.lodz.pl; eurocities.eu).',
      city: 'lodz',
      country: 'PL',
      themes: ['housing-urban-regeneration', 'culture-city-image', 'attracting-working-age-residents'],
      targetGroups: ['families-with-children', 'working-age-adults', 'seniors'],
      period: { startYear: 2018, ongoing: true },
      stakeholders: 'City of Łódź (owner of the buildings); residents and tenants; district heating provider.',
      description: `The historic centre of Łódź is built of 19th-century tenement houses, many of them owned by the city.
Instead of repairing façades only, the programme renews each building **completely**:

- structure, roofs and cellars (“from cellar to attic”);
- flats and shared spaces;
- connection to **district heating**, replacing individual stoves.

The number in the name is the programme's target: **100 tenement houses**.`,
      results: `The sources describe the scope (100 buildings, full renovation, district heating) and the aim — bringing
residents back to the centre. They give no population figures for the renovated streets, so none are stated here.
The start year shown (2018) is the year this entry refers to; the programme's launch year is not stated in the
sources used.`,
      transferability: `Suits cities that own a large stock of old central housing. Renovating whole buildings is more
expensive per building than façade programmes but produces flats people choose to live in; coupling the works with
district heating also addresses air quality.`,
      lessons: `- A memorable name and a countable target (100) made the programme easy to communicate.
- Tenants need a plan for where they live while their building is renovated.`,
      indicators: [
        { name: 'Municipal tenement houses in the programme (target)', value: 100, unit: 'buildings', year: 2018 },
      ],
      sources: [SOURCES.mia100, SOURCES.eurocities],
      contact: {
        name: 'Urban regeneration office',
        organisation: 'City of Łódź',
        email: 'regeneration.lodz@example.org',
      },
      language: 'en',
    },
  },
  {
    demoSlug: 'pl-illustrative-senior-flats-in-renovated-buildings',
    illustrative: true,
    status: 'published',
    date: '2021-09-07',
    content: {
      title: 'Step-free flats for seniors on the ground floors of renovated city-centre buildings',
      summary:
        'Illustrative example: when a municipality renovates old central buildings, it adapts some ground-floor flats for ' +
        'older residents, so that they can stay in the centre near shops and services instead of moving to care homes ' +
        'far away. Not a documented part of any named programme.',
      city: 'lodz',
      country: 'PL',
      themes: ['ageing-care', 'housing-urban-regeneration'],
      targetGroups: ['seniors'],
      period: { startYear: 2021, ongoing: true },
      stakeholders: 'A municipal housing company; social services; residents.',
      description: `**Illustrative example.**

- level access from the street, wider doors, walk-in showers;
- a shared room for neighbours and visiting care workers;
- allocation to current tenants of the building first.`,
      transferability: 'Cheapest when planned into a renovation that is happening anyway.',
      results:
        'Illustrative: no results are reported. Measure how many older tenants could stay in their building after the renovation.',
      contact: { name: 'Housing officer (illustrative)', organisation: 'A municipal housing company (illustrative)' },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
  {
    demoSlug: 'pl-illustrative-night-bus-campuses',
    illustrative: true,
    status: 'draft',
    daysAgo: 7,
    content: {
      title: 'Nocna linia autobusowa łącząca kampusy z centrum',
      summary:
        'Illustrative example: przykład ilustracyjny, nie opis rzeczywistej linii. Nocna linia autobusowa łączy akademiki ' +
        'i kampusy z centrum miasta w piątki i soboty, aby studenci mogli korzystać z życia kulturalnego bez samochodu.',
      titleEn: 'Night bus line linking the campuses with the city centre',
      summaryEn:
        'Illustrative example: not a description of a real line. A night bus line links student halls and campuses ' +
        'with the city centre on Fridays and Saturdays, so students can enjoy cultural life without a car.',
      city: 'lodz',
      country: 'PL',
      themes: ['transport-connectivity', 'youth-retention', 'culture-city-image'],
      targetGroups: ['students', 'youth'],
      period: { startYear: 2026, ongoing: true },
      description: `**Przykład ilustracyjny.** Szkic do uzupełnienia:

- trasa: kampusy — dworzec — centrum;
- kursy co 30 minut między 23:00 a 4:00;
- ocena po pierwszym semestrze.`,
      indicators: [],
      sources: [],
      language: 'pl',
    },
  },
];
