/**
 * The demo data set's own description of a practice. It mirrors the practice record (the practices field table)
 * with themes and target groups typed as the vocabularies' initial slugs (vocabularies.data.ts), so a typo in
 * the prose files fails the type check; the runner still checks them against the live vocabulary.
 */

export const DEMO_THEMES = [
  'birth-rate-family-support',
  'youth-retention',
  'return-migration-diaspora',
  'attracting-working-age-residents',
  'labour-market-entrepreneurship',
  'housing-urban-regeneration',
  'education-skills',
  'ageing-care',
  'transport-connectivity',
  'digital-services',
  'civic-participation',
  'culture-city-image',
  'integration-newcomers',
] as const;
export type DemoTheme = (typeof DEMO_THEMES)[number];

export const DEMO_TARGET_GROUPS = [
  'youth',
  'families-with-children',
  'returning-emigrants',
  'working-age-adults',
  'seniors',
  'entrepreneurs',
  'students',
  'newcomers-immigrants',
] as const;
export type DemoTargetGroup = (typeof DEMO_TARGET_GROUPS)[number];

export type DemoLanguage = 'en' | 'lv' | 'lt' | 'pl' | 'de' | 'ro' | 'it' | 'da' | 'es';

export type DemoIndicator = { name: string; baseline?: number; value: number; unit: string; year: number };
export type DemoSource = { title: string; url: string };

export type DemoContent = {
  title: string;
  summary: string;
  /** Required for practices not written in English (the seed refuses one without them). */
  titleEn?: string;
  summaryEn?: string;
  city: string;
  country: string;
  themes: DemoTheme[];
  targetGroups: DemoTargetGroup[];
  period: { startYear: number; endYear?: number; ongoing: boolean };
  budget?: { amountEur?: number; fundingSources?: string };
  stakeholders?: string;
  description: string;
  results?: string;
  transferability?: string;
  lessons?: string;
  indicators: DemoIndicator[];
  sources: DemoSource[];
  contact?: { name: string; organisation: string; email?: string };
  language: DemoLanguage;
  event?: string;
};

export type DemoStatus = 'draft' | 'submitted' | 'changes_requested' | 'published';

export type DemoPractice = {
  /** Stable key: re-running the seed finds the practice by it instead of writing a second copy. */
  demoSlug: string;
  /** True when no documented source stands behind the practice (the summary then says so first). */
  illustrative: boolean;
  status: DemoStatus;
  /** ISO date of publication, for published practices. */
  date?: string;
  /**
   * For practices still in the workflow: how many days before the seed runs they reached their status
   * (submitted, sent back) or were started (drafts), so the review queue always looks current.
   */
  daysAgo?: number;
  /** The coordinator's request, for a practice sent back to its authors. */
  reviewComment?: string;
  /** Generate a one-page PDF summary sheet and attach it. */
  summarySheet?: boolean;
  content: DemoContent;
};

/** Every illustrative summary starts with this, in English, whatever the practice's language. */
export const ILLUSTRATIVE_PREFIX = 'Illustrative example:';

/** A problem with the demo set or the database it goes into, worded for the person running the seed. */
export class DemoSeedError extends Error {}
