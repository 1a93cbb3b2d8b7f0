import { actorOf, type Caller } from '../domain/access';
import type { PracticesContext } from './context';

export type BrowseCity = { slug: string; name: string; country: string };
export type BrowseFacets = { cities: BrowseCity[]; countries: string[] };

/**
 * For the browse page: what its filters may offer.
 */
export function browsing(ctx: PracticesContext) {
  const { store, reads, deps } = ctx;

  return {
    /**
     * Cities and countries that have published practices, plus the whole network (its cities are always
     * offered), so a filter value is known exactly when this says so.
     */
    async browseFacets(caller: Caller): Promise<BrowseFacets> {
      if (!deps.can(actorOf(caller), 'public.read')) store.deny(caller);
      const [network, places] = await Promise.all([
        deps.network.listCities(),
        // The same public set as `list` without a status.
        reads.listedPlaces(),
      ]);
      const cities = new Map<string, BrowseCity>(
        network.map((c) => [c.slug, { slug: c.slug, name: c.name, country: c.country }]),
      );
      for (const place of places) {
        if (!cities.has(place.city))
          cities.set(place.city, { slug: place.city, name: place.cityName, country: place.country });
      }
      const countries = [...new Set([...cities.values()].map((c) => c.country))].sort();
      return { cities: [...cities.values()], countries };
    },
  };
}
