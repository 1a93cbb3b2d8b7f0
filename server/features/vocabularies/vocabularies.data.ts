// The starting vocabularies. Slugs are stable identifiers stored on practices and used as
// search facets: a term is renamed by changing its labels and retired instead of deleted, never re-slugged.
export const VOCABULARY_KINDS = ['theme', 'target-group', 'measure-group'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

export type TermSeed = { slug: string; en: string; lv: string };

export const INITIAL_THEMES: readonly TermSeed[] = [
  { slug: 'birth-rate-family-support', en: 'Birth rate and family support', lv: 'Dzimstība un ģimeņu atbalsts' },
  { slug: 'youth-retention', en: 'Youth retention', lv: 'Jauniešu noturēšana' },
  { slug: 'return-migration-diaspora', en: 'Return migration and diaspora', lv: 'Remigrācija un diaspora' },
  { slug: 'attracting-working-age-residents', en: 'Attracting working-age residents', lv: 'Darbspējas vecuma iedzīvotāju piesaiste' },
  { slug: 'labour-market-entrepreneurship', en: 'Labour market and entrepreneurship', lv: 'Darba tirgus un uzņēmējdarbība' },
  { slug: 'housing-urban-regeneration', en: 'Housing and urban regeneration', lv: 'Mājokļi un pilsētvides atjaunošana' },
  { slug: 'education-skills', en: 'Education and skills', lv: 'Izglītība un prasmes' },
  { slug: 'ageing-care', en: 'Ageing and care', lv: 'Novecošana un aprūpe' },
  { slug: 'transport-connectivity', en: 'Transport and connectivity', lv: 'Transports un sasniedzamība' },
  { slug: 'digital-services', en: 'Digital services', lv: 'Digitālie pakalpojumi' },
  { slug: 'civic-participation', en: 'Civic participation', lv: 'Pilsoniskā līdzdalība' },
  { slug: 'culture-city-image', en: 'Culture and city image', lv: 'Kultūra un pilsētas tēls' },
  { slug: 'integration-newcomers', en: 'Integration of newcomers', lv: 'Jaunpienācēju integrācija' },
]; // prettier-ignore

export const INITIAL_TARGET_GROUPS: readonly TermSeed[] = [
  { slug: 'youth', en: 'Youth', lv: 'Jaunieši' },
  { slug: 'families-with-children', en: 'Families with children', lv: 'Ģimenes ar bērniem' },
  { slug: 'returning-emigrants', en: 'Returning emigrants', lv: 'Remigranti' },
  { slug: 'working-age-adults', en: 'Working-age adults', lv: 'Darbspējas vecuma pieaugušie' },
  { slug: 'seniors', en: 'Seniors', lv: 'Seniori' },
  { slug: 'entrepreneurs', en: 'Entrepreneurs', lv: 'Uzņēmēji' },
  { slug: 'students', en: 'Students', lv: 'Studenti' },
  { slug: 'newcomers-immigrants', en: 'Newcomers and immigrants', lv: 'Jaunpienācēji un imigranti' },
]; // prettier-ignore

/** The network's action plan groups its measures in three; recommendations each belong to one group. */
export const INITIAL_MEASURE_GROUPS: readonly TermSeed[] = [
  { slug: 'birth-rate-family-support', en: 'Birth rate and family support', lv: 'Dzimstība un ģimeņu atbalsts' },
  { slug: 'working-age-people', en: 'Keeping and attracting working-age people', lv: 'Darbspējas vecuma iedzīvotāju noturēšana un piesaiste' },
  { slug: 'remigration', en: 'Remigration', lv: 'Remigrācija' },
]; // prettier-ignore

export const INITIAL_TERMS: Record<VocabularyKind, readonly TermSeed[]> = {
  theme: INITIAL_THEMES,
  'target-group': INITIAL_TARGET_GROUPS,
  'measure-group': INITIAL_MEASURE_GROUPS,
};
