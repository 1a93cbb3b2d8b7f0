import { z } from 'zod';
import { addFieldErrors, fieldErrorMap, ValidationError, type FieldErrors } from '../../lib/errors';
import { parseInput } from '../../lib/validate';
import {
  blankToUndefined,
  defineFields,
  inputShape,
  objectError,
  optionalInput,
  type ContentOf,
} from '../../lib/versioned';

/**
 * One cell of the adoption tracker: whether and where a partner city took a recommendation into its plans.
 * The field table is the one definition: the stored shape, the API input, the history's diff and the
 * limits the form prints are derived from it.
 */

export const E = (key: string) => `adoption.error.${key}`;

/** In the order a city goes through them; "not adopted" is a decision too and needs a reason. */
export const ADOPTION_STATUSES = [
  'not-considered',
  'under-consideration',
  'adopted',
  'implementing',
  'not-adopted',
] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];
/** A cell nobody has recorded yet reads as this. */
export const UNRECORDED: AdoptionStatus = 'not-considered';
/** The statuses that say the recommendation is in a city's planning: they name the document. */
export const IN_PLANS: readonly AdoptionStatus[] = ['adopted', 'implementing'];

export const FIRST_PLAN_YEAR = 1990;
export const LAST_PLAN_YEAR = 2100;

export const ADOPTION_FIELDS = defineFields({
  status: { kind: 'enum', values: ADOPTION_STATUSES, message: 'status' },
  reason: { kind: 'text', max: 2000, format: 'plain', optional: true },
  document: {
    kind: 'group',
    fields: {
      name: { kind: 'text', max: 300, optional: true },
      year: {
        kind: 'number',
        min: FIRST_PLAN_YEAR,
        max: LAST_PLAN_YEAR,
        int: true,
        message: 'year',
        optional: true,
        inputMax: 4,
      },
      url: { kind: 'url', max: 2000, optional: true },
    },
  },
  note: { kind: 'text', max: 5000, format: 'plain', optional: true },
});

export type AdoptionContent = ContentOf<typeof ADOPTION_FIELDS>;

const revision = z
  .number({ error: E('revision') })
  .int(E('revision'))
  .min(0, E('revision'));

/**
 * What a client sends for a cell: the whole cell (it replaces the stored one) and, optionally, the revision
 * the editor started from (0 for a cell nobody has recorded yet), so a concurrent change is never overwritten.
 */
const shape = inputShape(E, ADOPTION_FIELDS);
export const adoptionInput = z
  // A cell without a planning document may leave the group out.
  .strictObject(
    { ...shape, document: optionalInput(shape.document!), revision: revision.optional() },
    { error: objectError(E) },
  );

export type AdoptionInput = AdoptionContent & { revision?: number | undefined };

const given = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * What a cell's status asks of its other fields. Checked on the input as sent, beside the field checks, so a
 * form with several problems gets every message at once.
 */
function crossFieldErrors(value: unknown): FieldErrors {
  const errors = fieldErrorMap();
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const document = (v.document && typeof v.document === 'object' ? v.document : {}) as Record<string, unknown>;
  const status = v.status as AdoptionStatus;
  if (status === 'not-adopted' && !given(v.reason)) addFieldErrors(errors, 'reason', E('reason_required'));
  if (given(document.name)) return errors;
  if (IN_PLANS.includes(status)) addFieldErrors(errors, 'document.name', E('document_required'));
  else if ((document.year !== undefined && document.year !== '') || given(document.url))
    addFieldErrors(errors, 'document.name', E('document_name_missing'));
  return errors;
}

/** Parses a cell, or refuses it with every message by field (unknown keys named one by one). */
export function parseAdoptionInput(value: unknown): AdoptionInput {
  const cross = crossFieldErrors(value);
  let parsed: AdoptionInput;
  try {
    parsed = parseInput(adoptionInput, value) as AdoptionInput;
  } catch (err) {
    if (err instanceof ValidationError)
      for (const [key, messages] of Object.entries(cross)) addFieldErrors(err.fields, key, ...messages);
    throw err;
  }
  if (Object.keys(cross).length > 0) throw new ValidationError('error.message.validation', cross);
  return parsed;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The form's fields as the API input: text as typed, the year as a number when it is one (anything else is
 * passed on as text, so the same schema refuses it with the same message).
 */
export function formToAdoptionInput(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const document = (b.document && typeof b.document === 'object' ? b.document : {}) as Record<string, unknown>;
  const year = blankToUndefined(text(document.year)?.trim());
  const revisionText = text(b.revision)?.trim();
  return {
    status: text(b.status),
    reason: text(b.reason),
    document: {
      name: text(document.name),
      year: typeof year === 'string' && /^\d{1,4}$/.test(year) ? Number(year) : year,
      url: text(document.url),
    },
    note: text(b.note),
    ...(revisionText && /^\d{1,9}$/.test(revisionText) ? { revision: Number(revisionText) } : {}),
  };
}
