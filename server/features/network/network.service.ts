import type { Connection } from 'mongoose';
import { createReferenceCache } from '../../lib/reference-cache';
import { NETWORK_CITIES, NETWORK_EVENTS } from './network.data';
import { networkModels, type CityDoc, type NetworkEventDoc } from './network.model';

export type City = Omit<CityDoc, '_id'>;
export type NetworkEvent = Omit<NetworkEventDoc, '_id'> & { city: City | undefined };

export type NetworkService = ReturnType<typeof createNetworkService>;

export function createNetworkService(connection: Connection) {
  const { City, NetworkEvent } = networkModels(connection);

  // Cities and events are on almost every page: kept in the process, reloaded when the counter moves.
  const reference = createReferenceCache(connection, 'network', async () => {
    const [cities, events] = await Promise.all([
      City.find({}, { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 }).sort({ order: 1 }).lean<City[]>(),
      NetworkEvent.find({}, { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 }).sort({ year: 1, month: 1 }).lean<Omit<NetworkEventDoc, '_id'>[]>(),
    ]);
    return {
      cities,
      events: events.map((event): NetworkEvent => ({ ...event, city: cities.find((c) => c.slug === event.citySlug) })),
    };
  });

  return {
    /** Idempotent: upserts by slug, so editing the reference data and restarting updates it in place. */
    async ensureReferenceData(): Promise<void> {
      await City.bulkWrite(
        NETWORK_CITIES.map((city, order) => ({
          updateOne: { filter: { slug: city.slug }, update: { $set: { ...city, order } }, upsert: true },
        })),
      );
      await NetworkEvent.bulkWrite(
        NETWORK_EVENTS.map((event) => ({
          updateOne: { filter: { slug: event.slug }, update: { $set: event }, upsert: true },
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

    async listEvents(): Promise<NetworkEvent[]> {
      return (await reference.get()).events;
    },

    /** Live counts for the home page (not from the cached copy). */

    async counts(): Promise<{ cities: number; countries: number; events: number }> {
      const [cities, countries, events] = await Promise.all([
        City.countDocuments(),
        City.distinct('country').then((list) => list.length),
        NetworkEvent.countDocuments(),
      ]);
      return { cities, countries, events };
    },
  };
}
