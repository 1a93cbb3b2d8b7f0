import type { Matcher } from './search-match';
import type { PracticeCardFields, PracticeSearchDocument } from './search.document';
import { highlightAndCrop, markedHtml, type Range } from './search.highlight';

/** The long texts a hit may be found in, in the order a snippet is taken from. */
export const BODY_FIELDS = ['description', 'results', 'transferability', 'lessons'] as const;
export type BodyField = (typeof BODY_FIELDS)[number];

const SUMMARY_WORDS = 40;
const SNIPPET_WORDS = 24;

/**
 * What a hit carries back from the index: the facts and the texts a card shows, never a twin. The
 * highlighting and cropping is done here, on the visible hits only (search-match.ts): asking
 * Meilisearch to highlight and crop every long field was most of the cost of a search, and it cannot
 * mark a word found only in a stemmed twin anyway.
 */
export const RETRIEVED = [
  'id', 'title', 'summary', 'titleEn', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'startYear', 'endYear', 'ongoing',
  'language', 'event', 'hasIndicators', 'budgetEur', 'publishedAt', ...BODY_FIELDS, 'attachments',
]; // prettier-ignore

type Attachment = { id: string; name: string; text?: string };

export type RawHit = Partial<Omit<PracticeSearchDocument, 'attachments' | 'stemmed'>> & {
  id: string;
  attachments?: Attachment[];
};

export type AttachmentMatch = { id: string; name: string; nameHtml: string; html?: string | undefined };

export type SearchHit = PracticeCardFields & {
  startYear: number | null;
  endYear: number | null;
  ongoing: boolean;
  language: string | null;
  event: string | null;
  hasIndicators: boolean;
  budgetEur: number | null;
  publishedAt: Date | null;
  /** Safe HTML: the text escaped, matches in `<mark>`. */
  formatted: { title: string; titleEn: string; summary: string; cityName: string };
  /** Where in the long texts the query was found, cropped around the match. */
  snippet?: { field: BodyField; html: string } | undefined;
  /** The attachments whose text or file name matched. */
  foundInAttachment?: AttachmentMatch[] | undefined;
};

function attachmentMatches(hit: RawHit, match: Matcher): AttachmentMatch[] {
  return (hit.attachments ?? []).flatMap((attachment) => {
    const body = attachment.text ?? '';
    const inText = body ? match(body) : [];
    const inName = match(attachment.name);
    if (inText.length === 0 && inName.length === 0) return [];
    return [
      {
        id: attachment.id,
        name: attachment.name,
        nameHtml: markedHtml(highlightAndCrop(attachment.name, inName)),
        html: inText.length > 0 ? markedHtml(highlightAndCrop(body, inText, SNIPPET_WORDS)) : undefined,
      },
    ];
  });
}

/** A hit as pages and the API show it, with the query's matches marked by `match`. */
export function toSearchHit(hit: RawHit, match: Matcher): SearchHit {
  const html = (text: string, ranges: Range[], words?: number) => markedHtml(highlightAndCrop(text, ranges, words));
  // The snippet comes from the first long text the query was found in, cropped around the match.
  let snippet: SearchHit['snippet'];
  for (const field of BODY_FIELDS) {
    const text = hit[field];
    const ranges = text ? match(text) : [];
    if (text && ranges.length > 0) {
      snippet = { field, html: html(text, ranges, SNIPPET_WORDS) };
      break;
    }
  }
  const foundInAttachment = attachmentMatches(hit, match);
  const title = hit.title ?? '';
  const summary = hit.summary ?? '';
  const titleEn = hit.titleEn ?? '';
  const cityName = hit.cityName ?? '';
  return {
    id: hit.id,
    title,
    summary,
    titleEn,
    city: hit.city ?? '',
    cityName,
    country: hit.country ?? '',
    themes: hit.themes ?? [],
    targetGroups: hit.targetGroups ?? [],
    startYear: hit.startYear ?? null,
    endYear: hit.endYear ?? null,
    ongoing: hit.ongoing ?? false,
    language: hit.language ?? null,
    event: hit.event ?? null,
    hasIndicators: hit.hasIndicators ?? false,
    budgetEur: hit.budgetEur ?? null,
    publishedAt: typeof hit.publishedAt === 'number' ? new Date(hit.publishedAt * 1000) : null,
    formatted: {
      title: html(title, match(title)),
      titleEn: html(titleEn, match(titleEn)),
      summary: html(summary, match(summary), SUMMARY_WORDS),
      cityName: html(cityName, match(cityName)),
    },
    snippet,
    ...(foundInAttachment.length > 0 ? { foundInAttachment } : {}),
  };
}
