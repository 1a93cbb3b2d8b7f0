import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Documented Latvian practices on return migration (DEMO-FACTS.md, Latvia rows).
export const LATVIA_REMIGRATION: DemoPractice[] = [
  {
    demoSlug: 'lv-regional-remigration-coordinators',
    illustrative: false,
    status: 'published',
    date: '2019-06-12',
    summarySheet: true,
    content: {
      title: 'Regional remigration coordinators in Latvia’s planning regions (Latgale pilot)',
      summary:
        'Since 2018 a national pilot places one remigration coordinator in each of Latvia’s five planning regions. ' +
        'The coordinator prepares an individual offer of support for each family that plans to come back. ' +
        'By the end of July 2018, 42 families had returned nationwide; in Latgale, 30 families (67 people) by November 2018 ' +
        '(The Baltic Course; LSM; paps.lv, 2018).',
      city: 'daugavpils',
      country: 'LV',
      themes: ['return-migration-diaspora', 'birth-rate-family-support'],
      targetGroups: ['returning-emigrants', 'families-with-children'],
      period: { startYear: 2018, ongoing: true },
      budget: { fundingSources: 'National budget (regional development ministry pilot)' },
      stakeholders:
        'Ministry of Environmental Protection and Regional Development (pilot owner); the five planning regions, ' +
        'including Latgale Planning Region; municipalities; diaspora organisations.',
      description: `The pilot started in 2018 under the ministry responsible for environment and regional development.
Each of the **five planning regions** employs one coordinator, who is the first contact for a family abroad
that is thinking about coming back.

What the coordinator does:

- answers questions by e-mail, phone or video call before the move;
- puts together an **individual offer**: which municipal and state services apply to this family;
- connects the family with schools, employers and the municipality once they arrive.

The questions families asked most often in 2018:

- support for children starting school in Latvia;
- recognition of diplomas obtained abroad;
- starting a business;
- driving licences obtained abroad.`,
      results: `| Indicator | Value | Year | Source |
| --- | --- | --- | --- |
| Families returned with coordinator support (all Latvia, by end of July) | 42 | 2018 | The Baltic Course, article 142839 |
| Families returned to Latgale (by November) | 30 | 2018 | LSM; paps.lv |
| People in those Latgale families | 67 | 2018 | LSM; paps.lv |

The figures cover the first pilot year only.`,
      transferability: `Needs very little infrastructure: one trained person per region, a shared contact address and the
cooperation of municipal departments that already exist. The value lies in one named contact who knows every
local service, so a city of Daugavpils' size can start with a part-time post.`,
      lessons: `- Families decide early: the contact must be reachable while they are still abroad.
- The questions are practical (schools, diplomas, licences), so coordinators need direct lines into those offices.
- Counting returns needs a definition agreed from the start (families or people, by which date).`,
      indicators: [
        {
          name: 'Families returned with coordinator support, Latvia (by end of July)',
          value: 42,
          unit: 'families',
          year: 2018,
        },
        { name: 'Families returned to Latgale (by November)', value: 30, unit: 'families', year: 2018 },
        { name: 'People in returned Latgale families (by November)', value: 67, unit: 'people', year: 2018 },
        { name: 'Regional remigration coordinators', value: 5, unit: 'posts', year: 2018 },
      ],
      sources: [SOURCES.paps, SOURCES.balticCourseRemigration, SOURCES.lsm],
      contact: {
        name: 'Remigration coordinator',
        organisation: 'Latgale Planning Region',
        email: 'remigration.latgale@example.org',
      },
      language: 'en',
      event: '2018-05-daugavpils-kick-off',
    },
  },
  {
    demoSlug: 'lv-daugavpils-returnee-support-package',
    illustrative: false,
    status: 'published',
    date: '2019-09-03',
    summarySheet: true,
    content: {
      title: 'Daugavpils atbalsts reemigrantiem: remigrācijas darba grupa, „Impulss” granti un latviešu valodas kursi',
      summary:
        'Daugavpils pilsētas dome 2018. gadā izveidoja remigrācijas darba grupu, kas apkopo pašvaldības atbalstu ' +
        'tiem, kuri atgriežas no ārzemēm. Jaunajiem uzņēmējiem katru gadu ir pieejams „Impulss” grants līdz 7 000 EUR, ' +
        'un pašvaldība piedāvā latviešu valodas kursus (Latgales plānošanas reģions, lpr.gov.lv, 2018).',
      titleEn: 'Daugavpils support for returning emigrants: a remigration working group, “Impulss” grants and Latvian language courses',
      summaryEn:
        'In 2018 Daugavpils City Council set up a remigration working group that brings together the municipality\'s ' +
        'support for those returning from abroad. New entrepreneurs can apply every year for an “Impulss” grant of up ' +
        'to EUR 7,000, and the municipality offers Latvian language courses (Latgale Planning Region, lpr.gov.lv, ' +
        '2018).',
      city: 'daugavpils',
      country: 'LV',
      themes: ['return-migration-diaspora', 'labour-market-entrepreneurship', 'education-skills'],
      targetGroups: ['returning-emigrants', 'entrepreneurs', 'families-with-children'],
      period: { startYear: 2018, ongoing: true },
      budget: {
        fundingSources: 'Daugavpils pilsētas budžets („Impulss” grants — līdz 7 000 EUR vienam projektam gadā)',
      },
      stakeholders:
        'Daugavpils pilsētas dome; remigrācijas darba grupa; Latgales plānošanas reģiona remigrācijas koordinators; skolas.',
      description: `Daugavpils ir viena no Latgales pašvaldībām, kas piedalās remigrācijas pilotprojektā.
Pašvaldības atbalsta pakete sastāv no trim daļām:

- **Remigrācijas darba grupa** (izveidota 2018. gadā) — pašvaldības nodaļu pārstāvji, kas kopā izskata
  atgriezušos ģimeņu jautājumus un vienojas, kura iestāde ko dara.
- **„Impulss” grants** — ikgadējs konkurss jaunajiem uzņēmējiem ar atbalstu līdz **7 000 EUR** vienam projektam.
  Tas ir atvērts visiem jaunajiem uzņēmējiem, tātad arī tiem, kuri atgriežas un vēlas sākt savu biznesu.
- **Latviešu valodas kursi** — tiem, kuri ārzemēs valodu lietojuši maz, īpaši bērniem un jauniešiem.`,
      results: `Skaitļi par pašu pilotprojektu Latgalē (2018): līdz novembrim atgriezās 30 ģimenes jeb 67 cilvēki
(avots: LSM; paps.lv). Atsevišķi Daugavpils rezultāti avotos nav doti, tāpēc šeit tie netiek norādīti.`,
      transferability: `Pakete balstās uz esošiem pašvaldības instrumentiem: uzņēmējdarbības grantu konkurss un valodas
kursi daudzās pilsētās jau pastāv. Jaunais ir **darba grupa**, kas tos sasaista vienā piedāvājumā reemigrantam.`,
      lessons: `- Granta nosacījumiem jābūt saprotamiem arī tiem, kuri Latvijas uzņēmējdarbības vidi nepazīst.
- Valodas kursu laiki jāpielāgo strādājošiem vecākiem un skolēniem.`,
      indicators: [{ name: '„Impulss” grants — maksimālā summa projektam', value: 7000, unit: 'EUR', year: 2018 }],
      sources: [SOURCES.lprRemigration],
      contact: {
        name: 'Remigrācijas darba grupas sekretārs',
        organisation: 'Daugavpils City Council',
        email: 'remigracija.daugavpils@example.org',
      },
      language: 'lv',
    },
  },
  {
    demoSlug: 'lv-housing-guarantee-families',
    illustrative: false,
    status: 'published',
    date: '2019-10-21',
    content: {
      title:
        'State guarantee for first-home loans of families with children, later for young professionals and returnees',
      summary:
        'From 2014/15 Latvia’s state development finance institution guarantees 10–20 % of a first-home mortgage for ' +
        'families with children, so they need a much smaller down payment. The scheme was later opened to young ' +
        'professionals under 35 and to returning emigrants; about 8,400 families had used it by 2017 (The Baltic Course).',
      city: 'daugavpils',
      country: 'LV',
      themes: ['housing-urban-regeneration', 'birth-rate-family-support', 'return-migration-diaspora'],
      targetGroups: ['families-with-children', 'youth', 'returning-emigrants'],
      period: { startYear: 2014, ongoing: true },
      budget: { fundingSources: 'State guarantee programme (national)' },
      stakeholders:
        'State development finance institution; commercial banks; families; municipalities (Daugavpils as a regional centre).',
      description: `A national programme that is available in Daugavpils as everywhere in Latvia. The lack of savings for a
down payment is one of the reasons young families rent or move away; the state covers part of that risk instead.

| Who | Guarantee | Since |
| --- | --- | --- |
| Families with children | 10–20 % of the first-home loan | 2014/15 |
| Young professionals under 35 | part of the first-home loan | later extension |
| Returning emigrants | part of the first-home loan | later extension |

The bank grants the loan as usual; the guarantee replaces the missing part of the down payment.`,
      results:
        'About **8,400 families** had received a guarantee by 2017 (The Baltic Course, articles 137874 and 140083).',
      transferability: `Needs a national or regional guarantee body and banks willing to take part. A city cannot run it
alone, but it can make the scheme known to returnees and young families — for example through the remigration
coordinator.`,
      lessons: `- Tie the guarantee to a clear target group; extending it step by step let the programme learn who used it.
- Guarantees cost public money only when loans fail, which made the scheme easier to extend.`,
      indicators: [
        { name: 'Families who received a housing guarantee (cumulative)', value: 8400, unit: 'families', year: 2017 },
      ],
      sources: [SOURCES.balticCourseHousing1, SOURCES.balticCourseHousing2],
      contact: {
        name: 'Housing guarantee programme desk',
        organisation: 'State development finance institution (Latvia)',
      },
      language: 'en',
    },
  },
];
