import { foldText } from '../../lib/fold';
import { markdownToPlainText } from '../../lib/markdown';
import { isStemLanguage, stemText, type StemLanguage } from '../../lib/stemming/stemmers';

/**
 * The Meilisearch document of a published practice. Built from the published copy only: what the
 * index holds is always something the public may read. Text fields that contain letters Meilisearch
 * does not fold (ł, ø, æ, ß…) get a folded twin in `folded`, so every spelling finds them. Every text
 * field also gets a stemmed twin in `stemmed`, word for word in the practice's language, so a query
 * in another form of a word (miasto, miastach) finds it; the query side stems the query the same way.
 */
export type PracticeSearchDocument = {
  id: string;
  revision: number;
  title: string;
  summary: string;
  themes: string[];
  themeLabels: string[];
  city: string;
  cityName: string;
  country: string;
  targetGroups: string[];
  targetGroupLabels: string[];
  description: string;
  results: string;
  transferability: string;
  lessons: string;
  attachments: { id: string; name: string; text: string }[];
  startYear: number | null;
  endYear: number | null;
  ongoing: boolean;
  event: string | null;
  language: string | null;
  status: 'published';
  hasIndicators: boolean;
  budgetEur: number | null;
  publishedAt: number | null;
  folded: Partial<Record<FoldedField, string>> & { attachments?: { id: string; text: string }[] };
  /** The language the stemmed twins were made in (the practice's language, English when it has none). */
  stemLanguage: StemLanguage;
  stemmed: Record<StemmedField, string> & { attachments: string[] };
};

/** The fields every practice card in search results shows (hits and similar practices alike). */
export type PracticeCardFields = Pick<
  PracticeSearchDocument,
  'id' | 'title' | 'summary' | 'city' | 'cityName' | 'country' | 'themes' | 'targetGroups'
>;

export const FOLDED_FIELDS = [
  'title',
  'summary',
  'cityName',
  'description',
  'results',
  'transferability',
  'lessons',
] as const;
export type FoldedField = (typeof FOLDED_FIELDS)[number];

export const STEMMED_FIELDS = ['title', 'summary', 'description', 'results', 'transferability', 'lessons'] as const;
export type StemmedField = (typeof STEMMED_FIELDS)[number];

/** What the practices feature hands over for indexing (its published copy and the record's facts). */
export type IndexablePractice = {
  id: string;
  revision: number;
  city: string;
  cityName: string;
  country: string;
  publishedAt: Date | undefined;
  content: {
    title: string;
    summary: string;
    themes: string[];
    targetGroups: string[];
    period: { startYear?: number | undefined; endYear?: number | undefined; ongoing: boolean };
    budget: { amountEur?: number | undefined };
    description: string;
    results: string;
    transferability: string;
    lessons: string;
    indicators: unknown[];
    language?: string | undefined;
    event?: string | undefined;
    attachments: { id: string; originalName: string; text: string }[];
  };
};

export type TermLabels = { themes: Map<string, string[]>; targetGroups: Map<string, string[]> };

// Attachment text is capped per file: enough to find a report by its words, bounded for the index.
const ATTACHMENT_TEXT_LIMIT = 50_000;

export function toSearchDocument(practice: IndexablePractice, labels: TermLabels): PracticeSearchDocument {
  // Stored copies may lack optional parts (older records, imports): read every one defensively.
  const raw = practice.content;
  const c = {
    ...raw,
    summary: raw.summary ?? '',
    themes: raw.themes ?? [],
    targetGroups: raw.targetGroups ?? [],
    period: raw.period ?? { ongoing: false },
    budget: raw.budget ?? {},
    description: raw.description ?? '',
    results: raw.results ?? '',
    transferability: raw.transferability ?? '',
    lessons: raw.lessons ?? '',
    indicators: raw.indicators ?? [],
    attachments: raw.attachments ?? [],
  };
  const base = {
    title: c.title,
    summary: c.summary,
    cityName: practice.cityName,
    description: markdownToPlainText(c.description),
    results: markdownToPlainText(c.results),
    transferability: markdownToPlainText(c.transferability),
    lessons: markdownToPlainText(c.lessons),
  } satisfies Record<FoldedField, string>;
  const attachments = c.attachments.map((a) => ({
    id: a.id,
    name: a.originalName,
    text: (a.text ?? '').slice(0, ATTACHMENT_TEXT_LIMIT),
  }));

  const folded: PracticeSearchDocument['folded'] = {};
  for (const field of FOLDED_FIELDS) {
    const value = foldText(base[field]);
    if (value !== base[field]) folded[field] = value;
  }
  const foldedAttachments = attachments
    .map((a) => ({ id: a.id, text: foldText(a.text) }))
    .filter((a, i) => a.text !== attachments[i]?.text);
  if (foldedAttachments.length > 0) folded.attachments = foldedAttachments;

  const stemLanguage = isStemLanguage(c.language) ? c.language : 'en';
  const stemmed = {
    ...(Object.fromEntries(STEMMED_FIELDS.map((f) => [f, stemText(base[f], stemLanguage)])) as Record<
      StemmedField,
      string
    >),
    // Aligned with `attachments` by position: the n-th entry is the n-th attachment's text.
    attachments: attachments.map((a) => stemText(a.text, stemLanguage)),
  };

  return {
    id: practice.id,
    revision: practice.revision,
    ...base,
    themes: c.themes,
    themeLabels: c.themes.flatMap((slug) => labels.themes.get(slug) ?? [slug]),
    city: practice.city,
    country: practice.country,
    targetGroups: c.targetGroups,
    targetGroupLabels: c.targetGroups.flatMap((slug) => labels.targetGroups.get(slug) ?? [slug]),
    attachments,
    startYear: c.period.startYear ?? null,
    endYear: c.period.endYear ?? null,
    ongoing: Boolean(c.period.ongoing),
    event: c.event ?? null,
    language: c.language ?? null,
    status: 'published',
    hasIndicators: c.indicators.length > 0,
    budgetEur: c.budget.amountEur ?? null,
    publishedAt: practice.publishedAt ? Math.floor(practice.publishedAt.getTime() / 1000) : null,
    folded,
    stemLanguage,
    stemmed,
  };
}
