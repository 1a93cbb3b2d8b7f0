import { foldText } from '../../lib/fold';
import { isStemLanguage, stemText, words } from '../../lib/stemming/stemmers';
import type { PracticeCardFields, PracticeSearchDocument } from './search.document';
import { byteRangesToChars, highlightAndCrop, mapFoldedRanges, markedHtml, type Range } from './search.highlight';

/** The long texts a hit may be found in, in the order a snippet is taken from. */
export const BODY_FIELDS = ['description', 'results', 'transferability', 'lessons'] as const;
export type BodyField = (typeof BODY_FIELDS)[number];

const SUMMARY_WORDS = 40;
const SNIPPET_WORDS = 24;

/**
 * What a hit carries back from the index: the facts and the texts a card shows, never a twin. The
 * highlighting and cropping is done here, on the visible hits only, from the match positions
 * Meilisearch reports (`showMatchesPosition`): asking Meilisearch to highlight and crop every long
 * field was most of the cost of a search, and it cannot mark a word found only in a folded or stemmed
 * twin anyway.
 */
export const RETRIEVED = [
  'id', 'title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'startYear', 'endYear', 'ongoing',
  'language', 'event', 'hasIndicators', 'budgetEur', 'publishedAt', 'stemLanguage', ...BODY_FIELDS, 'attachments',
  'folded.attachments.id',
]; // prettier-ignore

type Position = { start: number; length: number; indices?: number[] };
type Attachment = { id: string; name: string; text?: string };

export type RawHit = Partial<Omit<PracticeSearchDocument, 'attachments' | 'folded' | 'stemmed'>> & {
  id: string;
  attachments?: Attachment[];
  folded?: { attachments?: { id: string }[] };
  _matchesPosition?: Record<string, Position[]>;
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
  formatted: { title: string; summary: string; cityName: string };
  /** Where in the long texts the query was found, cropped around the match. */
  snippet?: { field: BodyField; html: string } | undefined;
  /** The attachments whose text or file name matched. */
  foundInAttachment?: AttachmentMatch[] | undefined;
};

/** Ranges found in the stemmed twin, as the original words they stand for (the n-th stem is the n-th word). */
export function mapStemmedRanges(original: string, stemmed: string, ranges: readonly Range[]): Range[] {
  const stems = words(stemmed);
  const originals = words(original);
  if (stems.length !== originals.length) return [];
  return ranges.flatMap((range) => {
    const i = stems.findIndex((w) => range.start < w.end && range.end > w.start);
    const word = i >= 0 ? originals[i] : undefined;
    return word ? [word] : [];
  });
}

/** Where the query was found in one text: its own positions, and those of its folded and stemmed twins. */
type Found = { own?: Position[] | undefined; folded?: Position[] | undefined; stemmed?: Position[] | undefined };

function rangesIn(text: string, found: Found, language: unknown): Range[] {
  const ranges = found.own?.length ? byteRangesToChars(text, found.own) : [];
  if (found.folded?.length) ranges.push(...mapFoldedRanges(text, byteRangesToChars(foldText(text), found.folded)));
  if (found.stemmed?.length) {
    const stemmed = stemText(text, isStemLanguage(language) ? language : 'en');
    ranges.push(...mapStemmedRanges(text, stemmed, byteRangesToChars(stemmed, found.stemmed)));
  }
  return ranges;
}

const matched = (found: Found) => Boolean(found.own?.length || found.folded?.length || found.stemmed?.length);

const inElement = (positions: Position[] | undefined, i: number) => positions?.filter((p) => p.indices?.includes(i));

function attachmentMatches(hit: RawHit, positions: Record<string, Position[]>): AttachmentMatch[] {
  const attachments = hit.attachments ?? [];
  // Folded twins exist only for attachments whose text folding changes: matched by id, not position.
  const foldedIds = hit.folded?.attachments ?? [];
  return attachments.flatMap((attachment, i) => {
    const k = foldedIds.findIndex((f) => f.id === attachment.id);
    const text: Found = {
      own: inElement(positions['attachments.text'], i),
      folded: k >= 0 ? inElement(positions['folded.attachments.text'], k) : undefined,
      stemmed: inElement(positions['stemmed.attachments'], i),
    };
    const name = inElement(positions['attachments.name'], i);
    if (!matched(text) && !name?.length) return [];
    const body = attachment.text ?? '';
    return [
      {
        id: attachment.id,
        name: attachment.name,
        nameHtml: markedHtml(highlightAndCrop(attachment.name, rangesIn(attachment.name, { own: name }, 'en'))),
        html: matched(text)
          ? markedHtml(highlightAndCrop(body, rangesIn(body, text, hit.stemLanguage), SNIPPET_WORDS))
          : undefined,
      },
    ];
  });
}

export function toSearchHit(hit: RawHit): SearchHit {
  const positions = hit._matchesPosition ?? {};
  const found = (field: string): Found => ({
    own: positions[field],
    folded: positions[`folded.${field}`],
    stemmed: positions[`stemmed.${field}`],
  });
  const html = (text: string, field: string, words?: number) =>
    markedHtml(highlightAndCrop(text, rangesIn(text, found(field), hit.stemLanguage), words));

  const snippetField = BODY_FIELDS.find((field) => matched(found(field)) && hit[field]);
  const foundInAttachment = attachmentMatches(hit, positions);
  return {
    id: hit.id,
    title: hit.title ?? '',
    summary: hit.summary ?? '',
    city: hit.city ?? '',
    cityName: hit.cityName ?? '',
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
      title: html(hit.title ?? '', 'title'),
      summary: html(hit.summary ?? '', 'summary', SUMMARY_WORDS),
      cityName: html(hit.cityName ?? '', 'cityName'),
    },
    snippet: snippetField
      ? { field: snippetField, html: html(hit[snippetField] ?? '', snippetField, SNIPPET_WORDS) }
      : undefined,
    ...(foundInAttachment.length > 0 ? { foundInAttachment } : {}),
  };
}
