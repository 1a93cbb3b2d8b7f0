import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Cuenca and Castilla-La Mancha: the regional law (documented, summary in Spanish) and three illustrations.
export const SPAIN: DemoPractice[] = [
  {
    demoSlug: 'es-castilla-la-mancha-law-2-2021',
    illustrative: false,
    status: 'published',
    date: '2021-11-08',
    summarySheet: true,
    content: {
      title:
        'Ley 2/2021 de Castilla-La Mancha frente a la despoblación: zonificación rural e informes de impacto demográfico',
      summary:
        'La Ley 2/2021 de Castilla-La Mancha divide el medio rural en zonas según su riesgo de despoblación, obliga a ' +
        'acompañar las normas regionales con un informe de impacto demográfico, establece una estrategia que abarca ' +
        '721 municipios e introduce medidas fiscales (BOE-A-2021-11513; castillalamancha.es, 2021).',
      titleEn: 'Castilla-La Mancha Law 2/2021 against depopulation: rural zoning and demographic impact reports',
      summaryEn:
        'Castilla-La Mancha\'s Law 2/2021 divides rural areas into zones by their risk of depopulation, requires ' +
        'regional rules to come with a demographic impact report, sets out a strategy covering 721 municipalities and ' +
        'introduces tax measures (BOE-A-2021-11513; castillalamancha.es, 2021).',
      city: 'cuenca',
      country: 'ES',
      themes: ['attracting-working-age-residents', 'civic-participation', 'housing-urban-regeneration'],
      targetGroups: ['working-age-adults', 'families-with-children', 'entrepreneurs', 'seniors'],
      period: { startYear: 2021, ongoing: true },
      budget: { fundingSources: 'Regional budget of Castilla-La Mancha; tax measures' },
      stakeholders:
        'Junta de Comunidades de Castilla-La Mancha; provincial councils including Cuenca; 721 municipalities; rural residents.',
      description: `Castilla-La Mancha, the region of Cuenca, made depopulation a matter of **law** rather than of
individual programmes. Law 2/2021 does four things:

1. **Zoning**: rural areas are classified by how severe their depopulation is, so that measures can be targeted.
2. **Demographic-impact reports**: every regional rule must state how it affects population — a “rural proofing”
   of legislation.
3. **A strategy covering 721 municipalities**, which gives the measures a common frame across the region.
4. **Tax measures** for people and businesses in the affected areas.

For the province of Cuenca, one of the most sparsely populated in Spain, the law turns the fight against
depopulation into a permanent duty of the regional administration.`,
      results: `Adopted in 2021 and published in the Spanish official gazette as BOE-A-2021-11513. The sources used here
describe the law's content; they give no outcome figures, so none are stated. All dates are later than the DeCoDe
network's period (2018–2020).`,
      transferability: `A city cannot pass such a law, but it can ask for the same two tools in its own planning:
**zoning** (where is the problem most severe?) and a **demographic-impact check** of its own decisions —
for example before closing a school or a bus line.`,
      lessons: `- A demographic-impact report makes population a standing question in every decision, not a topic for one
department.
- Zoning avoids spreading scarce money evenly over places with very different needs.`,
      indicators: [
        { name: 'Municipalities covered by the regional strategy', value: 721, unit: 'municipalities', year: 2021 },
      ],
      sources: [SOURCES.boe, SOURCES.castillaLaMancha],
      contact: {
        name: 'Depopulation strategy office',
        organisation: 'Junta de Comunidades de Castilla-La Mancha',
        email: 'despoblacion.clm@example.org',
      },
      language: 'es',
    },
  },
  {
    demoSlug: 'es-illustrative-village-coworking',
    illustrative: true,
    status: 'published',
    date: '2021-06-21',
    content: {
      title: 'Coworking spaces in village halls for remote workers',
      summary:
        'Illustrative example: small municipalities turn an unused room of the town hall or old school into a coworking ' +
        'space with fast internet, so that people who can work remotely may live in the village. An illustration; no real ' +
        'municipality, figure or result is described.',
      city: 'cuenca',
      country: 'ES',
      themes: ['digital-services', 'attracting-working-age-residents', 'labour-market-entrepreneurship'],
      targetGroups: ['working-age-adults', 'entrepreneurs', 'returning-emigrants'],
      period: { startYear: 2021, ongoing: true },
      stakeholders: 'Small municipalities; a provincial development agency; a broadband provider.',
      description: `**Illustrative example.**

| Need | Answer |
| --- | --- |
| Fast, reliable connection | fibre to the public building first |
| A place that is not home | a room with desks, heating and a meeting corner |
| Company | regular events with other remote workers in the area |`,
      transferability: 'Depends on broadband first; the room itself is the cheap part.',
      results:
        'Illustrative: no results are reported. Desks in use and new registered residents would be the measures.',
      contact: {
        name: 'Rural development officer (illustrative)',
        organisation: 'A provincial development agency (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
  {
    demoSlug: 'es-illustrative-shared-teachers-rural-schools',
    illustrative: true,
    status: 'published',
    date: '2022-02-14',
    content: {
      title: 'Escuelas rurales que comparten profesores itinerantes',
      summary:
        'Illustrative example: ejemplo ilustrativo, no un programa documentado. Varias escuelas pequeñas de pueblos ' +
        'cercanos comparten profesores de música, idiomas y educación física, que se desplazan entre ellas, para mantener ' +
        'abiertas las escuelas y la calidad de la enseñanza.',
      titleEn: 'Rural schools sharing travelling teachers',
      summaryEn:
        'Illustrative example: not a documented programme. Several small schools in neighbouring villages share ' +
        'music, language and physical education teachers who travel between them, to keep the schools open and the ' +
        'teaching good.',
      city: 'cuenca',
      country: 'ES',
      themes: ['education-skills', 'birth-rate-family-support'],
      targetGroups: ['families-with-children', 'youth'],
      period: { startYear: 2022, ongoing: true },
      description: `**Ejemplo ilustrativo.** Una escuela abierta es a menudo la condición para que una familia joven se
quede en el pueblo; compartir especialistas reparte el coste entre varias escuelas.`,
      results:
        'Ilustrativo: no se documentan resultados. Medir cuántas escuelas siguen abiertas y la matrícula de cada curso.',
      contact: {
        name: 'Coordinador de escuelas rurales (ilustrativo)',
        organisation: 'Una administración educativa provincial (ilustrativo)',
      },
      indicators: [],
      sources: [],
      language: 'es',
    },
  },
  {
    demoSlug: 'es-illustrative-demand-responsive-transport',
    illustrative: true,
    status: 'changes_requested',
    daysAgo: 12,
    reviewComment:
      'Thank you — the idea is clear. Before publishing, please describe who books the trips (phone, app or both) and how ' +
      'older people without a smartphone are served, and add the transferability section. Keep the “Illustrative example” ' +
      'label at the start of the summary.',
    content: {
      title: 'On-demand rural bus linking villages to the regional centre',
      summary:
        'Illustrative example: instead of a fixed bus line that runs half-empty, minibuses run between villages and the ' +
        'regional centre when residents book a trip the day before. An illustration; no real service or figure is described.',
      city: 'cuenca',
      country: 'ES',
      themes: ['transport-connectivity', 'ageing-care'],
      targetGroups: ['seniors', 'youth', 'working-age-adults'],
      period: { startYear: 2026, ongoing: true },
      description: `**Illustrative example.** Trips are grouped by destination and time; the health centre, the market and
the train station in the regional centre are fixed stops.`,
      results: 'Illustrative: no results are reported. Trips booked and unserved requests would be the measures.',
      contact: {
        name: 'Mobility planner (illustrative)',
        organisation: 'A provincial transport office (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
];
