import type { Connection } from 'mongoose';
import { createReferenceCache } from '../../lib/reference-cache';
import { NETWORK_CITIES } from './network.data';
import { networkModels, type CityDoc } from './network.model';

export type City = Omit<CityDoc, '_id'>;

export type NetworkService = ReturnType<typeof createNetworkService>;

/** The partner cities. Their meetings are the events feature's. */
export function createNetworkService(connection: Connection) {
  const { City } = networkModels(connection);

  // Cities are on almost every page: kept in the process, reloaded when the counter moves.
  const reference = createReferenceCache(connection, 'network', async () => ({
    cities: await City.find({}, { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 }).sort({ order: 1 }).lean<City[]>(),
  }));

  return {
    /** Idempotent: upserts by slug, so editing the reference data and restarting updates it in place. */
    async ensureReferenceData(): Promise<void> {
      await City.bulkWrite(
        NETWORK_CITIES.map((city, order) => ({
          updateOne: { filter: { slug: city.slug }, update: { $set: { ...city, order } }, upsert: true },
        })),
      );
      await reference.changed();
    },

    async listCities(): Promise<City[]> {
      return (await reference.get()).cities;
    },

    async findCity(slug: string): Promise<City | undefined> {
      return (await reference.get()).cities.find((city) => city.slug === slug);
    },

    /** Live counts for the home page (not from the cached copy). */
    async counts(): Promise<{ cities: number; countries: number }> {
      const [cities, countries] = await Promise.all([
        City.countDocuments(),
        City.distinct('country').then((list) => list.length),
      ]);
      return { cities, countries };
    },
  };
}
