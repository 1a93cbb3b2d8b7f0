import { SOURCES } from '../demo-sources';
import type { DemoPractice } from '../demo-types';

// Palermo and Sicily: two documented practices (one in Italian) and two illustrations.
export const ITALY: DemoPractice[] = [
  {
    demoSlug: 'it-palermo-resto-al-sud',
    illustrative: false,
    status: 'published',
    date: '2023-12-11',
    summarySheet: true,
    content: {
      title: 'Resto al Sud: contributi e prestiti per chi avvia un’impresa nel Mezzogiorno',
      summary:
        'Misura nazionale introdotta dal DL 91/2017 e gestita da Invitalia: 35 % a fondo perduto e 65 % come prestito, ' +
        'fino a 50.000 EUR per persona e 200.000 EUR per impresa. Il limite di età, all’inizio 35 anni, è stato portato ' +
        'a 45 e poi a 55. A Palermo, dati 2023: 699 progetti, 52 milioni di EUR e oltre 2.800 posti di lavoro (lasicilia.it, 2023).',
      titleEn: 'Resto al Sud: grants and loans for people starting a business in southern Italy',
      summaryEn:
        'A national measure introduced by Decree-Law 91/2017 and run by Invitalia: 35 % as a grant and 65 % as a ' +
        'loan, up to EUR 50,000 per person and EUR 200,000 per business. The age limit, 35 at first, was raised to 45 ' +
        'and then to 55. In Palermo, 2023 figures: 699 projects, EUR 52 million and more than 2,800 jobs ' +
        '(lasicilia.it, 2023).',
      city: 'palermo',
      country: 'IT',
      themes: ['labour-market-entrepreneurship', 'youth-retention', 'return-migration-diaspora'],
      targetGroups: ['entrepreneurs', 'youth', 'working-age-adults'],
      period: { startYear: 2017, ongoing: true },
      budget: {
        fundingSources:
          'Fondi nazionali (DL 91/2017), gestione Invitalia: 35 % contributo a fondo perduto, 65 % prestito',
      },
      stakeholders: 'Invitalia; banche convenzionate; giovani e aspiranti imprenditori; enti locali e consulenti.',
      description: `**Resto al Sud** („Resto al Sud” = „rimango al Sud”) è stato introdotto dal decreto-legge 91/2017
per sostenere chi avvia una nuova attività nelle regioni del Mezzogiorno invece di trasferirsi al Nord o all'estero.

Come funziona:

- **35 %** dell'investimento come contributo a fondo perduto;
- **65 %** come prestito;
- fino a **50.000 EUR per persona** e **200.000 EUR per impresa** con più soci;
- domanda presentata a Invitalia, che valuta il progetto.

Il limite di età era inizialmente di **35 anni**; è stato poi portato a **45** e più tardi a **55 anni**
(studiotlc.it, 2018; lasicilia.it, 2023).`,
      results: `| Indicatore (Palermo) | Valore | Anno |
| --- | --- | --- |
| Progetti finanziati | 699 | 2023 |
| Investimenti | 52 milioni EUR | 2023 |
| Posti di lavoro | oltre 2.800 | 2023 |

Dati 2023 (lasicilia.it), quindi successivi al periodo della rete DeCoDe (2018–2020).`,
      transferability: `Richiede una misura nazionale o regionale con un ente gestore capace di valutare i progetti.
Una città può però informare e accompagnare i candidati, soprattutto chi rientra dall'estero e non conosce
le procedure italiane.`,
      lessons: `- L'innalzamento del limite di età ha aperto la misura anche a persone più adulte, tra cui chi rientra dopo anni all'estero.
- La combinazione contributo + prestito responsabilizza il beneficiario più di un contributo puro.`,
      indicators: [
        { name: 'Progetti finanziati a Palermo (projects funded)', value: 699, unit: 'projects', year: 2023 },
        { name: 'Investimenti a Palermo (investment)', value: 52, unit: 'M EUR', year: 2023 },
        { name: 'Posti di lavoro a Palermo (jobs, more than)', value: 2800, unit: 'jobs', year: 2023 },
      ],
      sources: [SOURCES.studioTlc, SOURCES.laSicilia],
      contact: {
        name: 'Sportello informativo Resto al Sud',
        organisation: 'Invitalia',
        email: 'restoalsud@example.org',
      },
      language: 'it',
    },
  },
  {
    demoSlug: 'it-palermo-youth-depopulation-world-cafe',
    illustrative: false,
    status: 'published',
    date: '2019-03-11',
    content: {
      title: '“Youth depopulation – what can be done?”: a World Café with the Madonie mountain municipalities',
      summary:
        'On 11–13 February 2019 CEIPES hosted the network’s youth meeting in Palermo. Instead of lectures it used the ' +
        'World Café format, so that young people, partner cities and the small mountain municipalities of the Madonie ' +
        'discussed in rotating tables why young people leave and what would make them stay (ceipes.org).',
      city: 'palermo',
      country: 'IT',
      themes: ['youth-retention', 'civic-participation'],
      targetGroups: ['youth', 'students'],
      period: { startYear: 2019, endYear: 2019, ongoing: false },
      stakeholders: 'CEIPES (host); the DeCoDe partner cities; municipalities of the Madonie mountains; young people.',
      description: `The third international event of the DeCoDe network was devoted to **young people** and the question why
they leave regional centres.

The **World Café** method:

1. small tables, each with one question and a host;
2. participants change tables every round and carry ideas with them;
3. the hosts summarise what each table found in a final plenary.

Bringing in the **Madonie mountain municipalities** put the Palermo discussion next to the experience of villages
that lose young people to the regional centre itself.`,
      results:
        'A three-day international meeting of the network, 11–13 February 2019, in the World Café format (ceipes.org).',
      transferability: `The format costs little and works in any language mix with enough table hosts. Inviting smaller
municipalities from the hinterland shows that depopulation runs from village to regional centre to capital.`,
      lessons: `- Young people speak more freely at small tables than in a plenary.
- Each table needs a clear question; open discussion without one drifts.`,
      indicators: [{ name: 'Meeting days', value: 3, unit: 'days', year: 2019 }],
      sources: [SOURCES.ceipes],
      contact: { name: 'Youth programmes team', organisation: 'CEIPES', email: 'youth.ceipes@example.org' },
      language: 'en',
      event: '2019-02-palermo-youth',
    },
  },
  {
    demoSlug: 'it-illustrative-youth-participatory-budget',
    illustrative: true,
    status: 'published',
    date: '2020-09-28',
    content: {
      title: 'Bilancio partecipativo dei giovani per i quartieri',
      summary:
        'Illustrative example: esempio illustrativo, non un programma documentato. Una parte del bilancio comunale viene ' +
        'decisa dai ragazzi tra 14 e 25 anni: propongono progetti per il loro quartiere, li presentano e li votano.',
      titleEn: 'Youth participatory budget for the neighbourhoods',
      summaryEn:
        'Illustrative example: not a documented programme. Part of the city budget is decided by young people aged 14 ' +
        'to 25: they propose projects for their neighbourhood, present them and vote on them.',
      city: 'palermo',
      country: 'IT',
      themes: ['civic-participation', 'youth-retention'],
      targetGroups: ['youth', 'students'],
      period: { startYear: 2020, ongoing: true },
      stakeholders: 'Un ufficio comunale per le politiche giovanili; scuole; associazioni di quartiere.',
      description: `**Esempio illustrativo.**

- Autunno: raccolta delle proposte nelle scuole e online.
- Inverno: verifica tecnica con gli uffici comunali.
- Primavera: voto dei giovani e realizzazione dei progetti vincitori.`,
      lessons: 'Illustrativo: i progetti votati devono essere realizzati in fretta, altrimenti la fiducia si perde.',
      results:
        'Illustrativo: nessun risultato documentato. Da misurare: quanti giovani votano e quanti progetti vengono realizzati.',
      contact: {
        name: 'Referente politiche giovanili (illustrativo)',
        organisation: 'Un ufficio comunale per le politiche giovanili (illustrativo)',
      },
      indicators: [],
      sources: [],
      language: 'it',
    },
  },
  {
    demoSlug: 'it-illustrative-summer-diaspora-festival',
    illustrative: true,
    status: 'published',
    date: '2022-07-04',
    content: {
      title: 'A summer festival that invites the diaspora home',
      summary:
        'Illustrative example: a city schedules its summer festival in the weeks when emigrants visit their families and ' +
        'adds a “meet local employers and start-ups” afternoon to the programme. An illustration; no real festival, ' +
        'attendance or result is described.',
      city: 'palermo',
      country: 'IT',
      themes: ['culture-city-image', 'return-migration-diaspora'],
      targetGroups: ['returning-emigrants', 'youth', 'working-age-adults'],
      period: { startYear: 2022, ongoing: true },
      description: `**Illustrative example.** Culture brings people in; the employer afternoon gives them a reason to think
about staying. Invitations go through diaspora associations and families.`,
      results:
        'Illustrative: no results are reported. A city would count visitors from abroad at the employer afternoon and follow up their contacts.',
      contact: {
        name: 'Festival programme team (illustrative)',
        organisation: 'A municipal culture department (illustrative)',
      },
      indicators: [],
      sources: [],
      language: 'en',
    },
  },
];
