import type { Locale } from '../../lib/i18n';

// The starting vocabularies. Slugs are stable identifiers stored on practices and used as
// search facets: a term is renamed by changing its labels and retired instead of deleted, never re-slugged.
export const VOCABULARY_KINDS = ['theme', 'target-group', 'measure-group'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/**
 * A term's labels in every interface language. The coordinator must keep English and Latvian; the other
 * languages are optional, and a reader of one without a label sees the English one.
 */
export const REQUIRED_LABELS = ['en', 'lv'] as const;
export type TermSeed = { slug: string } & Record<Locale, string>;

export const INITIAL_THEMES: readonly TermSeed[] = [
  { slug: 'birth-rate-family-support', en: 'Birth rate and family support', lv: 'Dzimstība un ģimeņu atbalsts', lt: 'Gimstamumas ir šeimų parama', pl: 'Dzietność i wsparcie rodzin', de: 'Geburtenrate und Familienförderung', ro: 'Natalitate și sprijin pentru familii', it: 'Natalità e sostegno alle famiglie', da: 'Fødselstal og familiestøtte', es: 'Natalidad y apoyo a las familias' },
  { slug: 'youth-retention', en: 'Youth retention', lv: 'Jauniešu noturēšana', lt: 'Jaunimo išlaikymas', pl: 'Zatrzymanie młodzieży', de: 'Junge Menschen halten', ro: 'Păstrarea tinerilor', it: 'Trattenere i giovani', da: 'Fastholdelse af unge', es: 'Retención de jóvenes' },
  { slug: 'return-migration-diaspora', en: 'Return migration and diaspora', lv: 'Remigrācija un diaspora', lt: 'Grįžtamoji migracija ir diaspora', pl: 'Migracje powrotne i diaspora', de: 'Rückwanderung und Diaspora', ro: 'Migrația de întoarcere și diaspora', it: 'Migrazione di ritorno e diaspora', da: 'Tilbagevandring og diaspora', es: 'Migración de retorno y diáspora' },
  { slug: 'attracting-working-age-residents', en: 'Attracting working-age residents', lv: 'Darbspējas vecuma iedzīvotāju piesaiste', lt: 'Darbingo amžiaus gyventojų pritraukimas', pl: 'Przyciąganie mieszkańców w wieku produkcyjnym', de: 'Menschen im erwerbsfähigen Alter gewinnen', ro: 'Atragerea locuitorilor de vârstă activă', it: 'Attrarre residenti in età lavorativa', da: 'Tiltrækning af borgere i den erhvervsaktive alder', es: 'Atracción de residentes en edad de trabajar' },
  { slug: 'labour-market-entrepreneurship', en: 'Labour market and entrepreneurship', lv: 'Darba tirgus un uzņēmējdarbība', lt: 'Darbo rinka ir verslumas', pl: 'Rynek pracy i przedsiębiorczość', de: 'Arbeitsmarkt und Unternehmertum', ro: 'Piața muncii și antreprenoriat', it: 'Mercato del lavoro e imprenditorialità', da: 'Arbejdsmarked og iværksætteri', es: 'Mercado laboral y emprendimiento' },
  { slug: 'housing-urban-regeneration', en: 'Housing and urban regeneration', lv: 'Mājokļi un pilsētvides atjaunošana', lt: 'Būstas ir miesto atnaujinimas', pl: 'Mieszkalnictwo i rewitalizacja miast', de: 'Wohnen und Stadterneuerung', ro: 'Locuințe și regenerare urbană', it: 'Casa e rigenerazione urbana', da: 'Boliger og byfornyelse', es: 'Vivienda y regeneración urbana' },
  { slug: 'education-skills', en: 'Education and skills', lv: 'Izglītība un prasmes', lt: 'Švietimas ir įgūdžiai', pl: 'Edukacja i umiejętności', de: 'Bildung und Kompetenzen', ro: 'Educație și competențe', it: 'Istruzione e competenze', da: 'Uddannelse og kompetencer', es: 'Educación y competencias' },
  { slug: 'ageing-care', en: 'Ageing and care', lv: 'Novecošana un aprūpe', lt: 'Senėjimas ir priežiūra', pl: 'Starzenie się i opieka', de: 'Altern und Pflege', ro: 'Îmbătrânire și îngrijire', it: 'Invecchiamento e assistenza', da: 'Aldring og pleje', es: 'Envejecimiento y cuidados' },
  { slug: 'transport-connectivity', en: 'Transport and connectivity', lv: 'Transports un sasniedzamība', lt: 'Transportas ir susisiekimas', pl: 'Transport i dostępność komunikacyjna', de: 'Verkehr und Anbindung', ro: 'Transport și conectivitate', it: 'Trasporti e collegamenti', da: 'Transport og forbindelser', es: 'Transporte y conectividad' },
  { slug: 'digital-services', en: 'Digital services', lv: 'Digitālie pakalpojumi', lt: 'Skaitmeninės paslaugos', pl: 'Usługi cyfrowe', de: 'Digitale Dienste', ro: 'Servicii digitale', it: 'Servizi digitali', da: 'Digitale tjenester', es: 'Servicios digitales' },
  { slug: 'civic-participation', en: 'Civic participation', lv: 'Pilsoniskā līdzdalība', lt: 'Pilietinis dalyvavimas', pl: 'Partycypacja obywatelska', de: 'Bürgerbeteiligung', ro: 'Participare civică', it: 'Partecipazione civica', da: 'Borgerinddragelse', es: 'Participación ciudadana' },
  { slug: 'culture-city-image', en: 'Culture and city image', lv: 'Kultūra un pilsētas tēls', lt: 'Kultūra ir miesto įvaizdis', pl: 'Kultura i wizerunek miasta', de: 'Kultur und Stadtimage', ro: 'Cultură și imaginea orașului', it: 'Cultura e immagine della città', da: 'Kultur og byens image', es: 'Cultura e imagen de la ciudad' },
  { slug: 'integration-newcomers', en: 'Integration of newcomers', lv: 'Jaunpienācēju integrācija', lt: 'Atvykėlių integracija', pl: 'Integracja nowo przybyłych', de: 'Integration von Zugezogenen', ro: 'Integrarea noilor veniți', it: 'Integrazione dei nuovi arrivati', da: 'Integration af tilflyttere', es: 'Integración de los recién llegados' },
]; // prettier-ignore

export const INITIAL_TARGET_GROUPS: readonly TermSeed[] = [
  { slug: 'youth', en: 'Youth', lv: 'Jaunieši', lt: 'Jaunimas', pl: 'Młodzież', de: 'Jugendliche', ro: 'Tineri', it: 'Giovani', da: 'Unge', es: 'Jóvenes' },
  { slug: 'families-with-children', en: 'Families with children', lv: 'Ģimenes ar bērniem', lt: 'Šeimos su vaikais', pl: 'Rodziny z dziećmi', de: 'Familien mit Kindern', ro: 'Familii cu copii', it: 'Famiglie con figli', da: 'Børnefamilier', es: 'Familias con hijos' },
  { slug: 'returning-emigrants', en: 'Returning emigrants', lv: 'Remigranti', lt: 'Grįžtantys emigrantai', pl: 'Powracający emigranci', de: 'Zurückkehrende Ausgewanderte', ro: 'Emigranți care se întorc', it: 'Emigrati che rientrano', da: 'Hjemvendte udvandrere', es: 'Emigrantes retornados' },
  { slug: 'working-age-adults', en: 'Working-age adults', lv: 'Darbspējas vecuma pieaugušie', lt: 'Darbingo amžiaus suaugusieji', pl: 'Dorośli w wieku produkcyjnym', de: 'Erwachsene im erwerbsfähigen Alter', ro: 'Adulți de vârstă activă', it: 'Adulti in età lavorativa', da: 'Voksne i den erhvervsaktive alder', es: 'Adultos en edad de trabajar' },
  { slug: 'seniors', en: 'Seniors', lv: 'Seniori', lt: 'Senjorai', pl: 'Seniorzy', de: 'Seniorinnen und Senioren', ro: 'Vârstnici', it: 'Anziani', da: 'Seniorer', es: 'Personas mayores' },
  { slug: 'entrepreneurs', en: 'Entrepreneurs', lv: 'Uzņēmēji', lt: 'Verslininkai', pl: 'Przedsiębiorcy', de: 'Unternehmerinnen und Unternehmer', ro: 'Antreprenori', it: 'Imprenditori', da: 'Iværksættere', es: 'Emprendedores' },
  { slug: 'students', en: 'Students', lv: 'Studenti', lt: 'Studentai', pl: 'Studenci', de: 'Studierende', ro: 'Studenți', it: 'Studenti', da: 'Studerende', es: 'Estudiantes' },
  { slug: 'newcomers-immigrants', en: 'Newcomers and immigrants', lv: 'Jaunpienācēji un imigranti', lt: 'Atvykėliai ir imigrantai', pl: 'Nowo przybyli i imigranci', de: 'Zugezogene und Eingewanderte', ro: 'Nou-veniți și imigranți', it: 'Nuovi arrivati e immigrati', da: 'Tilflyttere og indvandrere', es: 'Recién llegados e inmigrantes' },
]; // prettier-ignore

/** The network's action plan groups its measures in three; recommendations each belong to one group. */
export const INITIAL_MEASURE_GROUPS: readonly TermSeed[] = [
  { slug: 'birth-rate-family-support', en: 'Birth rate and family support', lv: 'Dzimstība un ģimeņu atbalsts', lt: 'Gimstamumas ir šeimų parama', pl: 'Dzietność i wsparcie rodzin', de: 'Geburtenrate und Familienförderung', ro: 'Natalitate și sprijin pentru familii', it: 'Natalità e sostegno alle famiglie', da: 'Fødselstal og familiestøtte', es: 'Natalidad y apoyo a las familias' },
  { slug: 'working-age-people', en: 'Keeping and attracting working-age people', lv: 'Darbspējas vecuma iedzīvotāju noturēšana un piesaiste', lt: 'Darbingo amžiaus žmonių išlaikymas ir pritraukimas', pl: 'Zatrzymywanie i przyciąganie osób w wieku produkcyjnym', de: 'Menschen im erwerbsfähigen Alter halten und gewinnen', ro: 'Păstrarea și atragerea persoanelor de vârstă activă', it: 'Trattenere e attrarre persone in età lavorativa', da: 'Fastholdelse og tiltrækning af mennesker i den erhvervsaktive alder', es: 'Retener y atraer a personas en edad de trabajar' },
  { slug: 'remigration', en: 'Remigration', lv: 'Remigrācija', lt: 'Remigracija', pl: 'Remigracja', de: 'Rückwanderung', ro: 'Remigrație', it: 'Migrazione di ritorno', da: 'Tilbagevandring', es: 'Remigración' },
]; // prettier-ignore

export const INITIAL_TERMS: Record<VocabularyKind, readonly TermSeed[]> = {
  theme: INITIAL_THEMES,
  'target-group': INITIAL_TARGET_GROUPS,
  'measure-group': INITIAL_MEASURE_GROUPS,
};
