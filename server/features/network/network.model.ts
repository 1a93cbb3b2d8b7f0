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
  lat: number;
  lon: number;
  order: number;
};

const citySchema = new Schema<CityDoc>(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    countryName: { type: String, required: true },
    partner: { type: String, required: true },
    lead: { type: Boolean, default: false },
    lat: { type: Number, required: true, min: -90, max: 90 },
    lon: { type: Number, required: true, min: -180, max: 180 },
    order: { type: Number, required: true },
  },
  { timestamps: true },
);

export function networkModels(connection: Connection) {
  return {
    City: modelOn(connection, 'City', citySchema),
  };
}
