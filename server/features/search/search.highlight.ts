import { escapeHtml } from '../../lib/markdown';

/**
 * Highlighting without trusting the text. Meilisearch marks matches with private control characters
 * instead of HTML tags; the whole text is escaped first and only then do the markers become
 * `<mark>`, so the highlight tags are the only markup that can come out of a document.
 */
export const PRE_TAG = '\u0001';
export const POST_TAG = '\u0002';
// Built from the constants: a control character in a regex literal would read as a typo.
const MARKERS = new RegExp(`[${PRE_TAG}${POST_TAG}]`, 'g');

/** Escapes the text and turns the markers into balanced `<mark>` elements (stray markers are dropped). */
export function markedHtml(text: string): string {
  let open = false;
  const html = escapeHtml(text).replace(MARKERS, (marker) => {
    if (marker === PRE_TAG && !open) {
      open = true;
      return '<mark>';
    }
    if (marker === POST_TAG && open) {
      open = false;
      return '</mark>';
    }
    return '';
  });
  return open ? `${html}</mark>` : html;
}

export const withoutMarkers = (text: string) => text.replace(MARKERS, '');

export type Range = { start: number; end: number };

function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

export const CROP_MARKER = '…';

/**
 * The text with markers around `ranges`, cropped to about `words` words around the first match (the
 * whole text when `words` is undefined), as Meilisearch's own crop would.
 */
export function highlightAndCrop(text: string, ranges: readonly Range[], words?: number): string {
  const clean = withoutMarkers(text);
  const marks = mergeRanges(ranges.filter((r) => r.start >= 0 && r.end <= clean.length && r.end > r.start));
  let from = 0;
  let to = clean.length;
  if (words !== undefined) {
    const tokens = [...clean.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    if (tokens.length > words) {
      const first = marks[0]?.start ?? 0;
      const hit = Math.max(
        0,
        tokens.findIndex((tok) => tok.end > first),
      );
      const startToken = Math.max(0, Math.min(hit - Math.floor(words / 3), tokens.length - words));
      const endToken = Math.min(tokens.length, startToken + words);
      from = startToken === 0 ? 0 : tokens[startToken]!.start;
      to = endToken === tokens.length ? clean.length : tokens[endToken - 1]!.end;
    }
  }
  let out = from > 0 ? CROP_MARKER : '';
  let cursor = from;
  for (const mark of marks) {
    if (mark.end <= from || mark.start >= to) continue;
    const start = Math.max(mark.start, from);
    const end = Math.min(mark.end, to);
    out += clean.slice(cursor, start) + PRE_TAG + clean.slice(start, end) + POST_TAG;
    cursor = end;
  }
  out += clean.slice(cursor, to);
  return to < clean.length ? out + CROP_MARKER : out;
}
