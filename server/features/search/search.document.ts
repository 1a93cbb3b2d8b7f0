import { markdownToPlainText } from '../../lib/markdown';
import type { VocabulariesService } from '../vocabularies';
import { twinText, type ConceptIndex } from './search-concepts';

/**
 * The Meilisearch document of a published practice. Built from the published copy only: what the
 * index holds is always something the public may read. Every text field gets a twin in `stemmed` that
 * holds each word's forms (lib/stemming): folded, for the letters Meilisearch does not fold (ł, ø, æ,
 * ß), so "lodz" finds Łódź; stemmed in every partner language, so "miasto" finds "miastach"; and
 * the tokens of the synonym concepts it belongs to (search-concepts.ts), so "youth" finds "młodzieży".
 */
export type PracticeSearchDocument = {
  id: string;
  revision: number;
  title: string;
  summary: string;
  /** English title and summary of a practice in another language ('' when none): English queries find it. */
  titleEn: string;
  summaryEn: string;
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
  stemmed: Record<StemmedField, string> & {
    /** One entry, every distinct token of the labels' twins once: a term's labels in nine languages share many. */
    themeLabels: string[];
    targetGroupLabels: string[];
    attachments: string[];
    attachmentNames: string[];
  };
};

/** The fields every practice card in search results shows (hits and similar practices alike). */
export type PracticeCardFields = Pick<
  PracticeSearchDocument,
  'id' | 'title' | 'summary' | 'titleEn' | 'city' | 'cityName' | 'country' | 'themes' | 'targetGroups'
>;

export const STEMMED_FIELDS = [
  'title',
  'summary',
  'titleEn',
  'summaryEn',
  'cityName',
  'description',
  'results',
  'transferability',
  'lessons',
] as const;
export type StemmedField = (typeof STEMMED_FIELDS)[number];

/** The long texts, whose twins are compact (twinText): most of a practice's words are in them. */
const COMPACT_TWINS = new Set<StemmedField>(['description', 'results', 'transferability', 'lessons']);

// One string in a list, as the labels themselves are a list: the relevance set ranks best that way.
const distinctTokens = (texts: string[]) => [[...new Set(texts.join(' ').split(/\s+/).filter(Boolean))].join(' ')];

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
    titleEn?: string | undefined;
    summaryEn?: string | undefined;
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

export type TermLabels = {
  themes: Map<string, string[]>;
  targetGroups: Map<string, string[]>;
  measureGroups?: Map<string, string[]>;
};

/** Every label of every term (retired ones too: old practices still carry them), so any of them finds it. */
export async function termLabels(vocabularies: Pick<VocabulariesService, 'all'>): Promise<TermLabels> {
  const all = await vocabularies.all({ includeRetired: true });
  const toMap = (terms: { slug: string; labels: Record<string, string | undefined> }[]) =>
    new Map(terms.map((t) => [t.slug, [...new Set(Object.values(t.labels).filter((l): l is string => Boolean(l)))]]));
  return {
    themes: toMap(all.theme),
    targetGroups: toMap(all['target-group']),
    measureGroups: toMap(all['measure-group']),
  };
}

// Attachment text is capped per file: enough to find a report by its words, bounded for the index.
const ATTACHMENT_TEXT_LIMIT = 50_000;

export function toSearchDocument(
  practice: IndexablePractice,
  labels: TermLabels,
  concepts?: ConceptIndex,
): PracticeSearchDocument {
  const formsText = (text: string) => twinText(text, concepts);
  const compactText = (text: string) => twinText(text, concepts, true);
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
    titleEn: raw.titleEn ?? '',
    summaryEn: raw.summaryEn ?? '',
    cityName: practice.cityName,
    description: markdownToPlainText(c.description),
    results: markdownToPlainText(c.results),
    transferability: markdownToPlainText(c.transferability),
    lessons: markdownToPlainText(c.lessons),
  } satisfies Record<StemmedField, string>;
  const attachments = c.attachments.map((a) => ({
    id: a.id,
    name: a.originalName,
    text: (a.text ?? '').slice(0, ATTACHMENT_TEXT_LIMIT),
  }));

  const themeLabels = c.themes.flatMap((slug) => labels.themes.get(slug) ?? [slug]);
  const targetGroupLabels = c.targetGroups.flatMap((slug) => labels.targetGroups.get(slug) ?? [slug]);
  // Every searchable text has a twin: the query's stems come first in the query, so a match must
  // reach them in every field it can be found in.
  const stemmed = {
    ...(Object.fromEntries(
      STEMMED_FIELDS.map((f) => [f, COMPACT_TWINS.has(f) ? compactText(base[f]) : formsText(base[f])]),
    ) as Record<StemmedField, string>),
    themeLabels: distinctTokens(themeLabels.map(compactText)),
    targetGroupLabels: distinctTokens(targetGroupLabels.map(compactText)),
    // Aligned with `attachments` by position: the n-th entry is the n-th attachment's.
    attachments: attachments.map((a) => compactText(a.text)),
    attachmentNames: attachments.map((a) => formsText(a.name)),
  };

  return {
    id: practice.id,
    revision: practice.revision,
    ...base,
    themes: c.themes,
    themeLabels,
    city: practice.city,
    country: practice.country,
    targetGroups: c.targetGroups,
    targetGroupLabels,
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
    stemmed,
  };
}
