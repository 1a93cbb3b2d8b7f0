import { trusted } from 'mongoose';
import type { PracticeStatus } from '../../../lib/policy';
import type { PracticeDoc } from '../persistence/practice-model';
import { actorOf, type Caller } from '../domain/access';
import type { PracticesContext } from './context';

export type BrowseCity = { slug: string; name: string; country: string };
export type BrowseFacets = { cities: BrowseCity[]; countries: string[] };

// The same public set as `list` without a status: published at least once, not archived, not deleted.
const listedFilter = (): Record<string, unknown> => ({
  deleted: false,
  published: trusted({ $ne: null }),
  status: trusted({ $ne: 'archived' }),
});

/**
 * For the HTML pages: what the browse filters may offer, and the status a
 * member who cannot read the working copy may still be told (published or archived).
 */
export function browsing(ctx: PracticesContext) {
  const { models, store, deps } = ctx;
  const { Practice } = models;

  return {
    /**
     * Cities and countries that have published practices, plus the whole network (its cities are always
     * offered), so a filter value is known exactly when this says so.
     */
    async browseFacets(caller: Caller): Promise<BrowseFacets> {
      if (!deps.can(actorOf(caller), 'public.read')) store.deny(caller);
      const [network, places] = await Promise.all([
        deps.network.listCities(),
        Practice.find(listedFilter(), { city: 1, cityName: 1, country: 1 }).lean<
          Pick<PracticeDoc, 'city' | 'cityName' | 'country'>[]
        >(),
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

    /**
     * The status badge for a signed-in reader: the workflow status for those who may see it, else only
     * whether the practice is published or archived (members may still open archived ones by link).
     * Visitors get none.
     */
    async badgeStatus(caller: Caller, id: string): Promise<PracticeStatus | undefined> {
      if (!caller) return undefined;
      const doc = await store.load(id);
      if (store.can(caller, 'practice.read-working', doc)) return doc.status;
      if (!store.can(caller, 'practice.read', doc)) return undefined;
      return doc.status === 'archived' ? 'archived' : 'published';
    },
  };
}
