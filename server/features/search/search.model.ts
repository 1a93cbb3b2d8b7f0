import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';

/** Synonym groups the coordinator adds on top of the base set in synonyms.json. */
export type SynonymGroupDoc = {
  _id: Types.ObjectId;
  terms: string[];
  createdBy: Types.ObjectId;
  createdAt: Date;
};

const synonymGroupSchema = new Schema<SynonymGroupDoc>(
  {
    terms: { type: [String], required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'search_synonym_groups' },
);

export function searchModels(connection: Connection) {
  return { SynonymGroup: modelOn(connection, 'SearchSynonymGroup', synonymGroupSchema) };
}
