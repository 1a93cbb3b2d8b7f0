import type { AdoptionMatrix, AdoptionRow, AdoptionService, AdoptionStatus } from '../adoption';
import { ADOPTION_STATUSES, IN_PLANS } from '../adoption';
import type { Caller } from '../practices';
import type { RecommendationEvidenceRow, RecommendationsService } from '../recommendations';

/** One partner city's column of the adoption matrix, counted; `inPlans`: adopted or being implemented. */
export type CityAdoption = { slug: string; name: string; counts: Record<AdoptionStatus, number>; inPlans: number };

export type AdoptionOverview = {
  cities: CityAdoption[];
  rows: AdoptionRow[];
  /** Some cells come from the demo data: an illustration, never a city's statement. */
  illustrative: boolean;
};

export type RecommendationsOverview = { evidence: RecommendationEvidenceRow[]; adoption: AdoptionOverview };

export function adoptionOverview(matrix: AdoptionMatrix): AdoptionOverview {
  const empty = () => Object.fromEntries(ADOPTION_STATUSES.map((s) => [s, 0])) as Record<AdoptionStatus, number>;
  return {
    cities: matrix.cities.map((city) => {
      const counts = { ...empty(), ...matrix.totals[city.slug] };
      return { slug: city.slug, name: city.name, counts, inPlans: IN_PLANS.reduce((sum, s) => sum + counts[s], 0) };
    }),
    rows: matrix.rows,
    illustrative: matrix.illustrative,
  };
}

/**
 * The recommendations' part of the dashboard: evidence per recommendation and adoption across cities.
 * Both come from their own features, which apply the visibility rules: the public sees the final
 * recommendations, members the consultations too, curators the drafts as well (adoption: final only).
 */
export function recommendationsOverview(deps: {
  recommendations: Pick<RecommendationsService, 'evidenceOverview'>;
  adoption: Pick<AdoptionService, 'matrix'>;
}) {
  return async (caller: Caller): Promise<RecommendationsOverview> => {
    const [evidence, matrix] = await Promise.all([deps.recommendations.evidenceOverview(caller), deps.adoption.matrix(caller)]);
    return { evidence, adoption: adoptionOverview(matrix) };
  };
}
