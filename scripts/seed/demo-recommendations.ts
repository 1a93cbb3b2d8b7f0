/**
 * Demo recommendations, written for this knowledge base from the demo practices (scripts/seed/practices), three per
 * measure group, each citing two to five of them with its reasons. They are demo data, not texts of the DeCoDe
 * network: every problem statement says so, and the pages label them by their `demo:` import key.
 */

export const DEMO_RECOMMENDATION_NOTE =
  '_Demo data: written for this knowledge base from the demo practices; not a text adopted by the DeCoDe network._';

export type DemoCitation = { practice: string; reason: string; indicators?: string[] };

export type DemoRecommendation = {
  demoSlug: string;
  content: {
    title: string;
    summary: string;
    problem: string;
    measureGroup: 'birth-rate-family-support' | 'working-age-people' | 'remigration';
    themes: string[];
    targetGroups: string[];
    actions: { text: string; lead?: string; costBand: 'low' | 'medium' | 'high'; horizon: 'short' | 'medium' | 'long' }[];
    preconditions: string;
    risks: string;
    suits: { populationBands: string[]; trends: string[]; roles: string[] };
    indicators: { name: string; unit: string; direction: 'up' | 'down' }[];
    priority: 'high' | 'medium' | 'low';
  };
  citations: DemoCitation[];
};

const problem = (text: string) => `${text}\n\n${DEMO_RECOMMENDATION_NOTE}`;

