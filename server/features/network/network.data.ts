// The network's cities as its source documents describe them: reference data, not demo data.
// Events live in their own feature (server/features/events).
export type CitySeed = {
  slug: string;
  name: string;
  country: string;
  countryName: string;
  partner: string;
  lead: boolean;
  /** Where the map places the city: degrees north and east (west is negative). */
  lat: number;
  lon: number;
};

export const NETWORK_CITIES: readonly CitySeed[] = [
  { slug: 'daugavpils', name: 'Daugavpils', country: 'LV', countryName: 'Latvia', partner: 'Daugavpils City Council', lead: true, lat: 55.87, lon: 26.53 },
  { slug: 'kaunas', name: 'Kaunas', country: 'LT', countryName: 'Lithuania', partner: 'Kaunas', lead: false, lat: 54.9, lon: 23.9 },
  { slug: 'lodz', name: 'Łódź', country: 'PL', countryName: 'Poland', partner: 'Łódź region', lead: false, lat: 51.76, lon: 19.46 },
  { slug: 'magdeburg', name: 'Magdeburg', country: 'DE', countryName: 'Germany', partner: 'Magdeburg', lead: false, lat: 52.13, lon: 11.63 },
  { slug: 'oradea', name: 'Oradea', country: 'RO', countryName: 'Romania', partner: 'ACTA Center', lead: false, lat: 47.07, lon: 21.92 },
  { slug: 'palermo', name: 'Palermo', country: 'IT', countryName: 'Italy', partner: 'CEIPES', lead: false, lat: 38.12, lon: 13.36 },
  { slug: 'vejle', name: 'Vejle', country: 'DK', countryName: 'Denmark', partner: 'Vejle', lead: false, lat: 55.71, lon: 9.54 },
  { slug: 'cuenca', name: 'Cuenca', country: 'ES', countryName: 'Spain', partner: 'ADIMAN (Cuenca province)', lead: false, lat: 40.07, lon: -2.14 },
]; // prettier-ignore
