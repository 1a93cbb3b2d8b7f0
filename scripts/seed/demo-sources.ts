import type { DemoSource } from './demo-types';

/**
 * The public sources behind the documented demo practices. Only the addresses the
 * facts name are linked: a site's front page or the page the facts give, never a guessed deep link.
 */
export const SOURCES = {
  paps: { title: 'PAPS — “About PAPS” (paps.lv)', url: 'https://paps.lv/en/about_paps' },
  balticCourseRemigration: {
    title: 'The Baltic Course, article 142839 — remigration coordinators in Latvia (2018)',
    url: 'https://baltic-course.com',
  },
  lsm: { title: 'Public broadcasting of Latvia, English service (eng.lsm.lv), 2018', url: 'https://eng.lsm.lv' },
  lprRemigration: {
    title: 'Latgale Planning Region — remigration pilot municipalities (lpr.gov.lv)',
    url: 'https://lpr.gov.lv',
  },
  vietaGimenei: {
    title: 'Vieta ģimenei — national family-friendly municipality award (vietagimenei.lv)',
    url: 'https://vietagimenei.lv',
  },
  balticCourseHousing1: {
    title: 'The Baltic Course, article 137874 — housing guarantees for families',
    url: 'https://baltic-course.com',
  },
  balticCourseHousing2: {
    title: 'The Baltic Course, article 140083 — housing guarantee programme extended',
    url: 'https://baltic-course.com',
  },
  daugavpilsDecision: {
    title: 'Daugavpils City Council, decision No. 55 of 22 February 2018, annex 1: DeCoDe project description',
    url: 'https://daugavpils.lv',
  },
  iom: {
    title: 'IOM Lithuania — “I Choose Lithuania” migration information centre (iom.lt)',
    url: 'https://www.iom.lt',
  },
  kaunas: { title: 'Kaunas City Municipality (en.kaunas.lt)', url: 'https://en.kaunas.lt' },
  uzt: { title: 'Užimtumo tarnyba — return migration project (uzt.lt)', url: 'https://uzt.lt' },
  lodz2024: { title: 'City of Łódź — “Młodzi w Łodzi” 2024 programme article (lodz.pl)', url: 'https://lodz.pl' },
  mia100: { title: 'Mia100 Kamienic programme site (mia100kamienic.lodz.pl)', url: 'https://mia100kamienic.lodz.pl' },
  eurocities: { title: 'Eurocities — Łódź tenement renovation (eurocities.eu)', url: 'https://eurocities.eu' },
  stadtumbau: {
    title: 'Stadtumbau Sachsen-Anhalt — urban restructuring in Magdeburg (stadtumbau-sachsen-anhalt.de)',
    url: 'https://stadtumbau-sachsen-anhalt.de',
  },
  mz: { title: 'Mitteldeutsche Zeitung — Neu Olvenstedt (mz.de)', url: 'https://mz.de' },
  functionalAreas: {
    title: 'Functional Areas — Oradea metropolitan development (functionalareas.eu)',
    url: 'https://functionalareas.eu',
  },
  transilvaniaBusiness: {
    title: 'Transilvania Business — Oradea industrial parks (transilvaniabusiness.ro, 2020)',
    url: 'https://transilvaniabusiness.ro',
  },
  studioTlc: { title: 'Studio TLC — “Resto al Sud” explained (studiotlc.it, 2018)', url: 'https://studiotlc.it' },
  laSicilia: {
    title: 'La Sicilia — “Resto al Sud” results in Palermo (lasicilia.it, 2023)',
    url: 'https://lasicilia.it',
  },
  ceipes: { title: 'CEIPES — DeCoDe youth meeting in Palermo (ceipes.org)', url: 'https://ceipes.org' },
  danskByudvikling: {
    title: 'Dansk Byudvikling — Vejle settlement strategy (dansk-byudvikling.dk)',
    url: 'https://dansk-byudvikling.dk',
  },
  vejle: { title: 'Vejle Kommune (vejle.dk)', url: 'https://vejle.dk' },
  castillaLaMancha: {
    title: 'Junta de Comunidades de Castilla-La Mancha (castillalamancha.es)',
    url: 'https://castillalamancha.es',
  },
  boe: { title: 'Boletín Oficial del Estado, BOE-A-2021-11513 — Castilla-La Mancha Law 2/2021', url: 'https://boe.es' },
} satisfies Record<string, DemoSource>;
