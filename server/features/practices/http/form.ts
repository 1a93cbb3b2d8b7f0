import type { FieldErrors } from '../../../lib/errors';
import {
  emptyFormValues as emptyTableValues,
  formToInput,
  formValuesFromBody as tableValuesFromBody,
  formValuesFromContent,
  markdownKeys,
  requiredPaths,
  typedNumber,
  type FormValuesOf,
} from '../../../lib/versioned';
import { emptyContent, missingForSubmission } from '../domain/content';
import { PLACE_FIELDS, PRACTICE_FIELDS, type PracticeContent } from '../domain/practice-fields';
import type { EditForm } from '../use-cases/editing';

/**
 * The long practice form between the browser and the service. The content's inputs come from the field
 * table (server/lib/versioned/fields-form.ts); this file adds the place and the revision.
 */

/** The city select's value for "another European city" (name and country typed in). */
export const OTHER_CITY = 'other';
/** Empty row groups offered under the filled ones, for indicators and sources. */
export const EMPTY_ROWS = 3;

type Place = { city: string; cityName: string; country: string };
export type FormValues = FormValuesOf<typeof PRACTICE_FIELDS> & Place & { revision: string };

export const MARKDOWN_FIELDS = markdownKeys(PRACTICE_FIELDS) as ('description' | 'results' | 'transferability' | 'lessons')[];

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function emptyFormValues(overrides: Partial<FormValues> = {}): FormValues {
  return { ...emptyTableValues(PRACTICE_FIELDS), revision: '', city: '', cityName: '', country: '', ...overrides };
}

/**
 * What the person typed, from any body: text is kept as typed, anything that is not text is dropped,
 * and fully empty rows are left out (the service numbers the remaining rows).
 */
export function formValuesFromBody(body: unknown): FormValues {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return {
    ...tableValuesFromBody(PRACTICE_FIELDS, b),
    revision: str(b.revision),
    city: str(b.city),
    cityName: str(b.cityName),
    country: str(b.country),
  };
}

/** The stored working copy as form values. */
export function formValuesFromEdit(edit: EditForm, networkCities: ReadonlySet<string>): FormValues {
  const network = networkCities.has(edit.location.city);
  return {
    ...formValuesFromContent(PRACTICE_FIELDS, edit.content),
    revision: String(edit.revision),
    city: network ? edit.location.city : OTHER_CITY,
    cityName: network ? '' : edit.location.cityName,
    country: network ? '' : edit.location.country,
  };
}

export { typedNumber };

/**
 * The service input for the typed values. Every field is present, so an emptied field clears the stored
 * value. The place is a network city's slug, or a name and country for another city; an incomplete
 * "another city" is reported here because the service would otherwise keep the stored place.
 */
export function toServiceInput(v: FormValues): { input: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const other = v.city === OTHER_CITY;
  if (other && !v.cityName.trim()) errors.cityName = ['practices.error.city_required'];
  if (other && !v.country.trim()) errors.country = ['practices.error.country_required'];
  const input: Record<string, unknown> = {
    ...formToInput(PRACTICE_FIELDS, v),
    city: other ? undefined : v.city,
    cityName: other ? v.cityName : undefined,
    country: other ? v.country : undefined,
  };
  return { input, errors };
}

/** Fields that submission may require (labels in the form carry a marker). */
export const REQUIRED_FOR_SUBMISSION: ReadonlySet<string> = new Set([...requiredPaths(PRACTICE_FIELDS), ...requiredPaths(PLACE_FIELDS)]);

/** What submission would refuse in the typed values, checked before anything is saved. */
export function missingFromValues(v: FormValues): FieldErrors {
  const other = v.city === OTHER_CITY;
  const { input } = toServiceInput(v);
  const working = { ...emptyContent(v.title), ...input, language: (v.language || undefined) as PracticeContent['language'] } as Partial<PracticeContent>;
  const city = other ? v.cityName.trim() : v.city;
  const country = other ? v.country.trim() : v.city ? 'network' : '';
  return missingForSubmission({ working, city, country });
}
