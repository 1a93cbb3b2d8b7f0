import type { FieldErrors } from '../../../lib/errors';
import {
  emptyFormValues as emptyTableValues,
  formHelpers,
  formToInput,
  formValuesFromBody as tableValuesFromBody,
  formValuesFromContent,
  markdownKeys,
  requiredPaths,
  type FormValuesOf,
} from '../../../lib/versioned';
import { missingForConsultation } from '../domain/content';
import { RECOMMENDATION_FIELDS } from '../domain/recommendation-fields';
import type { EditForm } from '../use-cases/editing';

/**
 * The long recommendation form between the browser and the service: inputs, their ids, names, labels and
 * limits all come from the field table (server/lib/versioned); this file adds the revision.
 */

/** Empty row groups offered under the filled ones, for actions and indicators. */
export const EMPTY_ROWS = 3;

export type FormValues = FormValuesOf<typeof RECOMMENDATION_FIELDS> & { revision: string };

export const FORM = formHelpers(RECOMMENDATION_FIELDS, {
  labelPrefix: 'recommendations.field',
  rowLabel: (rows, n) => ({ key: `recommendations.form.${rows}_row`, params: { n } }),
});

export const MARKDOWN_FIELDS = markdownKeys(RECOMMENDATION_FIELDS);

/** Fields consultation requires (labels in the form carry a marker). */
export const REQUIRED: ReadonlySet<string> = new Set(requiredPaths(RECOMMENDATION_FIELDS));

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const emptyFormValues = (): FormValues => ({ ...emptyTableValues(RECOMMENDATION_FIELDS), revision: '' });

/** What the person typed, from any body: text kept as typed, anything else dropped, fully empty rows left out. */
export function formValuesFromBody(body: unknown): FormValues {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...tableValuesFromBody(RECOMMENDATION_FIELDS, b), revision: str(b.revision) };
}

export const formValuesFromEdit = (edit: EditForm): FormValues => ({
  ...formValuesFromContent(RECOMMENDATION_FIELDS, edit.content),
  revision: String(edit.revision),
});

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

/**
 * The service input for the typed values. Every field is present, so an emptied field clears the stored
 * value; an unchosen select (measure group, priority) is "not given".
 */
export function toServiceInput(v: FormValues): Record<string, unknown> {
  const input = formToInput(RECOMMENDATION_FIELDS, v);
  return { ...input, measureGroup: blankToUndefined(input.measureGroup), priority: blankToUndefined(input.priority) };
}

/** What consultation would still need in the typed values (shown beside the form, never blocking a save). */
export function missingFromValues(v: FormValues): FieldErrors {
  return missingForConsultation(toServiceInput(v));
}
