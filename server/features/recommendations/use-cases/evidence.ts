import { Types } from 'mongoose';
import { ConflictError, ValidationError } from '../../../lib/errors';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import type { PracticeFacts } from '../../practices';
import { actorOf, type Caller } from '../domain/access';
import { evidenceItems, evidenceSummary, type EvidenceItem, type EvidenceSummary } from '../domain/evidence';
import { citationUpdateInput, citeInput, parseInput } from '../domain/input';
import { EVIDENCE_MAX, type Citation } from '../domain/recommendation-fields';
import type { RecommendationsContext } from './context';
import type { RecommendationJson } from './presenters';
import { signedIn } from './rules';
import { announceCitations } from './announce';

export type Evidence = { items: EvidenceItem[]; summary: EvidenceSummary };

/**
 * The evidence: practices cited with a reason and the indicators that show it. Each change is a revision
 * of the recommendation (kind `evidence`), so a frozen revision names its evidence as it was.
 */
export function evidence(ctx: RecommendationsContext) {
  const { store, deps } = ctx;

  async function evidenceOf(doc: RecommendationDoc): Promise<Evidence> {
    const citations = doc.content.evidence ?? [];
    const items = evidenceItems(citations, await deps.practices.evidenceFacts(citations.map((c) => c.practiceId)));
    return { items, summary: evidenceSummary(items) };
  }

  /** The cited practice's indicators by name; a name it does not report is refused. */
  async function checkIndicators(practiceId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const [facts] = await deps.practices.evidenceFacts([practiceId]);
    const reported = new Set(facts?.state === 'listed' ? facts.indicators.map((i) => i.name) : []);
    if (names.some((name) => !reported.has(name))) {
      throw new ValidationError('error.message.validation', { indicators: ['recommendations.error.unknown_indicator'] });
    }
  }

  async function write(caller: Caller, doc: RecommendationDoc, next: Citation[], revision: number | undefined): Promise<RecommendationJson> {
    const user = signedIn(caller);
    const content = { ...doc.content, evidence: next };
    const updated = await store.commit(doc, user, { kind: 'evidence', changedFields: ['evidence'], set: { content } }, revision ?? doc.revision);
    return store.json(updated, caller);
  }

  return {
    /**
     * What may be told of practices about to be cited (their published facts, indicators included), for
     * the pages that offer citing them; practices not listed say only that.
     */
    practiceFacts(caller: Caller, ids: readonly string[]): Promise<PracticeFacts[]> {
      if (!deps.can(actorOf(caller), 'public.read')) store.deny(caller);
      return deps.practices.evidenceFacts(ids);
    },

    async evidence(caller: Caller, id: string): Promise<Evidence> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.read', doc);
      return evidenceOf(doc);
    },

    /** Cites a listed practice: why it supports the recommendation and which of its indicators show it. */
    async cite(caller: Caller, id: string, body: unknown): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.edit', doc);
      const user = signedIn(caller);
      const input = parseInput(citeInput, body);
      const citations = doc.content.evidence ?? [];
      if (citations.some((c) => c.practiceId === input.practiceId)) throw new ConflictError('recommendations.error.already_cited', 'already_cited');
      if (citations.length >= EVIDENCE_MAX) throw new ValidationError('recommendations.error.too_much_evidence', { practiceId: ['recommendations.error.too_much_evidence'] });
      const [facts] = await deps.practices.evidenceFacts([input.practiceId]);
      if (facts?.state !== 'listed') {
        throw new ValidationError('error.message.validation', { practiceId: ['recommendations.error.practice_not_listed'] });
      }
      const indicators = input.indicators ?? [];
      await checkIndicators(input.practiceId, indicators);
      const citation: Citation = {
        practiceId: input.practiceId,
        reason: input.reason,
        indicators,
        cited: { title: facts.title, cityName: facts.cityName, country: facts.country },
        addedBy: new Types.ObjectId(user.id),
        addedAt: new Date(),
      };
      const written = await write(caller, doc, [...citations, citation], input.revision);
      await announceCitations(ctx, doc, user, [input.practiceId]);
      return written;
    },

    /** Changes a citation's reason or indicators. */
    async updateCitation(caller: Caller, id: string, practiceId: string, body: unknown): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.edit', doc);
      const input = parseInput(citationUpdateInput, body);
      const citations = doc.content.evidence ?? [];
      const at = citations.findIndex((c) => c.practiceId === practiceId);
      if (at < 0) throw new ValidationError('error.message.validation', { practiceId: ['recommendations.error.not_cited'] });
      if (input.indicators) await checkIndicators(practiceId, input.indicators);
      const current = citations[at]!;
      const changed: Citation = { ...current, reason: input.reason ?? current.reason, indicators: input.indicators ?? current.indicators };
      return write(caller, doc, citations.map((c, i) => (i === at ? changed : c)), input.revision);
    },

    /** Stops citing a practice (a withdrawn one is kept until the coordinator removes it). */
    async removeCitation(caller: Caller, id: string, practiceId: string, body: unknown = {}): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.edit', doc);
      const input = parseInput(citationUpdateInput.pick({ revision: true }), body);
      const citations = doc.content.evidence ?? [];
      if (!citations.some((c) => c.practiceId === practiceId)) throw new ValidationError('error.message.validation', { practiceId: ['recommendations.error.not_cited'] });
      return write(caller, doc, citations.filter((c) => c.practiceId !== practiceId), input.revision);
    },
  };
}
