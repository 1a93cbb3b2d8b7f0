import type { FieldErrors } from '../../../lib/errors';
import { addFieldErrors, fieldErrorMap } from '../../../lib/errors';
import { applyChanges as applyTableChanges, changedFields as tableChangedFields, emptyOf, missingFields } from '../../../lib/versioned';
import { CHANGE_TABLE, PLACE_FIELDS, PRACTICE_FIELDS, type PracticeContent } from './practice-fields';
import type { PracticeChanges } from './input';

export function emptyContent(title: string): PracticeContent {
  return { ...emptyOf(PRACTICE_FIELDS), title };
}

/** The content after a partial update: a given field replaces the old value whole, a missing one stays. */
export const applyChanges = (current: PracticeContent, changes: PracticeChanges): PracticeContent =>
  applyTableChanges(PRACTICE_FIELDS, current, changes);

/** Which fields differ, content and place, in the order the record lists them. */
export const changedFields = (before: object, after: object): string[] => tableChangedFields(CHANGE_TABLE, before, after);

const REQUIRED = 'practices.error.required_for_submission';

/** What submission needs and this practice lacks, by field; empty when it can be submitted. */
export function missingForSubmission(doc: { working: Partial<PracticeContent>; city: string; country: string }): FieldErrors {
  const content = missingFields(PRACTICE_FIELDS, doc.working, REQUIRED);
  const place = missingFields(PLACE_FIELDS, { city: doc.city, country: doc.country }, REQUIRED);
  // Reported in the form's order: title and summary, then the place, then the rest.
  const out = fieldErrorMap();
  const ordered = [...Object.keys(content).slice(0, 2), ...Object.keys(place), ...Object.keys(content).slice(2)];
  for (const key of ordered) addFieldErrors(out, key, ...(content[key] ?? place[key] ?? []));
  return out;
}
