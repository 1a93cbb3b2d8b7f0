import type { PracticesService } from '../practices';
import type { RecommendationContent, RecommendationsService } from '../recommendations';
import type { VocabulariesService } from '../vocabularies';
import type { Citation, RecommendationText, Reference } from './domain/edition-document';
import type { Caller, ChoosableRecommendation, ProposalRecommendations } from './use-cases/context';

type ContentLike = Omit<RecommendationContent, 'evidence'> & { evidence?: readonly Citation[] | undefined };

const PAGE = 100;

/** The parts of a recommendation's content the document prints (a revision snapshot or the current text). */
export function textOf(c: ContentLike): RecommendationText {
  return {
    title: c.title,
    summary: c.summary ?? '',
    problem: c.problem ?? '',
    measureGroup: c.measureGroup,
    themes: [...(c.themes ?? [])],
    targetGroups: [...(c.targetGroups ?? [])],
    actions: (c.actions ?? []).map((a) => ({ text: a.text, lead: a.lead, costBand: a.costBand, horizon: a.horizon })),
    preconditions: c.preconditions ?? '',
    risks: c.risks ?? '',
    suits: {
      populationBands: [...(c.suits?.populationBands ?? [])],
      trends: [...(c.suits?.trends ?? [])],
      roles: [...(c.suits?.roles ?? [])],
    },
    indicators: (c.indicators ?? []).map((i) => ({ name: i.name, unit: i.unit, direction: i.direction })),
    priority: c.priority,
    evidence: (c.evidence ?? []).map((e) => ({
      practiceId: e.practiceId,
      reason: e.reason,
      indicators: [...e.indicators],
      cited: { ...e.cited },
    })),
  };
}

/** Every final recommendation a caller may read, page by page (the recommendations list is paged). */
export async function finalRecommendations(recommendations: RecommendationsService, caller: Caller) {
  const all = [];
  for (let page = 1; ; page += 1) {
    const result = await recommendations.list(caller, { status: 'final', perPage: String(PAGE), page: String(page) });
    all.push(...result.items);
    if (page >= result.pages) return all;
  }
}

/**
 * The proposals document's view of the recommendations, through their public surface. References are the
 * cited practices' public facts; a citation naming indicators shows those, one naming none shows them all
 * (as the recommendation page does).
 */
export function proposalRecommendations(deps: {
  recommendations: RecommendationsService;
  practices: Pick<PracticesService, 'evidenceFacts'>;
  vocabularies: VocabulariesService;
}): ProposalRecommendations {
  const { recommendations } = deps;
  return {
    async listFinal(caller) {
      return (await finalRecommendations(recommendations, caller)).map((r): ChoosableRecommendation => ({
        id: r.id,
        title: r.title,
        measureGroup: r.measureGroup,
        revision: r.revision,
        evidenceCount: r.evidenceCount,
      }));
    },

    async current(caller, id) {
      const json = await recommendations.get(caller, id);
      return {
        id: json.id,
        status: json.deleted ? 'deleted' : json.status,
        revision: json.revision,
        text: textOf(json.content),
      };
    },

    async frozen(id, revision) {
      const frozen = await recommendations.frozenRevision(id, revision);
      return { status: frozen.status, text: textOf(frozen.content) };
    },

    async references(citations) {
      const ids = [...new Set(citations.map((c) => c.practiceId))];
      const facts = await deps.practices.evidenceFacts(ids);
      return facts.map((f): Reference => {
        const cites = citations.filter((c) => c.practiceId === f.id);
        const cited = cites[0]!.cited;
        if (f.state !== 'listed')
          return { practiceId: f.id, ...cited, indicators: [], standing: false, illustrative: false };
        const named = cites.some((c) => c.indicators.length === 0)
          ? undefined
          : new Set(cites.flatMap((c) => c.indicators));
        return {
          practiceId: f.id,
          title: f.title,
          cityName: f.cityName,
          country: f.country,
          period: f.period
            ? { startYear: f.period.startYear, endYear: f.period.endYear, ongoing: Boolean(f.period.ongoing) }
            : undefined,
          indicators: (f.indicators ?? [])
            .filter((i) => !named || named.has(i.name))
            .map((i) => ({
              name: i.name,
              ...(i.baseline !== undefined ? { baseline: i.baseline } : {}),
              value: i.value,
              unit: i.unit,
              year: i.year,
            })),
          standing: true,
          illustrative: f.illustrative,
        };
      });
    },

    async groups() {
      const terms = await deps.vocabularies.list('measure-group', { includeRetired: true });
      return terms.map((t) => ({ slug: t.slug, labels: { ...t.labels } }));
    },
  };
}
