import type { Translate } from '../../lib/i18n';
import type { NetworkService } from '../network';
import type { SearchOverview } from '../search';
import { SearchUnavailableError } from '../search';
import { renderMap, type MapCity, type MapSize } from './map.render';

/** A partner city with its published practices (undefined while the search engine does not answer). */
export type CityCount = {
  slug: string;
  name: string;
  country: string;
  countryName: string;
  lat: number;
  lon: number;
  lead: boolean;
  practices: number | undefined;
  searchUrl: string;
};

export type MapService = ReturnType<typeof createMapService>;

export const citySearchUrl = (slug: string) => `/search?${new URLSearchParams({ city: slug })}`;

/** The partner cities on the map of Europe, counted with the search page's own city filter. */
export function createMapService(deps: { network: NetworkService; overview: SearchOverview }) {
  return {
    async cities(): Promise<CityCount[]> {
      const cities = await deps.network.listCities();
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
        caption: c.practices === undefined ? c.name : `${c.name} (${c.practices})`,
        label:
          c.practices === undefined
            ? t('map.city_label_unknown', { city: c.name })
            : t('map.city_label', { city: c.name, count: c.practices }),
      }));
      return renderMap(marks, {
        size,
        title: t('map.svg_label'),
        partnerCountries: new Set(cities.map((c) => c.countryName)),
      });
    },
  };
}
