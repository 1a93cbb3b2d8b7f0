import type { Services } from '../../server/app';
import type { User } from '../../server/features/users';
import { ValidationError } from '../../server/lib/errors';
import { DEMO_ADOPTION, DEMO_EDITION, DEMO_RECOMMENDATIONS } from './demo-recommendations';
import { DemoSeedError } from './demo-types';

export type DemoProposalsReport = {
  recommendations: { created: number; existing: number };
  edition: 'created' | 'existing';
  adoption: { created: number; existing: number };
};

const recommendationKey = (slug: string) => `demo:${slug}`;
const adoptionKey = (recommendation: string, city: string) => `demo:adoption:${recommendation}:${city}`;

function refused(what: string) {
  return (err: unknown): never => {
    if (!(err instanceof ValidationError)) throw err;
    const fields = Object.entries(err.fields).map(([field, keys]) => `${field}: ${keys.join(', ')}`);
    throw new DemoSeedError(`${what} was refused (${fields.join('; ') || err.message}).`);
  };
}

/**
 * The demo recommendations (final, each citing demo practices), one published edition of the proposals
 * document, and illustrative adoption cells, all through the services' own write paths: recommendations
 * through their import path (the coordinator's use cases), the edition created and published by the
 * coordinator, each cell recorded by its city's demo partner. Idempotent by import keys.
 */
export async function seedDemoProposals(
  services: Services,
  options: { coordinator: User; partnerOf: (city: string) => User; practiceIds: ReadonlyMap<string, string> },
): Promise<DemoProposalsReport> {
  const { coordinator } = options;
  const ids = new Map<string, string>();
  let created = 0;
  for (const rec of DEMO_RECOMMENDATIONS) {
    const citations = rec.citations.map((c) => {
      const practiceId = options.practiceIds.get(c.practice);
      if (!practiceId) throw new DemoSeedError(`The demo recommendation "${rec.demoSlug}" cites "${c.practice}", which is not a demo practice.`);
      return { practiceId, reason: c.reason, ...(c.indicators ? { indicators: c.indicators } : {}) };
    });
    const result = await services.recommendations
      .seedRecommendation({ content: rec.content, citations, status: 'final', createdBy: coordinator.id, importKey: recommendationKey(rec.demoSlug) })
      .catch(refused(`The demo recommendation "${rec.demoSlug}"`));
    ids.set(rec.demoSlug, result.id);
    if (result.created) created += 1;
  }

  let edition: DemoProposalsReport['edition'] = 'existing';
  const existing = await services.proposals.imported(DEMO_EDITION.importKey);
  if (existing?.status !== 'published') {
    const id =
      existing?.id ??
      (
        await services.proposals.create(
          coordinator,
          { introduction: DEMO_EDITION.introduction, recommendations: DEMO_RECOMMENDATIONS.map((r) => ids.get(r.demoSlug)!) },
          { importKey: DEMO_EDITION.importKey },
        )
      )._id.toHexString();
    await services.proposals.publish(coordinator, id, {}, { at: DEMO_EDITION.publishedAt }).catch(refused('The demo edition'));
    edition = 'created';
  }

  let cells = 0;
  for (const row of DEMO_ADOPTION) {
    const key = adoptionKey(row.recommendation, row.city);
    if (await services.adoption.imported(key)) continue;
    const recommendationId = ids.get(row.recommendation);
    if (!recommendationId) throw new DemoSeedError(`The demo adoption cell "${key}" names an unknown demo recommendation.`);
    await services.adoption.record(options.partnerOf(row.city), recommendationId, row.city, row.cell, { importKey: key }).catch(refused(`The demo adoption cell "${key}"`));
    cells += 1;
  }

  return {
    recommendations: { created, existing: DEMO_RECOMMENDATIONS.length - created },
    edition,
    adoption: { created: cells, existing: DEMO_ADOPTION.length - cells },
  };
}

/** Undoes the demo import of recommendations, editions and adoption cells (the seed's --reset). */
export async function removeDemoProposals(services: Services): Promise<number> {
  const cells = await services.adoption.removeImported('demo:adoption:');
  const editions = await services.proposals.removeImported('demo:edition');
  const recommendations = await services.recommendations.removeImportedRecommendations('demo:rec-');
  return cells + editions + recommendations;
}
