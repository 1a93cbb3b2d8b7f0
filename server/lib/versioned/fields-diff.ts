import { diffArrays, diffWordsWithSpace } from 'diff';
import type { Field, FieldTable, Leaf } from './field-table';

/** JSON with sorted keys and without undefined, so equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** How a field compares between two versions: as words, as a list of items, as a set, or as one value. */
export type DiffKind = 'text' | 'list' | 'set' | 'value';

export function diffKindOf(field: Field | Leaf): DiffKind {
  switch (field.kind) {
    case 'text':
      return 'text';
    case 'slugs':
    case 'choices':
      return 'set';
    case 'rows':
      return 'list';
    case 'custom':
      return field.diff;
    default:
      return 'value';
  }
}

export type TextPart = { value: string; added: boolean; removed: boolean };
export type ListItem = { value: unknown; change: 'added' | 'removed' | 'unchanged' };

/** One field's difference between two versions, in a form a page can print without further work. */
export type FieldDiff =
  | { field: string; kind: 'text'; parts: TextPart[] }
  | { field: string; kind: 'list'; items: ListItem[] }
  | { field: string; kind: 'value'; before: unknown; after: unknown };

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

/** Lists compare item by item (an edited row shows as the old one removed and the new one added). */
function listDiff(before: unknown[], after: unknown[]): ListItem[] {
  const items: ListItem[] = [];
  const changes = diffArrays(before, after, { comparator: (a, b) => canonical(a) === canonical(b) });
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'unchanged';
    for (const value of change.value) items.push({ value, change: kind });
  }
  return items;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
const asList = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
const faceOf = (field: Field) => (field.kind === 'custom' && field.face ? field.face : (x: unknown) => x);

/** Whether a field's value is the same in both versions (sets ignore order). */
function same(field: Field, a: unknown, b: unknown): boolean {
  const kind = diffKindOf(field);
  if (kind === 'set') return canonical([...asList(a)].map(String).sort()) === canonical([...asList(b)].map(String).sort());
  if (kind === 'list') return canonical(asList(a).map(faceOf(field))) === canonical(asList(b).map(faceOf(field)));
  if (kind === 'text') return (a ?? '') === (b ?? '');
  return canonical(a ?? null) === canonical(b ?? null);
}

type Loose = Record<string, unknown>;

/** Which fields differ, in the order the table lists them. */
export function changedFields(table: FieldTable, before: object, after: object): string[] {
  const a = before as Loose;
  const b = after as Loose;
  return Object.entries(table)
    .filter(([key, field]) => !same(field, a[key], b[key]))
    .map(([key]) => key);
}

/** The fields that differ from version `a` to version `b`, each as a readable diff: texts, then lists, then values. */
export function diffVersions(table: FieldTable, before: object, after: object): FieldDiff[] {
  const a = before as Loose;
  const b = after as Loose;
  const diffs: Record<'text' | 'list' | 'value', FieldDiff[]> = { text: [], list: [], value: [] };
  for (const [key, field] of Object.entries(table)) {
    if (same(field, a[key], b[key])) continue;
    const kind = diffKindOf(field);
    if (kind === 'text') diffs.text.push({ field: key, kind: 'text', parts: textDiff(textOf(a[key]), textOf(b[key])) });
    else if (kind === 'list' || kind === 'set') {
      const face = faceOf(field);
      diffs.list.push({ field: key, kind: 'list', items: listDiff(asList(a[key]).map(face), asList(b[key]).map(face)) });
    } else diffs.value.push({ field: key, kind: 'value', before: a[key], after: b[key] });
  }
  return [...diffs.text, ...diffs.list, ...diffs.value];
}
