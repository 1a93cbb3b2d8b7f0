import { createHash } from 'node:crypto';
import { ValidationError } from '../../../lib/errors';
import { foldDiacritics, slugify } from '../../../lib/slug';
import type { NetworkService } from '../../network';
import { isEuropeanCountry } from './reference-lists';

export type Location = { city: string; cityName: string; country: string };
export type LocationInput = { city?: string | undefined; cityName?: string | undefined; country?: string | undefined };

const invalid = (field: string, key: string) =>
  new ValidationError('error.message.validation', { [field]: [`practices.error.${key}`] });

const sameName = (a: string, b: string) =>
  foldDiacritics(a).toLowerCase().trim() === foldDiacritics(b).toLowerCase().trim();

/**
 * A city outside the network gets a slug of its folded name and country (`Rīga`, LV → `riga-lv`),
 * so the same city typed twice is one facet value; a name with no Latin letters gets a stable hash.
 */
export function derivedCitySlug(cityName: string, country: string): string {
  const base =
    slugify(cityName, 60) ||
    `city-${createHash('sha256').update(cityName.normalize('NFC')).digest('hex').slice(0, 10)}`;
  return `${base}-${country.toLowerCase()}`;
}

/**
 * Where a practice comes from: one of the network's cities (its country must match), or another
 * European city by name and ISO country code. `current` is kept for whatever the input leaves out.
 */
export async function resolveLocation(
  network: NetworkService,
  input: LocationInput,
  current?: Location,
): Promise<Location> {
  const cities = await network.listCities();
  if (input.city === undefined && input.cityName === undefined && input.country === undefined) {
    if (current) return current;
    throw invalid('city', 'city_required');
  }
  const byName = input.cityName
    ? cities.find((c) => sameName(c.name, input.cityName as string) && (!input.country || c.country === input.country))
    : undefined;
  const networkCity = input.city ? cities.find((c) => c.slug === input.city) : byName;
  if (networkCity) {
    if (input.country && input.country !== networkCity.country) throw invalid('country', 'country_mismatch');
    return { city: networkCity.slug, cityName: networkCity.name, country: networkCity.country };
  }
  // Not a network city: the client names it. A slug echoed back from an earlier read is accepted with its name.
  const cityName = input.cityName ?? (current && input.city === current.city ? current.cityName : undefined);
  const country = input.country ?? (current && input.city === current.city ? current.country : undefined);
  if (!cityName) throw invalid(input.city ? 'city' : 'cityName', input.city ? 'city_unknown' : 'city_required');
  if (!country) throw invalid('country', 'country_required');
  if (!isEuropeanCountry(country)) throw invalid('country', 'country_not_european');
  const slug = derivedCitySlug(cityName, country);
  if (input.city && input.city !== slug) throw invalid('city', 'city_unknown');
  return { city: slug, cityName, country };
}
