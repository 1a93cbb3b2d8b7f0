import type { Connection } from 'mongoose';
import { NETWORK_CITIES } from './network.data';
import { networkModels, type CityDoc } from './network.model';

export type City = Omit<CityDoc, '_id'>;

export type NetworkService = ReturnType<typeof createNetworkService>;

/** The partner cities. Their meetings are the events feature's. */
export function createNetworkService(connection: Connection) {
  const { City } = networkModels(connection);

  return {
    /** Idempotent: upserts by slug, so editing the reference data and restarting updates it in place. */
    async ensureReferenceData(): Promise<void> {
      await City.bulkWrite(
        NETWORK_CITIES.map((city, order) => ({
          updateOne: { filter: { slug: city.slug }, update: { $set: { ...city, order } }, upsert: true },
        })),
      );
    },

    async listCities(): Promise<City[]> {
      return City.find({}, { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 }).sort({ order: 1 }).lean<City[]>();
    },

    async findCity(slug: string): Promise<City | undefined> {
      return (await City.findOne({ slug }, { _id: 0, __v: 0 }).lean<City>()) ?? undefined;
    },

    async counts(): Promise<{ cities: number; countries: number }> {
      const [cities, countries] = await Promise.all([
        City.countDocuments(),
        City.distinct('country').then((list) => list.length),
      ]);
      return { cities, countries };
    },
  };
}