export const DEMO_RECOMMENDATIONS: readonly DemoRecommendation[] = [
  {
    demoSlug: 'rec-first-home-for-families',
    content: {
      title: 'Help families with children buy their first home in the city',
      summary: 'A guarantee on the down payment of a first-home loan lets young families settle in the city instead of renting elsewhere or leaving; renovated central housing gives them somewhere to buy.',
      problem: problem('Young families who want to stay cannot save the down payment a bank asks for, and the housing they could afford is in poor condition. They rent, wait, or move to where they already work.'),
      measureGroup: 'birth-rate-family-support',
      themes: ['birth-rate-family-support', 'housing-urban-regeneration'],
      targetGroups: ['families-with-children', 'returning-emigrants'],
      actions: [
        { text: 'Agree with the national development-finance institution how families in the city can use its **first-home guarantee**, and explain it at every municipal family service point.', lead: 'Housing department', costBand: 'low', horizon: 'short' },
        { text: 'Renovate vacant **municipal buildings in the centre** in phases and offer part of the flats to families with children.', lead: 'Urban regeneration office', costBand: 'high', horizon: 'long' },
      ],
      preconditions: 'A national or regional guarantee scheme, and municipal housing stock that can be renovated.',
      risks: 'Guarantees raise household debt; renovation programmes take years before the first families move in.',
      suits: { populationBands: ['100k-300k', 'over-300k'], trends: ['shrinking'], roles: ['regional-centre'] },
      indicators: [
        { name: 'Families with children who bought a first home in the city', unit: 'families per year', direction: 'up' },
        { name: 'Vacant municipal flats in the centre', unit: 'flats', direction: 'down' },
      ],
      priority: 'high',
    },
    citations: [
      { practice: 'lv-housing-guarantee-families', reason: 'About 8,400 Latvian families with children used the state guarantee for a first-home mortgage by 2017.', indicators: ['Families who received a housing guarantee (cumulative)'] },
      { practice: 'pl-lodz-mia100-kamienic', reason: 'Łódź renovates one hundred municipal tenement houses so that people want to live in the centre again.', indicators: ['Municipal tenement houses in the programme (target)'] },
      { practice: 'lv-daugavpils-family-friendly-award', reason: 'Daugavpils reviewed and presented its family services through the national family-friendly municipality award.' },
    ],
  },
  {
    demoSlug: 'rec-childcare-where-parents-work',
    content: {
      title: 'Childcare where and when parents need it',
      summary: 'Kindergarten places next to the big employers and places kept free for families arriving during the year, so that childcare never decides whether a parent can take a job in the city.',
      problem: problem('Parents of small children turn down shift work or a move to the city because kindergarten places are far from work or full for the rest of the school year.'),
      measureGroup: 'birth-rate-family-support',
      themes: ['birth-rate-family-support', 'labour-market-entrepreneurship', 'education-skills'],
      targetGroups: ['families-with-children', 'working-age-adults', 'returning-emigrants'],
      actions: [
        { text: 'Plan a **kindergarten inside or next to industrial parks** with opening hours that follow the shifts.', lead: 'Local development agency with the education department', costBand: 'medium', horizon: 'medium' },
        { text: 'Keep a small share of kindergarten places **free for families who arrive or return during the year**.', lead: 'Pre-school admissions office', costBand: 'low', horizon: 'short' },
        { text: 'Give every child who arrives from abroad a **mentor teacher** for the first school term.', lead: 'Education department', costBand: 'low', horizon: 'short' },
      ],
      preconditions: 'Employers willing to share the cost or the land; a clear admissions rule for the reserved places.',
      risks: 'Reserved places left empty cost money; parks far from housing make families drive.',
      suits: { populationBands: [], trends: ['shrinking', 'stable'], roles: ['regional-centre'] },
      indicators: [{ name: 'Children waiting for a kindergarten place', unit: 'children', direction: 'down' }],
      priority: 'medium',
    },
    citations: [
      { practice: 'ro-oradea-adlo-industrial-parks', reason: 'Oradea’s industrial parks include a kindergarten, so parents of young children can work shifts there.', indicators: ['Jobs in the parks'] },
      { practice: 'lt-illustrative-kindergarten-places-for-arrivals', reason: 'An illustration of reserved kindergarten places for families who move in during the school year.' },
      { practice: 'lv-illustrative-school-start-mentoring', reason: 'An illustration of mentor teachers for children arriving from abroad, answering a need returning families documented in 2018.' },
    ],
  },
  {
    demoSlug: 'rec-measure-family-friendliness',
    content: {
      title: 'Measure the city’s family-friendliness and check every decision for its demographic impact',
      summary: 'Compare the city’s family services with other municipalities, set a yearly target for new residents, and attach a short demographic impact note to council decisions.',
      problem: problem('Family policy is spread over many departments; nobody sees whether the city is getting better for families, and decisions are taken without asking what they do to the population.'),
      measureGroup: 'birth-rate-family-support',
      themes: ['birth-rate-family-support', 'civic-participation'],
      targetGroups: ['families-with-children'],
      actions: [
        { text: 'Take part in a **national comparison of family-friendly municipalities** and publish the result with an improvement plan.', lead: 'Family policy officer', costBand: 'low', horizon: 'short' },
        { text: 'Set a **yearly target for new residents** and report on it to the council.', lead: 'Strategic planning unit', costBand: 'low', horizon: 'medium' },
        { text: 'Add a **demographic impact note** to every council decision on services, housing and transport.', lead: 'City council secretariat', costBand: 'low', horizon: 'medium' },
      ],
      preconditions: 'A national or regional comparison to join; population data by district.',
      risks: 'Targets without a budget become slogans; impact notes become a formality.',
      suits: { populationBands: [], trends: [], roles: [] },
      indicators: [{ name: 'Net arrivals of families with children', unit: 'families per year', direction: 'up' }],
      priority: 'medium',
    },
    citations: [
      { practice: 'lv-daugavpils-family-friendly-award', reason: 'Daugavpils won its category of Latvia’s family-friendly municipality award in 2017.', indicators: ['National family-friendly municipality award — category won'] },
      { practice: 'dk-vejle-settlement-strategy', reason: 'Vejle set a target of 1,500 new residents a year in 2021; the population grew by more than 2,000 in 2022.', indicators: ['Population growth in the year (more than)'] },
      { practice: 'es-castilla-la-mancha-law-2-2021', reason: 'Castilla-La Mancha requires a demographic impact report for regional rules, with a strategy covering 721 municipalities.' },
    ],
  },
  {
    demoSlug: 'rec-paid-internships-for-graduates',
    content: {
      title: 'Paid internships with local employers that keep graduates in the city',
      summary: 'Scholarships and paid internships, co-funded by the city, companies and universities, so that students see a career in the city before they graduate.',
      problem: problem('Students leave after graduation because they never met a local employer; employers say they cannot find young specialists.'),
      measureGroup: 'working-age-people',
      themes: ['youth-retention', 'labour-market-entrepreneurship', 'education-skills'],
      targetGroups: ['students', 'youth'],
      actions: [
        { text: 'Run a yearly **paid internship programme** with local employers, with one application portal.', lead: 'Economic development department', costBand: 'medium', horizon: 'short' },
        { text: 'Ask companies to set **final-year projects** with the universities.', lead: 'Universities with the business council', costBand: 'low', horizon: 'medium' },
        { text: 'Offer **summer internships** to young people of the diaspora visiting their families.', costBand: 'low', horizon: 'short' },
      ],
      preconditions: 'At least one university or college in the city and employers willing to pay interns.',
      risks: 'Unpaid or low-quality internships harm the city’s image among students.',
      suits: { populationBands: ['100k-300k', 'over-300k'], trends: ['shrinking'], roles: ['regional-centre'] },
      indicators: [
        { name: 'Interns offered further work', unit: '% of interns', direction: 'up' },
        { name: 'Graduates still living in the city a year later', unit: '% of graduates', direction: 'up' },
      ],
      priority: 'high',
    },
    citations: [
      { practice: 'pl-lodz-mlodzi-w-lodzi', reason: 'In 2024 “Młodzi w Łodzi” had 350 internship offers and 9,400 applications; 80 % of interns were offered further work.', indicators: ['Oferty staży (internship offers)', 'Stażyści z propozycją dalszej pracy (interns offered further work)'] },
      { practice: 'lt-illustrative-final-year-projects-with-employers', reason: 'An illustration of final-year projects set by local employers.' },
      { practice: 'ro-illustrative-diaspora-summer-internships', reason: 'An illustration of summer internships for young people of the diaspora.', indicators: ['Interns placed (illustrative value)'] },
    ],
  },
  {
    demoSlug: 'rec-jobs-close-to-home',
    content: {
      title: 'A development agency that brings jobs close to home',
      summary: 'One municipal agency that develops business land across the functional area and supports people who start a business, so that working-age residents find work without moving away.',
      problem: problem('People commute far or emigrate for work; investors and founders meet many offices instead of one counterpart.'),
      measureGroup: 'working-age-people',
      themes: ['labour-market-entrepreneurship', 'attracting-working-age-residents'],
      targetGroups: ['working-age-adults', 'entrepreneurs'],
      actions: [
        { text: 'Give a **municipal development agency** the mandate and staff to develop industrial parks with the surrounding municipalities.', lead: 'Mayor’s office', costBand: 'high', horizon: 'long' },
        { text: 'Open a **start-up desk** that helps founders use national grants and loans.', lead: 'Development agency', costBand: 'low', horizon: 'short' },
        { text: 'Let **empty flats** in estates awaiting renovation cheaply to students and young founders for a few years.', lead: 'Municipal housing company', costBand: 'low', horizon: 'short' },
      ],
      preconditions: 'Land the municipality controls; national start-up schemes.',
      risks: 'Parks compete with neighbouring towns unless planned together; grants attract short-lived firms.',
      suits: { populationBands: ['100k-300k'], trends: ['shrinking', 'stable'], roles: ['regional-centre'] },
      indicators: [{ name: 'Jobs created in the parks and by supported start-ups', unit: 'jobs', direction: 'up' }],
      priority: 'high',
    },
    citations: [
      { practice: 'ro-oradea-adlo-industrial-parks', reason: 'Oradea’s agency runs 11 parks that attracted over 425 M EUR and about 9,500 jobs by 2020.', indicators: ['Investment attracted (cumulative)', 'Jobs in the parks'] },
      { practice: 'it-palermo-resto-al-sud', reason: '“Resto al Sud” funded 699 projects in Palermo with 52 M EUR and more than 2,800 jobs (2023).', indicators: ['Progetti finanziati a Palermo (projects funded)', 'Posti di lavoro a Palermo (jobs, more than)'] },
      { practice: 'de-illustrative-vacant-blocks-for-students-startups', reason: 'An illustration of temporary use of vacant flats for students and start-ups before renovation.' },
    ],
  },
  {
    demoSlug: 'rec-settlement-strategy',
    content: {
      title: 'A settlement strategy with a guide for every newcomer',
      summary: 'A council-approved target for new residents, a settlement guide who meets newcomers, and help for the partner of every recruit to find work too.',
      problem: problem('Newcomers decide to move — or to leave again — on questions nobody answers: a job for the partner, a place in school, where to live.'),
      measureGroup: 'working-age-people',
      themes: ['attracting-working-age-residents', 'integration-newcomers'],
      targetGroups: ['working-age-adults', 'newcomers-immigrants', 'families-with-children'],
      actions: [
        { text: 'Adopt a **settlement strategy** with a yearly target for the whole municipality, not only the city centre.', lead: 'City council', costBand: 'low', horizon: 'medium' },
        { text: 'Appoint a **settlement guide** who answers newcomers’ questions in one place.', lead: 'Business and settlement service', costBand: 'low', horizon: 'short' },
        { text: 'Offer a **dual-career service** that helps recruits’ partners find work.', costBand: 'low', horizon: 'short' },
      ],
      preconditions: 'Employers who recruit from outside the region.',
      risks: 'A target without housing and services behind it disappoints newcomers.',
      suits: { populationBands: [], trends: ['stable', 'growing'], roles: ['regional-centre', 'small-town'] },
      indicators: [{ name: 'New residents in the year', unit: 'residents', direction: 'up' }],
      priority: 'medium',
    },
    citations: [
      { practice: 'dk-vejle-settlement-strategy', reason: 'Vejle raised its target to 1,500 new residents a year and created the role of settlement guide (2021).', indicators: ['Yearly target for new residents', 'Population growth in the year (more than)'] },
      { practice: 'dk-illustrative-dual-career-service', reason: 'An illustration of a service that finds work for the partner of a new employee.' },
      { practice: 'es-illustrative-village-coworking', reason: 'An illustration of coworking spaces that let remote workers live in smaller places.' },
    ],
  },
  {
    demoSlug: 'rec-remigration-coordinator',
    content: {
      title: 'A remigration coordinator who prepares an offer for each returning family',
      summary: 'One person in the region who works out, with each family planning to come back, what they need — work, school, housing, paperwork — and brings the municipal support together.',
      problem: problem('Emigrant families who would come back give up over uncertainty: nobody tells them what support the city can give, and it is spread over many offices.'),
      measureGroup: 'remigration',
      themes: ['return-migration-diaspora'],
      targetGroups: ['returning-emigrants', 'families-with-children'],
      actions: [
        { text: 'Appoint a **remigration coordinator** who prepares an individual offer of support for each family.', lead: 'Planning region with the municipalities', costBand: 'low', horizon: 'short' },
        { text: 'Set up a **municipal remigration working group** that brings the city’s support together, including start-up grants and language courses.', lead: 'City council', costBand: 'low', horizon: 'short' },
        { text: 'Arrange **school-start support** for children of returning families.', lead: 'Education department', costBand: 'low', horizon: 'medium' },
      ],
      preconditions: 'A regional or national remigration programme that funds the coordinator.',
      risks: 'One coordinator for a whole region can become a bottleneck.',
      suits: { populationBands: [], trends: ['shrinking'], roles: ['regional-centre'] },
      indicators: [{ name: 'Families returned with coordinator support', unit: 'families per year', direction: 'up' }],
      priority: 'high',
    },
    citations: [
      { practice: 'lv-regional-remigration-coordinators', reason: 'In Latgale 30 families (67 people) returned with the coordinators’ support by November 2018.', indicators: ['Families returned to Latgale (by November)', 'People in returned Latgale families (by November)'] },
      { practice: 'lv-daugavpils-returnee-support-package', reason: 'Daugavpils set up a remigration working group in 2018 that gathers the city’s support for returnees.' },
      { practice: 'lv-illustrative-school-start-mentoring', reason: 'An illustration of school support for children of returning families.' },
    ],
  },
  {
    demoSlug: 'rec-one-information-point',
    content: {
      title: 'One information point for everyone coming back',
      summary: 'A phone line, online calls and a web map that answer every question about returning in one place, with the certificates emigrants need available online.',
      problem: problem('People abroad do not know whom to ask about returning, and simple paperwork makes them travel home.'),
      measureGroup: 'remigration',
      themes: ['return-migration-diaspora', 'digital-services'],
      targetGroups: ['returning-emigrants'],
      actions: [
        { text: 'Open a **migration information centre** — free phone line, online calls, a map of services — with the national agencies.', lead: 'Municipality with the International Organization for Migration', costBand: 'medium', horizon: 'short' },
        { text: 'Put the **certificates** people most often need from abroad online with electronic signature.', lead: 'Digital services department', costBand: 'medium', horizon: 'medium' },
      ],
      preconditions: 'National e-signature and a partner such as IOM for the information line.',
      risks: 'An information point without real services behind it only raises expectations.',
      suits: { populationBands: [], trends: ['shrinking'], roles: [] },
      indicators: [{ name: 'Questions answered for people planning to return', unit: 'questions per year', direction: 'up' }],
      priority: 'medium',
    },
    citations: [
      { practice: 'lt-i-choose-lithuania-information-centre', reason: 'Lithuania’s centre has answered questions about returning in one place since 2015; it was presented at the Kaunas meeting in 2018.', indicators: ['Years in continuous operation (since 2015)'] },
      { practice: 'lv-regional-remigration-coordinators', reason: 'The Latvian coordinators show that one contact person makes returning families’ questions manageable.', indicators: ['Regional remigration coordinators'] },
      { practice: 'ro-illustrative-online-certificates-abroad', reason: 'An illustration of municipal certificates online for residents living abroad.' },
    ],
  },
  {
    demoSlug: 'rec-keep-ties-with-the-diaspora',
    content: {
      title: 'Keep ties with the diaspora: summer programmes and start-up support for returnees',
      summary: 'Use the weeks when emigrants visit to show them jobs and business opportunities at home, and support those who come back to start a business.',
      problem: problem('Emigrants lose touch with the home labour market; those who would start a business at home lack capital and contacts.'),
      measureGroup: 'remigration',
      themes: ['return-migration-diaspora', 'labour-market-entrepreneurship', 'culture-city-image'],
      targetGroups: ['returning-emigrants', 'entrepreneurs', 'youth'],
      actions: [
        { text: 'Add a **“meet local employers” afternoon** to the summer festival when emigrants visit.', lead: 'Culture department with the business council', costBand: 'low', horizon: 'short' },
        { text: 'Offer **start-up grants** to returnees and help them apply for national schemes.', lead: 'Economic development department', costBand: 'medium', horizon: 'medium' },
        { text: 'Offer **paid summer internships** to young people of the diaspora.', costBand: 'low', horizon: 'short' },
      ],
      preconditions: 'Contact with diaspora associations; a municipal or national grant scheme.',
      risks: 'Events attract visitors but few returns unless jobs and grants follow.',
      suits: { populationBands: [], trends: ['shrinking'], roles: [] },
      indicators: [{ name: 'Businesses started by returnees', unit: 'businesses per year', direction: 'up' }],
      priority: 'low',
    },
    citations: [
      { practice: 'lv-daugavpils-returnee-support-package', reason: 'Daugavpils offers “Impulss” start-up grants of up to 7,000 EUR a project, which returnees can use.', indicators: ['„Impulss” grants — maksimālā summa projektam'] },
      { practice: 'it-palermo-resto-al-sud', reason: 'Resto al Sud supports people who start a business in southern Italy, with its age limit raised to 55.' },
      { practice: 'it-illustrative-summer-diaspora-festival', reason: 'An illustration of a summer festival that invites the diaspora home to meet employers.' },
      { practice: 'ro-illustrative-diaspora-summer-internships', reason: 'An illustration of summer internships for the diaspora’s young people.', indicators: ['Interns returning the next summer (illustrative value)'] },
    ],
  },
]; // prettier-ignore

