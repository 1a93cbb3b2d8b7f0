import type { Translate } from '../../lib/i18n';
import { IN_PLANS, type AdoptionService } from '../adoption';
import type { NetworkService } from '../network';
import type { SearchOverview } from '../search';
import { SearchUnavailableError } from '../search';
import { renderMap, type MapCity, type MapSize } from './map.render';

/**
 * A partner city with its published practices (undefined while the search engine does not answer) and the
 * final recommendations in its plans (adopted or being implemented).
 */
export type CityCount = {
  slug: string;
  name: string;
  country: string;
  countryName: string;
  lat: number;
  lon: number;
  lead: boolean;
  practices: number | undefined;
  adopted: number;
  searchUrl: string;
};

export type MapService = ReturnType<typeof createMapService>;

export const citySearchUrl = (slug: string) => `/search?${new URLSearchParams({ city: slug })}`;

/**
 * The partner cities on the map of Europe: practices counted with the search page's own city filter,
 * adopted recommendations with the adoption tracker's matrix as this reader sees it.
 */
export function createMapService(deps: { network: NetworkService; overview: SearchOverview; adoption: Pick<AdoptionService, 'matrix'> }) {
  return {
    async cities(caller: Parameters<AdoptionService['matrix']>[0]): Promise<CityCount[]> {
      const [cities, matrix] = await Promise.all([deps.network.listCities(), deps.adoption.matrix(caller)]);
      const inPlans = (slug: string) => {
        const counts = matrix.totals[slug];
        return counts ? IN_PLANS.reduce((sum, status) => sum + counts[status], 0) : 0;
      };
      let byCity: Record<string, number> | undefined;
      try {
        byCity = (await deps.overview.counts([{}], ['city']))[0]?.by.city ?? {};
      } catch (err) {
        if (!(err instanceof SearchUnavailableError)) throw err;
      }
      return cities.map((c) => ({
        slug: c.slug,
        name: c.name,
        country: c.country,
        countryName: c.countryName,
        lat: c.lat,
        lon: c.lon,
        lead: c.lead,
        practices: byCity ? (byCity[c.slug] ?? 0) : undefined,
        adopted: inPlans(c.slug),
        searchUrl: citySearchUrl(c.slug),
      }));
    },

    /** The map as SVG, its captions and link labels in the reader's language. */
    svg(cities: readonly CityCount[], size: MapSize, t: Translate): string {
      const marks: MapCity[] = cities.map((c) => ({
        slug: c.slug,
        name: c.name,
        lat: c.lat,
        lon: c.lon,
        lead: c.lead,
        href: c.searchUrl,
        practices: c.practices,
        adopted: c.adopted,
        // Practices · adopted recommendations (the figure caption says which is which); the link reads both out.
        caption: c.practices === undefined ? `${c.name} (– · ${c.adopted})` : `${c.name} (${c.practices} · ${c.adopted})`,
        label:
          c.practices === undefined
            ? t('map.city_label_unknown', { city: c.name, adopted: c.adopted })
            : t('map.city_label', { city: c.name, count: c.practices, adopted: c.adopted }),
      }));
      return renderMap(marks, {
        size,
        title: t('map.svg_label'),
        partnerCountries: new Set(cities.map((c) => c.countryName)),
      });
    },
  };
}
