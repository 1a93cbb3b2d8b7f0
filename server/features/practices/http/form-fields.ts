import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../../../lib/errors';
import type { Translate } from '../../../lib/i18n';
import { canonical, firstRowLeaf, formKeyMatcher, inputLimits, labelKeyOf } from '../../../lib/versioned';
import { PLACE_FIELDS, PRACTICE_FIELDS } from '../domain/practice-fields';
import { MARKDOWN_FIELDS, type FormValues } from './form';
import type { ContentJson } from '../use-cases/presenters';

/**
 * The long form's fields by key (`indicators.1.value`): their ids, names and labels, the service's messages
 * mapped onto them, the error summary, and what an edit conflict shows beside the form.
 */

// `attachments`: the new-practice form's file field.
const hasInput = formKeyMatcher(PRACTICE_FIELDS, ['city', 'cityName', 'country', 'attachments']);
const ROW_FIRST_LEAF = firstRowLeaf(PRACTICE_FIELDS);

/**
 * The service's field paths as form keys: a copy prefix (`working.`) is dropped, a message about a
 * whole row goes to its first input, and anything the form has no input for goes to the summary (`_form`).
 */
export function formErrors(fields: FieldErrors): FieldErrors {
  const out = fieldErrorMap();
  for (const [path, messages] of Object.entries(fields)) {
    let key = path.replace(/^(working|published)\./, '');
    const row = /^(\w+)\.\d+$/.exec(key);
    if (row && Object.hasOwn(ROW_FIRST_LEAF, row[1]!)) key += `.${ROW_FIRST_LEAF[row[1]!]}`;
    if (!hasInput(key)) key = '_form';
    addFieldErrors(out, key, ...messages);
  }
  return out;
}

export const mergeErrors = (...all: FieldErrors[]): FieldErrors => {
  const out = fieldErrorMap();
  for (const fields of all) for (const [key, messages] of Object.entries(fields)) addFieldErrors(out, key, ...messages);
  return out;
};

/** The longest value each input takes (`maxlength`), from the field table: templates print it, never a number of their own. */
const FIELD_LIMITS = new Map(Object.entries({ ...inputLimits(PRACTICE_FIELDS), ...inputLimits(PLACE_FIELDS) }));
export const fieldMax = (key: string): number | undefined => FIELD_LIMITS.get(key.replace(/\.\d+\./, '.'));

/** The id of a field's input: `indicators.1.value` → `indicators-1-value`. */
export const fieldId = (key: string) => key.replace(/\./g, '-');

/** The name the body parser reads back into the same shape: `indicators.1.value` → `indicators[1][value]`. */
export const fieldName = (key: string) => {
  const [head = '', ...rest] = key.split('.');
  return head + rest.map((part) => `[${part}]`).join('');
};

const LABELS_TABLE = { ...PRACTICE_FIELDS, ...PLACE_FIELDS };

/** The translation key of a field's label. */
export const fieldLabelKey = (key: string) => labelKeyOf(LABELS_TABLE, 'practices.field', key);

/** The error summary's entries: each message with a link to its input. */
export function errorSummary(errors: FieldErrors, t: Translate): { href: string | undefined; text: string }[] {
  return Object.entries(errors).flatMap(([key, messages]) => {
    const row = /^(indicators|sources)\.(\d+)\.(\w+)$/.exec(key);
    let label: string | undefined;
    if (row) {
      const [, list, index, part] = row;
      label = `${t(`practices.form.${list}_row`, { n: Number(index) + 1 })}: ${t(fieldLabelKey(`${list}.${index}.${part}`))}`;
    } else if (key !== '_form') label = t(fieldLabelKey(key));
    return messages.map((message) => ({
      href: key === '_form' ? undefined : `#${fieldId(key)}`,
      text: label ? `${label}: ${t(message)}` : t(message),
    }));
  });
}

const text = (value: number | string | undefined | null) =>
  value === undefined || value === null ? '' : String(value);

const CONFLICT_FIELDS = ['title', 'summary', 'stakeholders', ...MARKDOWN_FIELDS] as const;

/**
 * The stored texts that differ from what the person typed, shown beside the form after an edit
 * conflict, plus whether other parts (lists, place, attachments) changed too.
 */
export function conflictView(stored: ContentJson, typed: FormValues) {
  const texts = CONFLICT_FIELDS.filter((field) => (stored[field] ?? '').trim() !== typed[field].trim()).map(
    (field) => ({
      field,
      id: fieldId(field),
      value: stored[field] ?? '',
    }),
  );
  const typedIndicators = typed.indicators.map((row) => ({ ...row }));
  const storedIndicators = stored.indicators.map((i) => ({
    name: i.name,
    baseline: text(i.baseline),
    value: text(i.value),
    unit: i.unit,
    year: text(i.year),
  }));
  return {
    texts,
    indicators: canonical(storedIndicators) === canonical(typedIndicators) ? undefined : stored.indicators,
    stored,
  };
}
