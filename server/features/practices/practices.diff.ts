import { diffArrays, diffWordsWithSpace } from 'diff';
import { canonical } from './practices.content';
import type { PracticeSnapshot } from './practices.model';

export type TextPart = { value: string; added: boolean; removed: boolean };
export type ListItem = { value: unknown; change: 'added' | 'removed' | 'unchanged' };

/** One field's difference between two revisions, in a form a page can print without further work. */
export type FieldDiff =
  | { field: string; kind: 'text'; parts: TextPart[] }
  | { field: string; kind: 'list'; items: ListItem[] }
  | { field: string; kind: 'value'; before: unknown; after: unknown };

const TEXT_FIELDS = [
  'title',
  'summary',
  'stakeholders',
  'description',
  'results',
  'transferability',
  'lessons',
] as const;
const LIST_FIELDS = ['themes', 'targetGroups', 'indicators', 'sources', 'attachments'] as const;
const VALUE_FIELDS = ['city', 'cityName', 'country', 'period', 'budget', 'contact', 'language', 'event'] as const;

// Beyond this many edits two texts are better shown as "replaced" than as a confetti of fragments,
// and it bounds the work for two unrelated 20 000-character texts.
const MAX_EDIT_LENGTH = 4000;

function textDiff(before: string, after: string): TextPart[] {
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) {
    return [
      ...(before ? [{ value: before, added: false, removed: true }] : []),
      ...(after ? [{ value: after, added: true, removed: false }] : []),
    ];
  }
  return changes.map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
}

/** Lists compare item by item (an edited indicator shows as the old one removed and the new one added). */
function listDiff(before: unknown[], after: unknown[]): ListItem[] {
  const items: ListItem[] = [];
  const changes = diffArrays(before, after, { comparator: (a, b) => canonical(a) === canonical(b) });
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'unchanged';
    for (const value of change.value) items.push({ value, change: kind });
  }
  return items;
}

// What a reader recognises an attachment by; the stored name is an internal detail.
const attachmentFace = (a: unknown) => {
  const { id, originalName, mimeType, size, sha256 } = a as Record<string, unknown>;
  return { id, originalName, mimeType, size, sha256 };
};

/** The fields that differ from revision `a` to revision `b`, each as a readable diff. */
export function diffSnapshots(a: Partial<PracticeSnapshot>, b: Partial<PracticeSnapshot>): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of TEXT_FIELDS) {
    const before = a[field] ?? '';
    const after = b[field] ?? '';
    if (before !== after) diffs.push({ field, kind: 'text', parts: textDiff(before, after) });
  }
  for (const field of LIST_FIELDS) {
    const face = field === 'attachments' ? attachmentFace : (x: unknown) => x;
    const before = ((a[field] ?? []) as unknown[]).map(face);
    const after = ((b[field] ?? []) as unknown[]).map(face);
    if (canonical(before) !== canonical(after)) diffs.push({ field, kind: 'list', items: listDiff(before, after) });
  }
  for (const field of VALUE_FIELDS) {
    const before = a[field];
    const after = b[field];
    if (canonical(before ?? null) !== canonical(after ?? null)) diffs.push({ field, kind: 'value', before, after });
  }
  return diffs;
}
