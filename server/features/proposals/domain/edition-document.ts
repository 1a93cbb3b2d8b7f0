/**
 * The proposals document of one edition, as every rendering of it (page, print view, PDF, Markdown, JSON)
 * sees it: recommendations grouped by measure group and numbered, with their evidence as numbered
 * references to the practices behind them. Built from plain data, so a published edition is built from its
 * frozen parts (revision snapshots, group labels and practice facts as they were) and never from live records.
 */

/** What the document prints of a recommendation: the parts of its content it reads (a revision snapshot). */
export type RecommendationText = {
  title: string;
  summary: string;
  problem: string;
  measureGroup?: string | undefined;
  themes?: string[] | undefined;
  targetGroups?: string[] | undefined;
  actions: { text: string; lead?: string | undefined; costBand: string; horizon: string }[];
  preconditions: string;
  risks: string;
  suits?:
    { populationBands?: string[] | undefined; trends?: string[] | undefined; roles?: string[] | undefined } | undefined;
  indicators: { name: string; unit: string; direction: string }[];
  priority?: string | undefined;
  evidence: Citation[];
};

export type Citation = {
  practiceId: string;
  reason: string;
  indicators: string[];
  cited: { title: string; cityName: string; country: string };
};

export type Indicator = { name: string; baseline?: number | undefined; value: number; unit: string; year: number };

/** A cited practice as the edition names it: frozen at publication. */
export type Reference = {
  practiceId: string;
  title: string;
  cityName: string;
  country: string;
  period?: { startYear?: number | undefined; endYear?: number | undefined; ongoing: boolean } | undefined;
  /** The practice's indicators the citations name (all it reported when none was named). */
  indicators: Indicator[];
  /** Whether the practice was still published when the edition was made. */
  standing: boolean;
  illustrative: boolean;
};

export type GroupLabels = { slug: string; labels: Record<string, string> };

export type EditionItem = { recommendationId: string; revision: number; text: RecommendationText };

export type DocumentRecommendation = {
  /** 1-based, in document order. */
  n: number;
  id: string;
  revision: number;
  anchor: string;
  text: Omit<RecommendationText, 'evidence'>;
  evidence: { ref: number; reason: string; indicators: string[] }[];
};

export type DocumentGroup = {
  slug: string | undefined;
  label: string | undefined;
  anchor: string;
  recommendations: DocumentRecommendation[];
};

export type NumberedReference = Reference & { n: number };

export type EditionMeta = {
  id: string;
  status: 'draft' | 'published';
  /** The edition's number; for a draft, the number it would get if published now. */
  number: number;
  title: string;
  introduction: string;
  publishedAt: Date | undefined;
  /** True for the demo data set. */
  demo: boolean;
};

export type EditionDocument = EditionMeta & {
  groups: DocumentGroup[];
  references: NumberedReference[];
  recommendationCount: number;
};

const NO_GROUP = 'other';

/**
 * Orders the items by measure group (in the vocabulary's order as frozen; unknown groups after, then those
 * without a group), keeping the chosen order within a group; numbers the recommendations and, by first
 * citation, the practices they cite.
 */
export function buildEditionDocument(
  meta: EditionMeta,
  items: readonly EditionItem[],
  options: { groups: readonly GroupLabels[]; references: ReadonlyMap<string, Reference>; locale: string },
): EditionDocument {
  const order = options.groups.map((g) => g.slug);
  const slugs = [...new Set(items.map((i) => i.text.measureGroup))].sort((a, b) => rank(order, a) - rank(order, b));
  const refNumbers = new Map<string, number>();
  const references: NumberedReference[] = [];
  let n = 0;

  const groups = slugs.map((slug): DocumentGroup => {
    const labels = options.groups.find((g) => g.slug === slug)?.labels;
    return {
      slug,
      label: slug ? (labels?.[options.locale] ?? labels?.en ?? slug) : undefined,
      anchor: `group-${slug ?? NO_GROUP}`,
      recommendations: items
        .filter((i) => i.text.measureGroup === slug)
        .map((item) => {
          n += 1;
          const { evidence, ...text } = item.text;
          return {
            n,
            id: item.recommendationId,
            revision: item.revision,
            anchor: `recommendation-${n}`,
            text,
            evidence: evidence.map((c) => ({
              ref: referenceNumber(c),
              reason: c.reason,
              indicators: [...c.indicators],
            })),
          };
        }),
    };
  });

  function referenceNumber(c: Citation): number {
    const known = refNumbers.get(c.practiceId);
    if (known) return known;
    const number = references.length + 1;
    refNumbers.set(c.practiceId, number);
    // A practice with no frozen facts is named as the citation recorded it.
    const facts = options.references.get(c.practiceId) ?? {
      practiceId: c.practiceId,
      ...c.cited,
      indicators: [],
      standing: false,
      illustrative: false,
    };
    references.push({ ...facts, n: number });
    return number;
  }

  return { ...meta, groups, references, recommendationCount: n };
}

function rank(order: readonly string[], slug: string | undefined): number {
  if (slug === undefined) return Number.MAX_SAFE_INTEGER;
  const i = order.indexOf(slug);
  return i === -1 ? order.length : i;
}

/** "November 2019" in the reader's language. */
export function monthYear(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A reference's period, e.g. "2016–2019" or "since 2018". */
export function periodText(period: Reference['period'], ongoingLabel: (start: number) => string): string | undefined {
  if (!period?.startYear) return undefined;
  if (period.ongoing) return ongoingLabel(period.startYear);
  return period.endYear && period.endYear !== period.startYear
    ? `${period.startYear}–${period.endYear}`
    : String(period.startYear);
}

/** "7.2 → 9.1 % (2019)" */
export function indicatorText(i: Indicator, fmt: (n: number) => string): string {
  const values = i.baseline !== undefined ? `${fmt(i.baseline)} → ${fmt(i.value)}` : fmt(i.value);
  return `${i.name}: ${values} ${i.unit} (${i.year})`;
}
