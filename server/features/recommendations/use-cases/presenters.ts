import { renderMarkdown } from '../../../lib/markdown';
import type { Actor, Can, RecommendationReach, RecommendationStatus } from '../../../lib/policy';
import { presentContent, renderTexts } from '../../../lib/versioned';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import { resourceOf } from '../domain/access';
import { RECOMMENDATION_FIELDS, type CitationJson, type RecommendationContent } from '../domain/recommendation-fields';

/** The Markdown and plain texts as sanitised HTML, safe to print unescaped (`<%- %>`); `actions` by row. */
export type RenderedHtml = Record<'summary' | 'problem' | 'preconditions' | 'risks', string> & { actions: string[] };

/** A client's copy of the content: the field table's fields only (never a spread of what is stored). */
export type ContentJson = Omit<RecommendationContent, 'evidence'> & { evidence: CitationJson[]; html: RenderedHtml };

export type RecommendationJson = {
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
  /** Written by the demo seed, not by the network. */
  demo: boolean;
  content: ContentJson;
  /** For curators only, like the fields below. */
  reached?: RecommendationReach;
  deleted?: boolean;
  deletedAt?: Date | undefined;
};

export type RecommendationSummary = {
  id: string;
  title: string;
  summary: string;
  measureGroup: string | undefined;
  themes: string[];
  targetGroups: string[];
  priority: RecommendationContent['priority'];
  status: RecommendationStatus;
  revision: number;
  actionCount: number;
  /** Practices cited (whether or not each still stands: see the recommendation for that). */
  evidenceCount: number;
  finalisedAt: Date | undefined;
  updatedAt: Date;
  demo: boolean;
};

/** Demo data is recognised by its import key: the seed writes `demo:<slug>`. */
export const isDemo = (doc: Pick<RecommendationDoc, 'importKey'>): boolean => doc.importKey?.startsWith('demo:') ?? false;

/** A copy of the content fit for a client, built field by field from the table. */
export function contentJson(id: string, content: RecommendationContent): ContentJson {
  const presented = presentContent(RECOMMENDATION_FIELDS, content, { recordId: id, showPrivate: false }) as Omit<ContentJson, 'html'>;
  const html = { ...renderTexts(RECOMMENDATION_FIELDS, content), actions: (content.actions ?? []).map((a) => renderMarkdown(a.text)) } as RenderedHtml;
  return { ...presented, html };
}

/** The API's representation of one recommendation, cut to what this actor may see. */
export function recommendationJson(doc: RecommendationDoc, actor: Actor | null, can: Can): RecommendationJson {
  const id = doc._id.toHexString();
  const base: RecommendationJson = {
    id,
    status: doc.status,
    revision: doc.revision,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    consultationOpenedAt: doc.consultationOpenedAt,
    finalisedAt: doc.finalisedAt,
    firstFinalisedAt: doc.firstFinalisedAt,
    withdrawnAt: doc.withdrawnAt,
    withdrawnReason: doc.withdrawnReason,
    demo: isDemo(doc),
    content: contentJson(id, doc.content),
  };
  if (!can(actor, 'recommendation.history', resourceOf(doc))) return base;
  return { ...base, reached: doc.reached, deleted: doc.deleted, deletedAt: doc.deletedAt };
}

export function recommendationSummary(doc: RecommendationDoc): RecommendationSummary {
  const c = doc.content;
  return {
    id: doc._id.toHexString(),
    title: c.title,
    summary: c.summary,
    measureGroup: c.measureGroup,
    themes: c.themes ?? [],
    targetGroups: c.targetGroups ?? [],
    priority: c.priority,
    status: doc.status,
    revision: doc.revision,
    actionCount: (c.actions ?? []).length,
    evidenceCount: (c.evidence ?? []).length,
    finalisedAt: doc.finalisedAt,
    updatedAt: doc.updatedAt,
    demo: isDemo(doc),
  };
}
