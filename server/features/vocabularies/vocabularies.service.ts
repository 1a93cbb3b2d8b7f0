import type { Connection } from 'mongoose';
import { ConflictError, NotFoundError, refusal, ValidationError } from '../../lib/errors';
import { isDuplicateKey } from '../../lib/db';
import { LOCALES, localized, type Locale } from '../../lib/i18n';
import type { Actor, Can } from '../../lib/policy';
import { createReferenceCache } from '../../lib/reference-cache';
import { slugify } from '../../lib/slug';
import { INITIAL_TERMS, REQUIRED_LABELS, VOCABULARY_KINDS, type VocabularyKind } from './vocabularies.data';
import { vocabulariesModels, type TermDoc } from './vocabularies.model';

/** English and Latvian always; the other interface languages where the term has a label in them. */
export type TermLabels = { en: string; lv: string } & Partial<Record<Locale, string>>;
export type Term = Readonly<{ kind: VocabularyKind; slug: string; labels: TermLabels; retired: boolean; order: number }>;

const OPTIONAL_LABELS = LOCALES.filter((locale) => !(REQUIRED_LABELS as readonly string[]).includes(locale));

/** The labels a term has; an empty one is stored as "" (cleared by the coordinator) and read as none. */
const labelsOf = (labels: Partial<Record<string, unknown>>): TermLabels =>
  Object.fromEntries(
    LOCALES.flatMap((locale) => {
      const label = labels[locale];
      return typeof label === 'string' && label !== '' ? [[locale, label]] : [];
    }),
  ) as TermLabels;


/** A term's label in the reader's language, or the English one where the term has none in it. */
export function termLabel(labels: TermLabels, locale: Locale): string {
  return localized(labels, locale);
}

const toTerm = (doc: TermDoc): Term => ({
  kind: doc.kind,
  slug: doc.slug,
  labels: labelsOf(doc.labels),
  retired: doc.retired,
  order: doc.order,
});

export type VocabulariesService = ReturnType<typeof createVocabulariesService>;

/** Themes, target groups and measure groups: curated lists whose slugs records store and whose labels pages show. */
export function createVocabulariesService(connection: Connection, deps: { can: Can }) {
  const { Term } = vocabulariesModels(connection);

  function assertManager(actor: Actor | null) {
    if (!deps.can(actor, 'vocabulary.manage')) throw refusal(Boolean(actor));
  }

  // Both lists are read by most pages and every save: kept in the process, reloaded when the counter moves.
  const reference = createReferenceCache(connection, 'vocabularies', async () => {
    const docs = await Term.find({}).sort({ order: 1, slug: 1 }).lean<TermDoc[]>();
    return docs.map(toTerm);
  });

  async function list(kind: VocabularyKind, options: { includeRetired?: boolean } = {}): Promise<Term[]> {
    return (await reference.get()).filter((term) => term.kind === kind && (options.includeRetired || !term.retired));
  }

  return {
    kinds: VOCABULARY_KINDS,

    /**
     * Idempotent, and it inserts only missing terms: labels the coordinator renamed and terms they
     * retired stay as they are across restarts. A term stored before it had a label in some language gets
     * the initial one; a label the coordinator cleared ("") stays cleared.
     */
    async ensureReferenceData(): Promise<void> {
      for (const kind of VOCABULARY_KINDS) {
        await Term.bulkWrite(
          INITIAL_TERMS[kind].map((term, order) => ({
            updateOne: {
              filter: { kind, slug: term.slug },
              update: { $setOnInsert: { kind, slug: term.slug, labels: labelsOf(term), retired: false, order } },
              upsert: true,
            },
          })),
        );
        await Term.bulkWrite(
          INITIAL_TERMS[kind].flatMap((term) =>
            OPTIONAL_LABELS.map((locale) => ({
              updateOne: {
                filter: { kind, slug: term.slug, [`labels.${locale}`]: { $exists: false } },
                update: { $set: { [`labels.${locale}`]: term[locale] } },
              },
            })),
          ),
        );
      }
      await reference.changed();
    },

    list,

    async find(kind: VocabularyKind, slug: string): Promise<Term | undefined> {
      return (await reference.get()).find((term) => term.kind === kind && term.slug === slug);
    },

    /** Every vocabulary at once, as forms and filters need them. */
    async all(options: { includeRetired?: boolean } = {}): Promise<Record<VocabularyKind, Term[]>> {
      const [theme, targetGroup, measureGroup] = await Promise.all([
        list('theme', options),
        list('target-group', options),
        list('measure-group', options),
      ]);
      return { theme, 'target-group': targetGroup, 'measure-group': measureGroup };
    },

    /** slug → label in the given language, retired terms included (old practices still show them). */
    async labels(kind: VocabularyKind, locale: Locale): Promise<Map<string, string>> {
      const terms = await list(kind, { includeRetired: true });
      return new Map(terms.map((term) => [term.slug, termLabel(term.labels, locale)]));
    },

    /**
     * The slugs that may not be stored: unknown ones, and retired ones unless the practice already
     * carries them (`keep`), so editing an old practice never forces its authors to drop a term.
     */
    async invalidSlugs(
      kind: VocabularyKind,
      slugs: readonly string[],
      keep: readonly string[] = [],
    ): Promise<string[]> {
      if (slugs.length === 0) return [];
      const terms = await list(kind, { includeRetired: true });
      const bySlug = new Map(terms.map((term) => [term.slug, term]));
      return slugs.filter((slug) => {
        const term = bySlug.get(slug);
        return !term || (term.retired && !keep.includes(slug));
      });
    },

    async add(
      actor: Actor | null,
      kind: VocabularyKind,
      input: { slug?: string | undefined } & TermLabels,
    ): Promise<Term> {
      assertManager(actor);
      const slug = input.slug ?? slugify(input.en, 80);
      if (!slug) throw new ValidationError('error.message.validation', { slug: ['vocabularies.error.slug'] });
      const last = await Term.findOne({ kind }).sort({ order: -1 }).lean<TermDoc>();
      try {
        const doc = await Term.create({ kind, slug, labels: labelsOf(input), retired: false, order: (last?.order ?? -1) + 1 });
        await reference.changed();
        return toTerm(doc.toObject());
      } catch (err) {
        if (isDuplicateKey(err)) throw new ConflictError('vocabularies.error.slug_taken', 'slug_taken');
        throw err;
      }
    },

    /** Changes the labels only: the slug on every practice stays valid. */
    async rename(actor: Actor | null, kind: VocabularyKind, slug: string, labels: TermLabels): Promise<Term> {
      assertManager(actor);
      const doc = await Term.findOneAndUpdate(
        { kind, slug },
        { $set: Object.fromEntries(LOCALES.map((locale) => [`labels.${locale}`, labels[locale] ?? ''])) },
        { returnDocument: 'after', runValidators: true },
      ).lean<TermDoc>();
      if (!doc) throw new NotFoundError();
      await reference.changed();
      return toTerm(doc);
    },

    async setRetired(actor: Actor | null, kind: VocabularyKind, slug: string, retired: boolean): Promise<Term> {
      assertManager(actor);
      const doc = await Term.findOneAndUpdate(
        { kind, slug },
        { $set: { retired } },
        { returnDocument: 'after' },
      ).lean<TermDoc>();
      if (!doc) throw new NotFoundError();
      await reference.changed();
      return toTerm(doc);
    },
  };
}
