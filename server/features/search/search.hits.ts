import { foldText } from '../../lib/fold';
import type { PracticeCardFields, PracticeSearchDocument } from './search.document';
import {
  byteRangesToChars,
  CROP_MARKER,
  highlightAndCrop,
  mapFoldedRanges,
  markedHtml,
  POST_TAG,
  PRE_TAG,
  withoutMarkers,
} from './search.highlight';

/** The long texts a hit may be found in, in the order a snippet is taken from. */
export const BODY_FIELDS = ['description', 'results', 'transferability', 'lessons'] as const;
export type BodyField = (typeof BODY_FIELDS)[number];

const SUMMARY_WORDS = 40;
const SNIPPET_WORDS = 30;

/** What a hit carries back from the index: facts only, never the long texts (they come formatted). */
export const RETRIEVED = [
  'id', 'title', 'summary', 'titleEn', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'startYear', 'endYear', 'ongoing',
  'language', 'event', 'hasIndicators', 'budgetEur', 'publishedAt', 'attachments.id', 'attachments.name', 'folded.attachments.id',
]; // prettier-ignore

export const HIGHLIGHT_PARAMS = {
  attributesToHighlight: ['title', 'titleEn', 'summary', 'cityName', ...BODY_FIELDS, 'attachments.text', 'attachments.name'],
  attributesToCrop: [
    `summary:${SUMMARY_WORDS}`,
    ...BODY_FIELDS.map((f) => `${f}:${SNIPPET_WORDS}`),
    `attachments.text:${SNIPPET_WORDS}`,
  ],
  highlightPreTag: PRE_TAG,
  highlightPostTag: POST_TAG,
  cropMarker: CROP_MARKER,
  showMatchesPosition: true,
};

type Position = { start: number; length: number; indices?: number[] };
type Attachment = { id: string; name: string; text?: string };

export type RawHit = Partial<Omit<PracticeSearchDocument, 'attachments' | 'folded'>> & {
  id: string;
  attachments?: Attachment[];
  folded?: { attachments?: { id: string }[] };
  _formatted?: Record<string, unknown>;
  _matchesPosition?: Record<string, Position[]>;
};

/** Original long texts, fetched only for hits matched in a folded twin (to highlight the original). */
export type Originals = Partial<Record<BodyField, string>> & { attachments?: Attachment[] };

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

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Which folded-twin matches need the original text to be highlighted (the original did not match). */
export function foldedOnly(hit: RawHit): { fields: BodyField[]; attachments: boolean } {
  const positions = hit._matchesPosition ?? {};
  const fields = BODY_FIELDS.filter((f) => positions[`folded.${f}`]?.length && !positions[f]?.length);
  return { fields, attachments: Boolean(positions['folded.attachments.text']?.length) };
}

/** Formatted text of a field: Meilisearch's highlight when the original matched, else the original highlighted from the folded twin's positions. */
function fieldHtml(
  formatted: string | undefined,
  original: string | undefined,
  own: Position[] | undefined,
  folded: Position[] | undefined,
  words?: number,
): { html: string; matched: boolean } {
  if (own?.length && formatted !== undefined) return { html: markedHtml(formatted), matched: true };
  if (folded?.length && original !== undefined) {
    const ranges = mapFoldedRanges(original, byteRangesToChars(foldText(original), folded));
    return { html: markedHtml(highlightAndCrop(original, ranges, words)), matched: true };
  }
  const plain = formatted ?? (original !== undefined ? highlightAndCrop(original, [], words) : '');
  return { html: markedHtml(withoutMarkers(plain)), matched: Boolean(own?.length || folded?.length) };
}

function attachmentMatches(
  hit: RawHit,
  positions: Record<string, Position[]>,
  originals: Originals | undefined,
): AttachmentMatch[] {
  const attachments = hit.attachments ?? [];
  const formatted = (
    Array.isArray(hit._formatted?.attachments) ? hit._formatted.attachments : []
  ) as Partial<Attachment>[];
  const indicesOf = (key: string) => new Set((positions[key] ?? []).flatMap((p) => p.indices ?? []));
  const textMatched = indicesOf('attachments.text');
  const nameMatched = indicesOf('attachments.name');
  // Folded twins exist only for attachments whose text folding changes: matched by id, not position.
  const foldedIds = hit.folded?.attachments ?? [];
  const foldedMatched = new Map<number, Position[]>();
  for (const position of positions['folded.attachments.text'] ?? []) {
    for (const k of position.indices ?? []) {
      const i = attachments.findIndex((a) => a.id === foldedIds[k]?.id);
      if (i >= 0) foldedMatched.set(i, [...(foldedMatched.get(i) ?? []), position]);
    }
  }
  const matched = [...new Set([...textMatched, ...foldedMatched.keys(), ...nameMatched])].sort((a, b) => a - b);
  return matched.flatMap((i) => {
    const attachment = attachments[i];
    if (!attachment) return [];
    const original = originals?.attachments?.find((a) => a.id === attachment.id)?.text;
    const own = textMatched.has(i) ? positions['attachments.text'] : undefined;
    const text =
      textMatched.has(i) || foldedMatched.has(i)
        ? fieldHtml(str(formatted[i]?.text), original, own, foldedMatched.get(i), SNIPPET_WORDS).html
        : undefined;
    const nameHtml = nameMatched.has(i)
      ? markedHtml(str(formatted[i]?.name) ?? attachment.name)
      : markedHtml(withoutMarkers(attachment.name));
    return [{ id: attachment.id, name: attachment.name, nameHtml, html: text }];
  });
}

export function toSearchHit(hit: RawHit, originals?: Originals): SearchHit {
  const positions = hit._matchesPosition ?? {};
  const formatted = hit._formatted ?? {};
  const short = (field: 'title' | 'titleEn' | 'summary' | 'cityName', words?: number) =>
    fieldHtml(str(formatted[field]), hit[field] ?? '', positions[field], positions[`folded.${field}`], words).html;

  let snippet: SearchHit['snippet'];
  for (const field of BODY_FIELDS) {
    const result = fieldHtml(
      str(formatted[field]),
      originals?.[field],
      positions[field],
      positions[`folded.${field}`],
      SNIPPET_WORDS,
    );
    if (result.matched) {
      snippet = { field, html: result.html };
      break;
    }
  }
  const foundInAttachment = attachmentMatches(hit, positions, originals);
  return {
    id: hit.id,
    title: hit.title ?? '',
    summary: hit.summary ?? '',
    titleEn: hit.titleEn ?? '',
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
    formatted: { title: short('title'), titleEn: short('titleEn'), summary: short('summary', SUMMARY_WORDS), cityName: short('cityName') },
    snippet,
    ...(foundInAttachment.length > 0 ? { foundInAttachment } : {}),
  };
}
