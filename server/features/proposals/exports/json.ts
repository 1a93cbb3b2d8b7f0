import type { EditionDocument } from '../domain/edition-document';

/**
 * The edition for programs: the API answer and the JSON download. Values, not labels (slugs for the
 * vocabularies and bands), field by field; nothing stored is passed through whole.
 */
export function editionJson(doc: EditionDocument, options: { baseUrl: string; editionLabel: string }) {
  const { baseUrl } = options;
  return {
    id: doc.id,
    status: doc.status,
    number: doc.number,
    title: doc.title,
    editionLabel: options.editionLabel,
    publishedAt: doc.publishedAt ?? null,
    demo: doc.demo,
    url: `${baseUrl}/proposals/${doc.id}`,
    introduction: doc.introduction,
    recommendationCount: doc.recommendationCount,
    groups: doc.groups.map((g) => ({
      measureGroup: g.slug ?? null,
      label: g.label ?? null,
      recommendations: g.recommendations.map((r) => ({
        n: r.n,
        id: r.id,
        revision: r.revision,
        url: `${baseUrl}/recommendations/${r.id}`,
        title: r.text.title,
        summary: r.text.summary,
        problem: r.text.problem,
        measureGroup: r.text.measureGroup ?? null,
        themes: [...(r.text.themes ?? [])],
        targetGroups: [...(r.text.targetGroups ?? [])],
        priority: r.text.priority ?? null,
        suits: {
          populationBands: [...(r.text.suits?.populationBands ?? [])],
          trends: [...(r.text.suits?.trends ?? [])],
          roles: [...(r.text.suits?.roles ?? [])],
        },
        actions: r.text.actions.map((a) => ({
          text: a.text,
          lead: a.lead ?? null,
          costBand: a.costBand,
          horizon: a.horizon,
        })),
        preconditions: r.text.preconditions,
        risks: r.text.risks,
        indicators: r.text.indicators.map((i) => ({ name: i.name, unit: i.unit, direction: i.direction })),
        evidence: r.evidence.map((e) => ({ reference: e.ref, reason: e.reason, indicators: [...e.indicators] })),
      })),
    })),
    references: doc.references.map((ref) => ({
      n: ref.n,
      practiceId: ref.practiceId,
      url: `${baseUrl}/practices/${ref.practiceId}`,
      title: ref.title,
      cityName: ref.cityName,
      country: ref.country,
      period: ref.period
        ? { startYear: ref.period.startYear ?? null, endYear: ref.period.endYear ?? null, ongoing: ref.period.ongoing }
        : null,
      indicators: ref.indicators.map((i) => ({
        name: i.name,
        baseline: i.baseline ?? null,
        value: i.value,
        unit: i.unit,
        year: i.year,
      })),
      standing: ref.standing,
      illustrative: ref.illustrative,
    })),
  };
}

export type EditionJson = ReturnType<typeof editionJson>;
