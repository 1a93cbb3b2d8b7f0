import type { RecommendationsService } from '../recommendations';
import type { VocabulariesService } from '../vocabularies';
import type { AdoptableRecommendation, AdoptionRecommendations } from './adoption.service';

const PAGE = 100;

/**
 * The tracker's view of the recommendations, through their public surface: the final ones, listed by
 * measure group (in the vocabulary's order) and title, as the matrix shows them.
 */
export function adoptionRecommendations(deps: {
  recommendations: RecommendationsService;
  vocabularies: VocabulariesService;
}): AdoptionRecommendations {
  const { recommendations } = deps;
  return {
    async listFinal(caller) {
      const [groups, items] = await Promise.all([
        deps.vocabularies.list('measure-group', { includeRetired: true }),
        (async () => {
          const all: AdoptableRecommendation[] = [];
          for (let page = 1; ; page += 1) {
            const result = await recommendations.list(caller, {
              status: 'final',
              perPage: String(PAGE),
              page: String(page),
            });
            all.push(
              ...result.items.map((r) => ({
                id: r.id,
                title: r.title,
                status: r.status,
                measureGroup: r.measureGroup,
              })),
            );
            if (page >= result.pages) return all;
          }
        })(),
      ]);
      const order = (slug: string | undefined) => {
        const i = groups.findIndex((g) => g.slug === slug);
        return i === -1 ? groups.length : i;
      };
      return items.sort(
        (a, b) => order(a.measureGroup) - order(b.measureGroup) || a.title.localeCompare(b.title, 'en'),
      );
    },

    async get(caller, id) {
      const json = await recommendations.get(caller, id);
      return {
        id: json.id,
        title: json.content.title,
        status: json.deleted ? 'deleted' : json.status,
        measureGroup: json.content.measureGroup,
      };
    },
  };
}
