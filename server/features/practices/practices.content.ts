import type { FieldErrors } from '../../lib/errors';
import { CONTENT_FIELDS, type PracticeContent, type PracticeDoc, type PracticeSnapshot } from './practices.model';
import type { PracticeChanges } from './practices.schema';

export function emptyContent(title: string): PracticeContent {
  return {
    title,
    summary: '',
    themes: [],
    targetGroups: [],
    period: { ongoing: false },
    budget: {},
    stakeholders: '',
    description: '',
    results: '',
    transferability: '',
    lessons: '',
    indicators: [],
    sources: [],
    contact: {},
    attachments: [],
  };
}

/** Content fields a client writes (attachments arrive as uploads, and the place is not content). */
const WRITABLE = CONTENT_FIELDS.filter((field) => field !== 'attachments');

/** The content after a partial update: a given field replaces the old value whole, a missing one stays. */
export function applyChanges(current: PracticeContent, changes: PracticeChanges): PracticeContent {
  const next: PracticeContent = { ...current };
  for (const field of WRITABLE) {
    if (!Object.hasOwn(changes, field)) continue;
    (next as Record<string, unknown>)[field] = (changes as Record<string, unknown>)[field];
  }
  return next;
}

/** JSON with sorted keys and without undefined, so equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

const attachmentKey = (value: unknown) => (Array.isArray(value) ? (value as { id: string }[]).map((a) => a.id) : []);

// Themes and target groups are sets: a form that lists them in vocabulary order changes nothing.
const UNORDERED: ReadonlySet<string> = new Set(['themes', 'targetGroups']);
const asSet = (value: unknown) => (Array.isArray(value) ? [...(value as string[])].sort() : []);

type Comparable = Partial<PracticeContent> | Partial<PracticeSnapshot>;

/** Which fields differ, content and place, in the order the record lists them. */
export function changedFields(
  before: Comparable & Partial<Record<'city' | 'country', string>>,
  after: typeof before,
): string[] {
  const fields: string[] = [];
  for (const field of CONTENT_FIELDS) {
    const a = (before as Record<string, unknown>)[field];
    const b = (after as Record<string, unknown>)[field];
    const same =
      field === 'attachments'
        ? canonical(attachmentKey(a)) === canonical(attachmentKey(b))
        : UNORDERED.has(field)
          ? canonical(asSet(a)) === canonical(asSet(b))
          : canonical(a ?? null) === canonical(b ?? null);
    if (!same) fields.push(field);
  }
  for (const field of ['city', 'country'] as const) {
    if ((before[field] ?? null) !== (after[field] ?? null)) fields.push(field);
  }
  return fields;
}

const REQUIRED = 'practices.error.required_for_submission';

/** What submission needs and this practice lacks, by field; empty when it can be submitted. */
export function missingForSubmission(doc: Pick<PracticeDoc, 'working' | 'city' | 'country'>): FieldErrors {
  const c = doc.working;
  const missing: Record<string, boolean> = {
    title: !c.title?.trim(),
    summary: !c.summary?.trim(),
    city: !doc.city,
    country: !doc.country,
    themes: (c.themes ?? []).length === 0,
    targetGroups: (c.targetGroups ?? []).length === 0,
    'period.startYear': c.period?.startYear === undefined || c.period?.startYear === null,
    description: !c.description?.trim(),
    results: !c.results?.trim(),
    language: !c.language,
    'contact.name': !c.contact?.name?.trim(),
  };
  return Object.fromEntries(
    Object.entries(missing)
      .filter(([, isMissing]) => isMissing)
      .map(([field]) => [field, [REQUIRED]]),
  );
}
