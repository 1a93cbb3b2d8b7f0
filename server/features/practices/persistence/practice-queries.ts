import { Types, trusted } from 'mongoose';
import type { PracticeStatus } from '../../../lib/policy';
import { PER_PAGE_MAX } from '../domain/input';
import type { PracticeDoc, PracticesModels } from './practice-model';

/** Which practices a list shows, in the words of the use cases (this file turns it into a MongoDB query). */
export type ListFilter = {
  /** `listed`: published at least once and not archived (the public set); `has-published`: published at least once. */
  visibility?: 'listed' | 'has-published' | undefined;
  status?: PracticeStatus | undefined;
  /** One value, or several of which any matches (the search page's facets, when the engine is down). */
  city?: Values;
  country?: Values;
  theme?: Values;
  targetGroup?: Values;
  /** The copy whose themes and target groups are matched. */
  copy: 'working' | 'published';
};

type Values = string | readonly string[] | undefined;

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

/** A value to match exactly, or a list of which any matches; no values is no condition (undefined). */
function matching(values: Values): unknown {
  if (values === undefined || values.length === 0) return undefined;
  if (typeof values === 'string') return values;
  // Every value stays a plain string inside $in: never an operator from the request.
  return values.length === 1 ? values[0] : trusted({ $in: values.map(String) });
}

function toQuery(filter: ListFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { deleted: false };
  if (filter.visibility) query.published = trusted({ $ne: null });
  if (filter.visibility === 'listed') query.status = trusted({ $ne: 'archived' });
  if (filter.status) query.status = filter.status;
  const conditions: [string, Values][] = [
    ['city', filter.city],
    ['country', filter.country],
    [`${filter.copy}.themes`, filter.theme],
    [`${filter.copy}.targetGroups`, filter.targetGroup],
  ];
  for (const [field, values] of conditions) {
    const condition = matching(values);
    if (condition !== undefined) query[field] = condition;
  }
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

    /**
     * Where the public set is from and what it is about (place, themes, target groups), for counting filter
     * values while the search engine is away. Short fields only, one small record per listed practice.
     */
    async listedFacets(): Promise<Pick<PracticeDoc, 'city' | 'cityName' | 'country' | 'published'>[]> {
      return Practice.find(toQuery({ visibility: 'listed', copy: 'published' }), {
        city: 1,
        cityName: 1,
        country: 1,
        'published.themes': 1,
        'published.targetGroups': 1,
      }).lean<Pick<PracticeDoc, 'city' | 'cityName' | 'country' | 'published'>[]>();
    },

    /** The cities the public set is from (slugs). */
    async listedCities(): Promise<string[]> {
      const cities: unknown[] = await Practice.distinct('city', toQuery({ visibility: 'listed', copy: 'published' }));
      return cities.filter((city): city is string => typeof city === 'string');
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
