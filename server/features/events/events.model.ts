import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';

export type EventDoc = {
  _id: Types.ObjectId;
  slug: string;
  citySlug: string;
  venue?: string;
  year: number;
  month: number;
  startDay?: number;
  endDay?: number;
  /** The topic in English: the title every language falls back to. */
  title: string;
  /** The topic in the other interface languages, by locale code. */
  translations?: Record<string, string>;
  /** Markdown: agenda, speakers, outcomes. */
  description?: string;
  createdAt: Date;
  updatedAt: Date;
};

const eventSchema = new Schema<EventDoc>(
  {
    slug: { type: String, required: true, unique: true },
    citySlug: { type: String, required: true },
    venue: { type: String },
    year: { type: Number, required: true },
    month: { type: Number, required: true, min: 1, max: 12 },
    startDay: { type: Number, min: 1, max: 31 },
    endDay: { type: Number, min: 1, max: 31 },
    title: { type: String, required: true },
    translations: { type: Schema.Types.Mixed, default: () => ({}) },
    description: { type: String },
  },
  { timestamps: true, minimize: false },
);

export function eventsModels(connection: Connection) {
  // The model keeps its first name: the collection predates events having a feature of their own.
  return { NetworkEvent: modelOn(connection, 'NetworkEvent', eventSchema) };
}
