import { Types, trusted } from 'mongoose';
import type { PracticeStatus } from '../../../lib/policy';
import { PER_PAGE_MAX } from '../domain/input';
import type { PracticeDoc, PracticesModels } from './practice-model';

/** Which practices a list shows, in the words of the use cases (this file turns it into a MongoDB query). */
export type ListFilter = {
  /** `listed`: published at least once and not archived (the public set); `has-published`: published at least once. */
  visibility?: 'listed' | 'has-published' | undefined;
  status?: PracticeStatus | undefined;
  city?: string | undefined;
  country?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  /** The copy whose themes and target groups are matched. */
  copy: 'working' | 'published';
};

export type ListOrder = 'published' | 'updated' | 'oldest-update' | 'oldest-submission';


// Lists need the short fields only (an allow-list): never the long texts or the extracted attachment text.
const LIST_FIELDS = ['status', 'city', 'cityName', 'country', 'revision', 'deleted', 'publishedAt', 'submittedAt', 'updatedAt', 'createdAt', 'reviewNote', 'changesRequestedRevision'];
const SUMMARY_FIELDS = ['title', 'summary', 'titleEn', 'summaryEn', 'themes', 'targetGroups', 'period', 'language'];
const LIST_PROJECTION: Record<string, 1> = Object.fromEntries([
  ...LIST_FIELDS.map((field) => [field, 1] as const),
  ...['working', 'published'].flatMap((copy) => SUMMARY_FIELDS.map((field) => [`${copy}.${field}`, 1] as const)),
]);

const CITED_FACTS: Record<string, 1> = Object.fromEntries(
  ['status', 'deleted', 'city', 'cityName', 'country', ...['title', 'titleEn', 'summary', 'period', 'indicators', 'illustrative'].map((f) => `published.${f}`)].map(
    (field) => [field, 1] as const,
  ),
);

const SORTS: Record<ListOrder, Record<string, 1 | -1>> = {
  published: { publishedAt: -1, _id: -1 },
  updated: { updatedAt: -1, _id: -1 },
  'oldest-update': { updatedAt: 1, _id: 1 },
  'oldest-submission': { submittedAt: 1, _id: 1 },
};

function toQuery(filter: ListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { deleted: false };
  if (filter.visibility) query.published = trusted({ $ne: null });
  if (filter.visibility === 'listed') query.status = trusted({ $ne: 'archived' });
  if (filter.status) query.status = filter.status;
  if (filter.city) query.city = filter.city;
  if (filter.country) query.country = filter.country;
  if (filter.theme) query[`${filter.copy}.themes`] = filter.theme;
  if (filter.targetGroup) query[`${filter.copy}.targetGroups`] = filter.targetGroup;
  return query;
}

export type PracticeQueries = ReturnType<typeof practiceQueries>;

/** The practice reads that lists and imports need; the only place their MongoDB queries are written. */
export function practiceQueries(models: PracticesModels) {
  const { Practice } = models;

  return {
    /** One page of summaries-to-be and the total, newest first by the given order. */
    async page(filter: ListFilter, order: ListOrder, pageNo: number, perPage: number) {
      const size = Math.min(Math.max(perPage, 1), PER_PAGE_MAX);
      const query = toQuery(filter);
      const [docs, total] = await Promise.all([
        Practice.find(query, LIST_PROJECTION).sort(SORTS[order]).skip((pageNo - 1) * size).limit(size).lean<PracticeDoc[]>(),
        Practice.countDocuments(query),
      ]);
      return { docs, total, page: pageNo, perPage: size, pages: Math.ceil(total / size) };
    },

    /** Every practice matching, in the given order (review queues: short by nature). */
    async all(filter: ListFilter, order: ListOrder): Promise<PracticeDoc[]> {
      return Practice.find(toQuery(filter), LIST_PROJECTION).sort(SORTS[order]).lean<PracticeDoc[]>();
    },

    count(filter: ListFilter): Promise<number> {
      return Practice.countDocuments(toQuery(filter));
    },

    /** The places of the public set, for the browse page's city filter. */
    async listedPlaces(): Promise<Pick<PracticeDoc, 'city' | 'cityName' | 'country'>[]> {
      return Practice.find(toQuery({ visibility: 'listed', copy: 'published' }), { city: 1, cityName: 1, country: 1 }).lean<
        Pick<PracticeDoc, 'city' | 'cityName' | 'country'>[]
      >();
    },

    /** Practices of a city that one person deleted since a moment (the ones they may still undo), newest first. */
    async deletedBy(city: string, userId: string, since: Date): Promise<PracticeDoc[]> {
      if (!Types.ObjectId.isValid(userId)) return [];
      const query = { city, deleted: true, deletedBy: new Types.ObjectId(userId), deletedAt: trusted({ $gt: since }) };
      const projection = { ...LIST_PROJECTION, deletedBy: 1, deletedAt: 1 } as Record<string, 1>;
      return Practice.find(query, projection).sort({ deletedAt: -1, _id: -1 }).lean<PracticeDoc[]>();
    },

    async idByImportKey(importKey: string): Promise<string | undefined> {
      const doc = await Practice.findOne({ importKey }, { _id: 1 }).lean<Pick<PracticeDoc, '_id'>>();
      return doc?._id.toHexString();
    },

    /**
     * What other records citing these practices need: the state fields and the published copy's title, summary,
     * period, indicators and the illustrative flag (an allow-list: nothing else is read).
     */
    async citedFacts(ids: readonly string[]): Promise<PracticeDoc[]> {
      const valid = [...new Set(ids.filter((id) => /^[0-9a-f]{24}$/.test(id)))];
      if (valid.length === 0) return [];
      return Practice.find({ _id: trusted({ $in: valid.map((id) => new Types.ObjectId(id)) }) }, CITED_FACTS).lean<PracticeDoc[]>();
    },

    /** Practices written by an import whose key starts with the prefix (never ones written by people). */
    async imported(importKeyPrefix: string): Promise<PracticeDoc[]> {
      const pattern = `^${importKeyPrefix.replace(/[.]/g, '\\.')}`;
      return Practice.find({ importKey: trusted({ $regex: pattern }) }).lean<PracticeDoc[]>();
    },
  };
}
