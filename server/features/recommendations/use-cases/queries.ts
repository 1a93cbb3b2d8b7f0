import { Types, trusted } from 'mongoose';
import type { Locale } from '../../../lib/i18n';
import type { RecommendationReach, RecommendationStatus } from '../../../lib/policy';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import { actorOf, type Caller } from '../domain/access';
import { evidenceItems, evidenceSummary, type EvidenceItem, type EvidenceSummary } from '../domain/evidence';
import { listQuery, parseInput, PER_PAGE_MAX } from '../domain/input';
import { RECOMMENDATION_WORKFLOW, type RecommendationStep } from '../domain/workflow';
import type { RecommendationsContext } from './context';
import { contentJson, isDemo, recommendationSummary, type ContentJson, type RecommendationJson, type RecommendationSummary } from './presenters';

export type Page<T> = { items: T[]; total: number; page: number; perPage: number; pages: number };
type Term = { slug: string; label: string };

/** Everything the recommendation page needs, resolved and cut to what this reader may see. */
export type RecommendationView = {
  id: string;
  status: RecommendationStatus;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  consultationOpenedAt: Date | undefined;
  finalisedAt: Date | undefined;
  firstFinalisedAt: Date | undefined;
  withdrawnAt: Date | undefined;
  withdrawnReason: string | undefined;
  deleted: boolean;
  demo: boolean;
  content: ContentJson;
  measureGroup: Term | undefined;
  themes: Term[];
  targetGroups: Term[];
  evidence: EvidenceItem[];
  summary: EvidenceSummary;
  /** The workflow steps this reader may take now (the workflow table decides; the page only lists them). */
  steps: RecommendationStep[];
  can: Record<'edit' | 'manage' | 'history' | 'restore' | 'delete' | 'undelete' | 'comment' | 'thread', boolean>;
};

/** A list entry with, for the curators, how many of its cited practices no longer stand. */
export type ListedRecommendation = RecommendationSummary & { withdrawnEvidence: number | undefined };

const REACHES: readonly RecommendationReach[] = ['draft', 'consultation', 'final'];
// Lists need the short fields only, never the long texts. (An inclusion projection: the wire-protocol test
// server's exclusion projections alter stored documents.)
const LIST_PROJECTION = Object.fromEntries(
  [
    'status', 'reached', 'revision', 'deleted', 'finalisedAt', 'updatedAt', 'createdAt', 'importKey',
    ...['title', 'summary', 'measureGroup', 'themes', 'targetGroups', 'priority', 'actions', 'evidence'].map((f) => `content.${f}`),
  ].map((field) => [field, 1]),
); // prettier-ignore

