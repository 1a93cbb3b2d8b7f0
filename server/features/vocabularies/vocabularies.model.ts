import { Schema, type Connection, type Types } from 'mongoose';
import { LOCALES, type Locale } from '../../lib/i18n';
import { modelOn } from '../../lib/models';
import { REQUIRED_LABELS, VOCABULARY_KINDS, type VocabularyKind } from './vocabularies.data';

export type TermDoc = {
  _id: Types.ObjectId;
  kind: VocabularyKind;
  slug: string;
  labels: { en: string; lv: string } & Partial<Record<Locale, string>>;
  /** A retired term stays valid on the practices that carry it but is no longer offered for new ones. */
  retired: boolean;
  order: number;
  createdAt: Date;
  updatedAt: Date;
};

const termSchema = new Schema<TermDoc>(
  {
    kind: { type: String, required: true, enum: VOCABULARY_KINDS },
    slug: { type: String, required: true, match: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, maxlength: 80 },
    labels: Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        { type: String, required: (REQUIRED_LABELS as readonly string[]).includes(locale), maxlength: 120 },
      ]),
    ),
    retired: { type: Boolean, default: false },
    order: { type: Number, required: true },
  },
  { timestamps: true, collection: 'vocabularies' },
);
termSchema.index({ kind: 1, slug: 1 }, { unique: true });
termSchema.index({ kind: 1, order: 1 });

export function vocabulariesModels(connection: Connection) {
  return { Term: modelOn(connection, 'VocabularyTerm', termSchema) };
}
