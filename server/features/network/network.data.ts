// The network as the DeCoDe project documents describe it: reference data, not demo data.
export type CitySeed = {
  slug: string;
  name: string;
  country: string;
  countryName: string;
  partner: string;
  lead: boolean;
};

export const NETWORK_CITIES: readonly CitySeed[] = [
  {
    slug: 'daugavpils',
    name: 'Daugavpils',
    country: 'LV',
    countryName: 'Latvia',
    partner: 'Daugavpils City Council',
    lead: true,
  },
  { slug: 'kaunas', name: 'Kaunas', country: 'LT', countryName: 'Lithuania', partner: 'Kaunas', lead: false },
  { slug: 'lodz', name: 'Łódź', country: 'PL', countryName: 'Poland', partner: 'Łódź region', lead: false },
  { slug: 'magdeburg', name: 'Magdeburg', country: 'DE', countryName: 'Germany', partner: 'Magdeburg', lead: false },
  { slug: 'oradea', name: 'Oradea', country: 'RO', countryName: 'Romania', partner: 'ACTA Center', lead: false },
  { slug: 'palermo', name: 'Palermo', country: 'IT', countryName: 'Italy', partner: 'CEIPES', lead: false },
  { slug: 'vejle', name: 'Vejle', country: 'DK', countryName: 'Denmark', partner: 'Vejle', lead: false },
  {
    slug: 'cuenca',
    name: 'Cuenca',
    country: 'ES',
    countryName: 'Spain',
    partner: 'ADIMAN (Cuenca province)',
    lead: false,
  },
];

export type EventSeed = {
  slug: string;
  number: number;
  citySlug: string;
  year: number;
  month: number;
  days?: string;
  title: string;
};

export const NETWORK_EVENTS: readonly EventSeed[] = [
  { slug: '2018-05-daugavpils-kick-off', number: 1, citySlug: 'daugavpils', year: 2018, month: 5, days: '23–24', title: 'Kick-off: depopulation in the EU, the Latvian and Latgale context, and Latvia’s re-emigration pilot project' },
  { slug: '2018-09-kaunas-good-practice', number: 2, citySlug: 'kaunas', year: 2018, month: 9, title: 'Good-practice examples for preventing depopulation' },
  { slug: '2019-02-palermo-youth', number: 3, citySlug: 'palermo', year: 2019, month: 2, days: '11–13', title: 'Youth depopulation — how can it be prevented?' },
  { slug: '2019-05-lodz-action-plans', number: 4, citySlug: 'lodz', year: 2019, month: 5, title: 'Good-practice examples of depopulation-control action plans' },
  { slug: '2019-11-daugavpils-final-conference', number: 5, citySlug: 'daugavpils', year: 2019, month: 11, title: 'Final results dissemination conference' },
]; // prettier-ignore