export function queries(ctx: RecommendationsContext) {
  const { models, store, deps } = ctx;
  const { Recommendation } = models;

  /** The stages whose recommendations this caller may read, as a status and as a furthest reach. */
  function readable(caller: Caller) {
    const actor = actorOf(caller);
    const statuses = REACHES.filter((s) => deps.can(actor, 'recommendation.read', { status: s, reached: s }));
    const reaches = REACHES.filter((r) => deps.can(actor, 'recommendation.read', { status: 'withdrawn', reached: r }));
    return { statuses, reaches };
  }

  /** The MongoDB filter of what a caller may list, optionally one status only (null: may read none of it). */
  function visibleFilter(caller: Caller, status?: RecommendationStatus): Record<string, unknown> | null {
    const { statuses, reaches } = readable(caller);
    if (status === 'withdrawn') return reaches.length ? { deleted: false, status, reached: trusted({ $in: reaches }) } : null;
    if (status) return statuses.includes(status) ? { deleted: false, status } : null;
    return statuses.length ? { deleted: false, status: trusted({ $in: statuses }) } : null;
  }

  async function withdrawnCounts(caller: Caller, docs: RecommendationDoc[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const curating = docs.filter((doc) => store.can(caller, 'recommendation.manage', doc));
    const ids = [...new Set(curating.flatMap((doc) => (doc.content.evidence ?? []).map((c) => c.practiceId)))];
    if (ids.length === 0) return counts;
    const facts = new Map((await deps.practices.evidenceFacts(ids)).map((f) => [f.id, f.state]));
    for (const doc of curating) {
      counts.set(doc._id.toHexString(), (doc.content.evidence ?? []).filter((c) => facts.get(c.practiceId) !== 'listed').length);
    }
    return counts;
  }

  async function list(caller: Caller, query: unknown): Promise<Page<ListedRecommendation>> {
    if (!deps.can(actorOf(caller), 'public.read')) store.deny(caller);
    const q = parseInput(listQuery, query);
    const filter = visibleFilter(caller, q.status);
    if (!filter) return store.deny(caller);
    if (q.measureGroup) filter['content.measureGroup'] = q.measureGroup;
    if (q.theme) filter['content.themes'] = q.theme;
    if (q.targetGroup) filter['content.targetGroups'] = q.targetGroup;
    if (q.priority) filter['content.priority'] = q.priority;
    if (q.cites) filter['content.evidence.practiceId'] = q.cites;
    const size = Math.min(q.perPage, PER_PAGE_MAX);
    const [docs, total] = await Promise.all([
      Recommendation.find(filter, LIST_PROJECTION)
        .sort({ finalisedAt: -1, updatedAt: -1, _id: -1 })
        .skip((q.page - 1) * size)
        .limit(size)
        .lean<RecommendationDoc[]>(),
      Recommendation.countDocuments(filter),
    ]);
    const withdrawn = await withdrawnCounts(caller, docs);
    return {
      items: docs.map((doc) => ({ ...recommendationSummary(doc), withdrawnEvidence: withdrawn.get(doc._id.toHexString()) })),
      total,
      page: q.page,
      perPage: size,
      pages: Math.ceil(total / size),
    };
  }

  async function loadReadable(caller: Caller, id: string): Promise<RecommendationDoc> {
    const doc = await store.load(id);
    store.authorize(caller, 'recommendation.read', doc);
    return doc;
  }

  async function labelled(kind: 'theme' | 'target-group' | 'measure-group', slugs: string[], locale: Locale): Promise<Term[]> {
    const labels = await deps.vocabularies.labels(kind, locale);
    return slugs.map((slug) => ({ slug, label: labels.get(slug) ?? slug }));
  }

  return {
    list,
    loadReadable,

    async get(caller: Caller, id: string): Promise<RecommendationJson> {
      return store.json(await loadReadable(caller, id), caller);
    },

    /** The recommendation page's model. */
    async view(caller: Caller, id: string, options: { locale: Locale }): Promise<RecommendationView> {
      const doc = await loadReadable(caller, id);
      const c = doc.content;
      const citations = c.evidence ?? [];
      const [measureGroup, themes, targetGroups, facts] = await Promise.all([
        labelled('measure-group', c.measureGroup ? [c.measureGroup] : [], options.locale),
        labelled('theme', c.themes ?? [], options.locale),
        labelled('target-group', c.targetGroups ?? [], options.locale),
        deps.practices.evidenceFacts(citations.map((x) => x.practiceId)),
      ]);
      const evidence = evidenceItems(citations, facts);
      const may = (action: Parameters<typeof store.can>[1]) => store.can(caller, action, doc);
      return {
        id: doc._id.toHexString(),
        status: doc.status,
        revision: doc.revision,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
        consultationOpenedAt: doc.consultationOpenedAt,
        finalisedAt: doc.finalisedAt,
        firstFinalisedAt: doc.firstFinalisedAt,
        withdrawnAt: doc.withdrawnAt,
        withdrawnReason: doc.withdrawnReason,
        deleted: doc.deleted,
        demo: isDemo(doc),
        content: contentJson(doc._id.toHexString(), c),
        measureGroup: measureGroup[0],
        themes,
        targetGroups,
        evidence,
        summary: evidenceSummary(evidence),
        steps: doc.deleted ? [] : RECOMMENDATION_WORKFLOW.allowed(doc, may),
        can: {
          edit: may('recommendation.edit'),
          manage: may('recommendation.manage'),
          history: may('recommendation.history'),
          restore: may('recommendation.restore'),
          delete: may('recommendation.delete'),
          undelete: may('recommendation.undelete'),
          comment: may('recommendation.comment'),
          thread: may('recommendation.thread'),
        },
      };
    },

    /** The recommendations this caller may read that cite a practice (the practice page's back-links). */
    async citing(caller: Caller, practiceId: string): Promise<RecommendationSummary[]> {
      if (!/^[0-9a-f]{24}$/.test(practiceId) || !deps.can(actorOf(caller), 'public.read')) return [];
      const filter = visibleFilter(caller);
      if (!filter) return [];
      const withdrawnToo = visibleFilter(caller, 'withdrawn');
      const or = [filter, ...(withdrawnToo ? [withdrawnToo] : [])];
      // $or is allowed by the filter sanitiser; its branches carry their own trusted operators.
      const docs = await Recommendation.find({ 'content.evidence.practiceId': practiceId, $or: or }, LIST_PROJECTION)
        .sort({ finalisedAt: -1, updatedAt: -1 })
        .limit(100)
        .lean<RecommendationDoc[]>();
      return docs.map(recommendationSummary);
    },

    /** Recommendations this caller may cite a practice in (for "cite in a recommendation"), those citing it already left out. */
    async citable(caller: Caller, practiceId?: string): Promise<RecommendationSummary[]> {
      const actor = actorOf(caller);
      const statuses = REACHES.filter((s) => deps.can(actor, 'recommendation.edit', { status: s, reached: s }));
      if (statuses.length === 0) return [];
      const docs = await Recommendation.find({ deleted: false, status: trusted({ $in: statuses }) }, LIST_PROJECTION)
        .sort({ updatedAt: -1 })
        .limit(500)
        .lean<RecommendationDoc[]>();
      return docs.filter((doc) => !(doc.content.evidence ?? []).some((c) => c.practiceId === practiceId)).map(recommendationSummary);
    },

    /** Ids that exist, for scripts and editions (a trusted read: nothing of the content). */
    async exists(id: string): Promise<boolean> {
      return Types.ObjectId.isValid(id) && (await Recommendation.exists({ _id: new Types.ObjectId(id) })) !== null;
    },
  };
}
