import type { Locale } from '../../../lib/i18n';
import type { RecommendationReach, RecommendationStatus } from '../../../lib/policy';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import type { Visibility } from '../persistence/recommendation-queries';
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

/** A recommendation with its evidence figures (over the cited practices that still stand). */
export type RecommendationEvidenceRow = ListedRecommendation & { evidence: Omit<EvidenceSummary, 'withdrawn'> };

/** The most recommendations an overview counts: the network writes dozens; this only bounds a runaway. */
const OVERVIEW_MAX = 1000;
const OVERVIEW_PAGE = 100;

const REACHES: readonly RecommendationReach[] = ['draft', 'consultation', 'final'];

export function queries(ctx: RecommendationsContext) {
  const { reads, store, deps } = ctx;

  /** What this caller may read, asked of the policy stage by stage (the query is persistence's). */
  function visibility(caller: Caller): Visibility {
    const actor = actorOf(caller);
    return {
      stages: REACHES.filter((s) => deps.can(actor, 'recommendation.read', { status: s, reached: s })),
      withdrawnReaches: REACHES.filter((r) => deps.can(actor, 'recommendation.read', { status: 'withdrawn', reached: r })),
    };
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
    const { page: pageNo, perPage, ...filter } = parseInput(listQuery, query);
    const size = Math.min(perPage, PER_PAGE_MAX);
    const found = await reads.page(visibility(caller), filter, pageNo, size);
    if (!found) return store.deny(caller);
    const { docs, total } = found;
    const withdrawn = await withdrawnCounts(caller, docs);
    return {
      items: docs.map((doc) => ({ ...recommendationSummary(doc), withdrawnEvidence: withdrawn.get(doc._id.toHexString()) })),
      total,
      page: pageNo,
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
      return (await reads.citing(visibility(caller), practiceId)).map(recommendationSummary);
    },

    /**
     * The current recommendations this caller may read that cite any of these practices (an event's, say),
     * each with how many of them it cites; most first.
     */
    async citingAny(caller: Caller, practiceIds: readonly string[]): Promise<(RecommendationSummary & { citing: number })[]> {
      const ids = [...new Set(practiceIds.filter((id) => /^[0-9a-f]{24}$/.test(id)))];
      if (ids.length === 0 || !deps.can(actorOf(caller), 'public.read')) return [];
      const wanted = new Set(ids);
      return (await reads.citingAny(visibility(caller), ids))
        .map((doc) => ({ ...recommendationSummary(doc), citing: (doc.content.evidence ?? []).filter((c) => wanted.has(c.practiceId)).length }))
        .sort((a, b) => b.citing - a.citing);
    },

    /** Recommendations this caller may cite a practice in (for "cite in a recommendation"), those citing it already left out. */
    async citable(caller: Caller, practiceId?: string): Promise<RecommendationSummary[]> {
      const actor = actorOf(caller);
      const statuses = REACHES.filter((s) => deps.can(actor, 'recommendation.edit', { status: s, reached: s }));
      const docs = await reads.inStatuses(statuses);
      return docs.filter((doc) => !(doc.content.evidence ?? []).some((c) => c.practiceId === practiceId)).map(recommendationSummary);
    },

    /**
     * Every current recommendation this caller may read (the list's visibility: the public the final ones,
     * members the consultations too, curators the drafts as well), each with its evidence figures; the count
     * of cited practices withdrawn since goes to those who curate it, as on the list. Most evidence first.
     */
    async evidenceOverview(caller: Caller): Promise<RecommendationEvidenceRow[]> {
      if (!deps.can(actorOf(caller), 'public.read')) store.deny(caller);
      const seen = visibility(caller);
      const docs: RecommendationDoc[] = [];
      for (let page = 1; docs.length < OVERVIEW_MAX; page += 1) {
        const found = await reads.page(seen, {}, page, OVERVIEW_PAGE);
        if (!found) break;
        docs.push(...found.docs);
        if (found.docs.length < OVERVIEW_PAGE || docs.length >= found.total) break;
      }
      const ids = [...new Set(docs.flatMap((doc) => (doc.content.evidence ?? []).map((c) => c.practiceId)))];
      const facts = ids.length > 0 ? await deps.practices.evidenceFacts(ids) : [];
      const rows = docs.map((doc): RecommendationEvidenceRow => {
        const { withdrawn, ...figures } = evidenceSummary(evidenceItems(doc.content.evidence ?? [], facts));
        const curating = store.can(caller, 'recommendation.manage', doc);
        return { ...recommendationSummary(doc), withdrawnEvidence: curating ? withdrawn : undefined, evidence: figures };
      });
      return rows.sort((a, b) => b.evidence.practices - a.evidence.practices || a.title.localeCompare(b.title, 'en'));
    },

    /** Ids that exist, for scripts and editions (a trusted read: nothing of the content). */
    exists: (id: string): Promise<boolean> => reads.exists(id),
  };
}
