// The network's meetings as its source documents describe them: reference data, not demo data.
// Titles in other languages come from the catalogs (`event.title.<slug>`) when the event is first stored.
export type EventSeed = {
  slug: string;
  citySlug: string;
  year: number;
  month: number;
  startDay?: number;
  endDay?: number;
  title: string;
};

export const NETWORK_EVENTS: readonly EventSeed[] = [
  { slug: '2018-05-daugavpils-kick-off', citySlug: 'daugavpils', year: 2018, month: 5, startDay: 23, endDay: 24, title: 'Kick-off: depopulation in the EU, the Latvian and Latgale context, and Latvia’s re-emigration pilot project' },
  { slug: '2018-09-kaunas-good-practice', citySlug: 'kaunas', year: 2018, month: 9, title: 'Good-practice examples for preventing depopulation' },
  { slug: '2019-02-palermo-youth', citySlug: 'palermo', year: 2019, month: 2, startDay: 11, endDay: 13, title: 'Youth depopulation — how can it be prevented?' },
  { slug: '2019-05-lodz-action-plans', citySlug: 'lodz', year: 2019, month: 5, title: 'Good-practice examples of depopulation-control action plans' },
  { slug: '2019-11-daugavpils-final-conference', citySlug: 'daugavpils', year: 2019, month: 11, title: 'Final results dissemination conference' },
]; // prettier-ignore
