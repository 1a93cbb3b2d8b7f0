import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Kaunas and Lithuania: two documented practices and three illustrations.
export const LITHUANIA: DemoPractice[] = [
  {
    demoSlug: 'lt-i-choose-lithuania-information-centre',
    illustrative: false,
    status: 'published',
    date: '2018-11-05',
    content: {
      title: '“I Choose Lithuania”: a one-stop migration information centre for people coming back',
      summary:
        'Since 2015 a migration information centre run with the International Organization for Migration (IOM) answers ' +
        'every question about returning to Lithuania in one place: a free phone line, online calls and an interactive map ' +
        'of services. It was presented at the DeCoDe meeting in Kaunas in September 2018 (iom.lt; en.kaunas.lt).',
      city: 'kaunas',
      country: 'LT',
      themes: ['return-migration-diaspora', 'digital-services', 'integration-newcomers'],
      targetGroups: ['returning-emigrants', 'newcomers-immigrants', 'families-with-children'],
      period: { startYear: 2015, ongoing: true },
      stakeholders:
        'International Organization for Migration (IOM) Lithuania; national and municipal institutions; diaspora communities.',
      description: `People abroad who think about coming back usually have many small questions that belong to different
institutions. The centre gathers the answers in **one service**:

- a **free phone line**;
- **online calls** for people who are still abroad;
- an **interactive map** showing where services are found in each municipality.

The same service also helps foreigners who move to Lithuania, so the information is kept in one place for both.`,
      results: `The centre has worked continuously since 2015 (iom.lt). Its approach was one of the good-practice examples
discussed at the network's Kaunas meeting in 2018.`,
      transferability: `A city can build the local part — a contact who knows municipal services and a page on the map —
even where the national service is run by someone else. Partnering with an international organisation helped
with neutrality and experience of migrants' questions.`,
      lessons: `- Reachability from abroad (online calls) matters more than office hours.
- A map of services is only useful when municipalities keep their entries up to date.`,
      indicators: [{ name: 'Years in continuous operation (since 2015)', value: 3, unit: 'years', year: 2018 }],
      sources: [SOURCES.iom, SOURCES.kaunas],
      contact: {
        name: 'Migration information centre team',
        organisation: 'IOM Lithuania',
        email: 'info-centre@example.org',
      },
      language: 'en',
      event: '2018-09-kaunas-good-practice',
    },
  },
  {
    demoSlug: 'lt-gal-i-lietuva-employer-meetings',
    illustrative: false,
    status: 'submitted',
    daysAgo: 25,
    content: {
      title: '„Gal į Lietuvą?“ — Užimtumo tarnybos susitikimai emigrantams su Lietuvos darbdaviais',
      summary:
        'Užimtumo tarnybos renginiai, kuriuose užsienyje gyvenantys lietuviai susitinka su Lietuvos darbdaviais, ' +
        'sužino apie laisvas darbo vietas ir galimybes grįžti dirbti į Lietuvą (uzt.lt, grįžtamosios migracijos projektas).',
      titleEn: '“Back to Lithuania?” — Employment Service meetings between emigrants and Lithuanian employers',
      summaryEn:
        'Employment Service events where Lithuanians living abroad meet Lithuanian employers and learn about ' +
        'vacancies and ways to come back to work in Lithuania (uzt.lt, return migration project).',
      city: 'kaunas',
      country: 'LT',
      themes: ['return-migration-diaspora', 'labour-market-entrepreneurship'],
      targetGroups: ['returning-emigrants', 'working-age-adults'],
      period: { startYear: 2018, ongoing: true },
      stakeholders: 'Užimtumo tarnyba (Lithuanian Employment Service); Lithuanian employers; diaspora communities.',
      description: `The Lithuanian Employment Service organises events under the name **“Gal į Lietuvą?”** (“Maybe to
Lithuania?”) as part of its return-migration project.

- Emigrants meet Lithuanian employers in person or online.
- Employers present concrete vacancies, not general information.
- Participants learn what the Employment Service offers after their return.`,
      results:
        'The source describes the format but gives no participation figures and no launch year, so none are stated. ' +
        'The period field holds 2018 only as the year of the network’s Kaunas meeting; the authors should confirm it.',
      transferability: `A regional centre can co-host such an event with its largest employers, timed for holidays when
emigrants visit home.`,
      lessons: '- A job offer is the strongest single reason to return; the events put it first.',
      indicators: [],
      sources: [SOURCES.uzt],
      contact: {
        name: 'Return migration project team',
        organisation: 'Užimtumo tarnyba (Lithuanian Employment Service)',
      },
      language: 'lt',
    },
  },
  {
    demoSlug: 'lt-illustrative-final-year-projects-with-employers',
    illustrative: true,
    status: 'published',
    date: '2020-02-10',
    content: {
      title: 'Final-year student projects set by local employers',
      summary:
        'Illustrative example: universities in a student city invite local companies to set real problems as final-year ' +
        'projects, so that students meet employers before they graduate and see a career in the city. Not a documented ' +
        'programme of any named city or university.',
      city: 'kaunas',
      country: 'LT',
      themes: ['youth-retention', 'labour-market-entrepreneurship', 'education-skills'],
      targetGroups: ['students', 'youth'],
      period: { startYear: 2020, ongoing: true },
      stakeholders: 'Universities; local employers; a municipal youth or business office.',
      description: `**Illustrative example.**

| Step | Who | What |
| --- | --- | --- |
| 1 | Employers | submit a short project brief each autumn |
| 2 | University | matches briefs to study programmes |
| 3 | Students | work on the brief with a company mentor |
| 4 | City | hosts a public presentation day |`,
      transferability: 'Works wherever universities and employers share a city; the municipality mainly convenes.',
      lessons: 'Illustrative: small companies need help writing a brief that fits an academic timetable.',
      results:
        'Illustrative: no results are reported; count how many students are hired by the company that set their project.',
      indicators: [],
      sources: [],
      contact: {
        name: 'Project coordinator (illustrative)',
        organisation: 'A university careers office (illustrative)',
      },
      language: 'en',
    },
  },
  {
    demoSlug: 'lt-illustrative-moving-here-portal',
    illustrative: true,
    status: 'submitted',
    daysAgo: 9,
    content: {
      title: '“Moving here” web guide for newcomers and returnees',
      summary:
        'Illustrative example: a municipal web guide that walks a person moving to the city through every step — ' +
        'registration, school or kindergarten place, family doctor, housing, jobs — with links to the online services. ' +
        'An illustration only; no real portal or result is described.',
      city: 'kaunas',
      country: 'LT',
      themes: ['digital-services', 'integration-newcomers', 'return-migration-diaspora'],
      targetGroups: ['newcomers-immigrants', 'returning-emigrants', 'families-with-children'],
      period: { startYear: 2026, ongoing: true },
      description: `**Illustrative example.** The guide is organised by life situation rather than by department:

- “I am moving with children”
- “I want to start a business”
- “I am coming back after years abroad”

Each page lists the steps in order and who answers questions.`,
      transferability: 'Low cost; the hard part is keeping the pages current, so each page needs a named owner.',
      results:
        'Illustrative: no results are reported. Page visits from abroad and questions received would show whether the guide is found.',
      contact: {
        name: 'Web editor (illustrative)',
        organisation: 'A municipal communication department (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
  {
    demoSlug: 'lt-illustrative-kindergarten-places-for-arrivals',
    illustrative: true,
    status: 'published',
    date: '2021-04-19',
    content: {
      title: 'Reserved kindergarten places for families arriving during the year',
      summary:
        'Illustrative example: a municipality keeps a small number of kindergarten places free for families who move in or ' +
        'come back during the school year, so that the lack of childcare does not delay a parent’s return to work. ' +
        'Illustration only, not a documented municipal rule.',
      city: 'kaunas',
      country: 'LT',
      themes: ['birth-rate-family-support', 'return-migration-diaspora', 'attracting-working-age-residents'],
      targetGroups: ['families-with-children', 'returning-emigrants', 'newcomers-immigrants'],
      period: { startYear: 2021, ongoing: true },
      description: `**Illustrative example.** Places are held until a set date each year; places not taken by then go to the
normal waiting list, so no place stays empty for long.`,
      lessons:
        'Illustrative: explain the rule openly to families on the waiting list, or it will look like queue-jumping.',
      results:
        'Illustrative: no results are reported. Measure how quickly arriving parents start work compared with before.',
      contact: {
        name: 'Pre-school admissions officer (illustrative)',
        organisation: 'A municipal education department (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
];
