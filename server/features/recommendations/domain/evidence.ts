import type { EvidenceState, PracticeFacts } from '../../practices';
import type { Citation } from './recommendation-fields';

type Indicator = { name: string; baseline?: number | undefined; value: number; unit: string; year: number };

/** One cited practice as the recommendation page shows it, whether it still stands or not. */
export type EvidenceItem = {
  practiceId: string;
  reason: string;
  addedAt: Date;
  /** The practice is still listed (public, not archived, not deleted). */
  standing: boolean;
  state: EvidenceState;
  title: string;
  cityName: string;
  country: string;
  /** The following only while the practice stands (its published copy). */
  titleEn?: string | undefined;
  city?: string | undefined;
  period?: { startYear?: number | undefined; endYear?: number | undefined; ongoing: boolean } | undefined;
  illustrative?: boolean | undefined;
  measured?: boolean | undefined;
  /** The practice's indicators that show it (the cited ones; all of them when none was named). */
  indicators: Indicator[];
  /** Cited indicator names the practice no longer reports. */
  missingIndicators: string[];
  /** The names as cited (what the coordinator chose). */
  citedIndicators: string[];
  /** Every indicator name the practice reports (what may be cited). */
  reportedIndicators: string[];
};

/** Figures computed from the links, over the practices that still stand. */
export type EvidenceSummary = {
  practices: number;
  cities: number;
  countries: number;
  /** Practices reporting measured results (at least one indicator). */
  withResults: number;
  documented: number;
  illustrative: number;
  /** Cited practices that were unpublished, archived or deleted since. */
  withdrawn: number;
};

export function evidenceItems(citations: readonly Citation[], facts: readonly PracticeFacts[]): EvidenceItem[] {
  const byId = new Map(facts.map((f) => [f.id, f]));
  return citations.map((c): EvidenceItem => {
    const f = byId.get(c.practiceId) ?? { id: c.practiceId, state: 'gone' as const };
    const base = { practiceId: c.practiceId, reason: c.reason, addedAt: c.addedAt, citedIndicators: [...c.indicators] };
    if (f.state !== 'listed') {
      return { ...base, standing: false, state: f.state, ...c.cited, indicators: [], missingIndicators: [], reportedIndicators: [] };
    }
    const named = c.indicators.length > 0;
    const indicators = named ? f.indicators.filter((i) => c.indicators.includes(i.name)) : f.indicators;
    const reported = new Set(f.indicators.map((i) => i.name));
    return {
      ...base,
      standing: true,
      state: 'listed',
      title: f.title,
      titleEn: f.titleEn,
      cityName: f.cityName,
      country: f.country,
      city: f.city,
      period: f.period,
      illustrative: f.illustrative,
      measured: f.indicators.length > 0,
      indicators,
      missingIndicators: c.indicators.filter((name) => !reported.has(name)),
      reportedIndicators: [...reported],
    };
  });
}

export function evidenceSummary(items: readonly EvidenceItem[]): EvidenceSummary {
  const standing = items.filter((i) => i.standing);
  const illustrative = standing.filter((i) => i.illustrative).length;
  return {
    practices: standing.length,
    cities: new Set(standing.map((i) => i.city ?? i.cityName)).size,
    countries: new Set(standing.map((i) => i.country)).size,
    withResults: standing.filter((i) => i.measured).length,
    documented: standing.length - illustrative,
    illustrative,
    withdrawn: items.length - standing.length,
  };
}
