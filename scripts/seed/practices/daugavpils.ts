import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Daugavpils: the network itself (from the seed documents), the family award, and two illustrations.
export const DAUGAVPILS: DemoPractice[] = [
  {
    demoSlug: 'lv-decode-network-of-regional-centres',
    illustrative: false,
    status: 'published',
    date: '2019-12-02',
    content: {
      title: 'DeCoDe: a network of eight regional-centre cities sharing depopulation-control practice',
      summary:
        'Daugavpils City Council led “Depopulation – the challenge of regional centres” (DeCoDe), a Europe for Citizens ' +
        'network of towns from 1 March 2018 to 1 February 2020 with a budget of 90,000 EUR. Eight regional centres met ' +
        'five times to compare depopulation and re-emigration and to collect proposals each city can take into its own ' +
        'planning documents (Daugavpils City Council decision No. 55, 2018).',
      city: 'daugavpils',
      country: 'LV',
      themes: ['civic-participation', 'return-migration-diaspora', 'attracting-working-age-residents'],
      targetGroups: ['working-age-adults', 'returning-emigrants', 'youth'],
      period: { startYear: 2018, endYear: 2020, ongoing: false },
      budget: {
        amountEur: 90000,
        fundingSources:
          'EU programme “Europe for Citizens”, strand 2, measure “Networks of Towns” (100 %); Daugavpils share 50,000 EUR',
      },
      stakeholders:
        'Daugavpils City Council (lead); Kaunas; Łódź region; Magdeburg; ACTA Center (Oradea); CEIPES (Palermo); Vejle; ' +
        'ADIMAN (Cuenca province); residents of the host cities.',
      description: `The network brought together cities that are **regional centres** in their countries: large enough to
offer jobs and services, yet losing people to capitals and to other member states.

Its aims, as set out in the project description:

- a lasting international network for sharing experience of depopulation and re-emigration;
- an assessment of the situation in each country and city;
- a strong local-economy structure;
- citizens' understanding of mobility between European cities.

The partners grouped the measures of their action plans in three families:

1. birth-rate and family support;
2. keeping and attracting working-age people;
3. remigration.`,
      results: `| # | Where | When | Topic |
| --- | --- | --- | --- |
| 1 | Daugavpils | 05/2018 | Kick-off: depopulation in the EU and in Latgale; Latvia's re-emigration pilot |
| 2 | Kaunas | 09/2018 | Good-practice examples for preventing depopulation |
| 3 | Palermo | 02/2019 | Youth depopulation — how can it be prevented? |
| 4 | Łódź | 05/2019 | Good-practice examples of depopulation-control action plans |
| 5 | Daugavpils | 11/2019 | Final results dissemination conference |

Five international events held, two of them in Daugavpils open to local residents.`,
      transferability: `A network of towns needs a lead partner able to pre-finance: the EU advance was 40 % (36,000 EUR)
and Daugavpils pre-financed 30,000 EUR in 2019 before the 60 % balance was paid. Hosting one event each spreads the
work and lets every partner show its own practice on site.`,
      lessons: `- A shared structure for action plans (the three families of measures) makes practices comparable.
- Events in the lead city are more useful when residents can attend, not only staff.`,
      indicators: [
        { name: 'Partner cities in the network', value: 8, unit: 'cities', year: 2018 },
        { name: 'International events held', value: 5, unit: 'events', year: 2019 },
        { name: 'Total budget', value: 90000, unit: 'EUR', year: 2018 },
      ],
      sources: [SOURCES.daugavpilsDecision],
      contact: {
        name: 'DeCoDe project coordinator',
        organisation: 'Daugavpils City Council',
        email: 'decode@example.org',
      },
      language: 'en',
      event: '2019-11-daugavpils-final-conference',
    },
  },
  {
    demoSlug: 'lv-daugavpils-family-friendly-award',
    illustrative: false,
    status: 'published',
    date: '2019-03-18',
    content: {
      title: 'Family-friendly municipality: Daugavpils wins its category of the national award (2017)',
      summary:
        'Latvia’s national family-friendly municipality award compares how municipalities support families with children. ' +
        'Daugavpils won its category in 2017 (vietagimenei.lv). The entry shows how a regional centre can use a national ' +
        'comparison to review and present its family services.',
      city: 'daugavpils',
      country: 'LV',
      themes: ['birth-rate-family-support', 'culture-city-image'],
      targetGroups: ['families-with-children'],
      period: { startYear: 2017, endYear: 2017, ongoing: false },
      stakeholders:
        'Daugavpils City Council; the national family-friendly municipality award (vietagimenei.lv); families.',
      description: `The award is run at national level and compares municipalities in several categories.
Taking part means collecting, in one place, everything the municipality offers families: childcare, schools,
leisure, support payments and services.

Daugavpils entered and **won its category in 2017**.`,
      results: 'Category winner of the national family-friendly municipality award, 2017 (vietagimenei.lv).',
      transferability: `Any city in a country with a comparable award can enter. Where no award exists, the same review of
family services can be done as an internal audit and published for residents.`,
      lessons: `- Preparing the entry is itself useful: it shows which services families cannot find.
- A national title helps the city's image among young families and returnees.`,
      indicators: [
        { name: 'National family-friendly municipality award — category won', value: 1, unit: 'award', year: 2017 },
      ],
      sources: [SOURCES.vietaGimenei],
      contact: {
        name: 'Family policy officer',
        organisation: 'Daugavpils City Council',
        email: 'family.daugavpils@example.org',
      },
      language: 'en',
    },
  },
  {
    demoSlug: 'lv-illustrative-school-start-mentoring',
    illustrative: true,
    status: 'published',
    date: '2020-01-15',
    content: {
      title: 'School-start mentoring for children of returning families',
      summary:
        'Illustrative example: a municipal education department pairs each child arriving from abroad with a mentor teacher ' +
        'for the first school term. It responds to a documented need — school support was among the requests returning ' +
        'families made most often in Latvia in 2018 (paps.lv) — but the scheme itself is an illustration, not a documented programme.',
      city: 'daugavpils',
      country: 'LV',
      themes: ['return-migration-diaspora', 'education-skills'],
      targetGroups: ['returning-emigrants', 'families-with-children', 'youth'],
      period: { startYear: 2020, ongoing: true },
      stakeholders: 'A municipal education department; schools; a regional remigration coordinator; parents.',
      description: `**Illustrative example.** How a regional centre could organise the first months at school:

1. the remigration contact tells the education department which children are coming and when;
2. the school names a mentor teacher before the first day;
3. the mentor checks language, curriculum gaps and friendships every two weeks;
4. after one term, the family and the school decide whether support continues.`,
      transferability:
        'Needs no new budget line beyond mentors\u2019 time; works in any city with a contact point for returnees.',
      lessons: 'Illustrative: agree in advance how to record progress without labelling the child as “different”.',
      results:
        'Illustrative: no results are reported. A city trying it would follow how many children keep up with their class after one term.',
      indicators: [],
      sources: [SOURCES.paps],
      contact: {
        name: 'Mentoring scheme contact (illustrative)',
        organisation: 'A municipal education department (illustrative)',
      },
      language: 'en',
    },
  },
  {
    demoSlug: 'lv-illustrative-young-parents-library-point',
    illustrative: true,
    status: 'draft',
    daysAgo: 3,
    content: {
      title: 'Jauno vecāku atbalsta punkts pilsētas bibliotēkā',
      summary:
        'Illustrative example: ilustratīvs piemērs, nevis dokumentēta prakse. Pilsētas bibliotēkā reizi nedēļā strādā ' +
        'konsultāciju punkts jaunajiem vecākiem: informācija par bērnudārziem, pabalstiem, ģimenes ārstiem un pulciņiem vienuviet.',
      titleEn: 'Support point for new parents in the city library',
      summaryEn:
        'Illustrative example: not a documented practice. Once a week a counselling point for new parents works in ' +
        'the city library: information on kindergartens, benefits, family doctors and clubs in one place.',
      city: 'daugavpils',
      country: 'LV',
      themes: ['birth-rate-family-support', 'digital-services'],
      targetGroups: ['families-with-children'],
      period: { startYear: 2026, ongoing: true },
      description: `**Ilustratīvs piemērs.** Melnraksts: jāprecizē, kuras iestādes piedalās.

- Kur: bibliotēkas bērnu nodaļā, jo tur vecāki jau nāk.
- Kas: sociālā dienesta un izglītības pārvaldes darbinieki pēc grafika.
- Ko: palīdzība pieteikties pakalpojumiem tiešsaistē.`,
      indicators: [],
      sources: [],
      language: 'lv',
    },
  },
];