/** The demo edition: every demo recommendation, published as "edition 1, November 2019" (the final conference). */
export const DEMO_EDITION = {
  importKey: 'demo:edition-1',
  publishedAt: new Date('2019-11-21T10:00:00Z'),
  introduction: `_Demo data: this edition was generated for the demonstration from the demo practices of this knowledge base.
It is not a document of the DeCoDe network._

The DeCoDe network — eight regional centres from Daugavpils to Cuenca — met five times between 2018 and 2019 to
compare how their cities lose and win back residents. This document collects the measures the partners' practices
support, in the three groups of the network's action plan:

1. **birth-rate and family support**,
2. **keeping and attracting working-age people**,
3. **remigration**.

Each recommendation names the problem it answers, the actions a municipality takes (who leads, cost, horizon), the
cities it suits and the indicators to watch. The numbers in brackets refer to the practices cited at the end of the
document, with their measured results. Each city records in the knowledge base whether and where it takes a
recommendation into its planning documents.`,
};

/** Illustrative adoption rows: they show how the tracker works and claim nothing about a real city's plans. */
export const DEMO_ADOPTION: readonly { recommendation: string; city: string; cell: Record<string, unknown> }[] = [
  {
    recommendation: 'rec-remigration-coordinator',
    city: 'daugavpils',
    cell: { status: 'implementing', document: { name: 'Illustrative planning document (demo data)', year: 2020 }, note: 'Illustrative example: demo data showing a recommendation being implemented. It says nothing about Daugavpils’s real plans.' },
  },
  {
    recommendation: 'rec-paid-internships-for-graduates',
    city: 'lodz',
    cell: { status: 'adopted', document: { name: 'Illustrative planning document (demo data)', year: 2020 }, note: 'Illustrative example: demo data showing an adopted recommendation. It says nothing about Łódź’s real plans.' },
  },
  {
    recommendation: 'rec-one-information-point',
    city: 'kaunas',
    cell: { status: 'under-consideration', note: 'Illustrative example: demo data showing a recommendation under consideration. It says nothing about Kaunas’s real plans.' },
  },
  {
    recommendation: 'rec-childcare-where-parents-work',
    city: 'oradea',
    cell: { status: 'under-consideration', note: 'Illustrative example: demo data. It says nothing about Oradea’s real plans.' },
  },
  {
    recommendation: 'rec-settlement-strategy',
    city: 'vejle',
    cell: { status: 'not-adopted', reason: 'Illustrative example: demo data showing a recorded decision not to adopt, with its reason. It says nothing about Vejle’s real decisions.' },
  },
]; // prettier-ignore
