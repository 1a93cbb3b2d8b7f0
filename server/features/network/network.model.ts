import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';

export type CityDoc = {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  country: string;
  countryName: string;
  partner: string;
  lead: boolean;
  order: number;
};

export type NetworkEventDoc = {
  _id: Types.ObjectId;
  slug: string;
  number: number;
  citySlug: string;
  year: number;
  month: number;
  days?: string;
  title: string;
};

const citySchema = new Schema<CityDoc>(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    countryName: { type: String, required: true },
    partner: { type: String, required: true },
    lead: { type: Boolean, default: false },
    order: { type: Number, required: true },
  },
  { timestamps: true },
);

const eventSchema = new Schema<NetworkEventDoc>(
  {
    slug: { type: String, required: true, unique: true },
    number: { type: Number, required: true },
    citySlug: { type: String, required: true },
    year: { type: Number, required: true },
    month: { type: Number, required: true, min: 1, max: 12 },
    days: { type: String },
    title: { type: String, required: true },
  },
  { timestamps: true },
);

export function networkModels(connection: Connection) {
  return {
    City: modelOn(connection, 'City', citySchema),
    NetworkEvent: modelOn(connection, 'NetworkEvent', eventSchema),
  };
}
