import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../errors';
import type { Translate } from '../i18n';
import { inputLimits, labelKeyOf, type FieldTable } from './field-table';
import { firstRowLeaf, formKeyMatcher } from './fields-form';

export type FormHelpers = ReturnType<typeof formHelpers>;

/**
 * What a long form's templates and routes need to know about its fields, derived from the field table:
 * ids, names, labels and limits of the inputs, the service's messages mapped onto inputs, and the error
 * summary. `extra` lists inputs beside the table's (with their label keys and limits).
 */
export function formHelpers(
  table: FieldTable,
  options: {
    labelPrefix: string;
    /** The label of a row group (`Action 2`), by rows field and 1-based number. */
    rowLabel: (rows: string, n: number) => { key: string; params: Record<string, number> };
    extra?: Readonly<Record<string, { label: string; max?: number }>>;
  },
) {
  const extra = options.extra ?? {};
  const hasInput = formKeyMatcher(table, Object.keys(extra));
  const rowFirstLeaf = firstRowLeaf(table);
  const limits = new Map(Object.entries(inputLimits(table)));
  for (const [key, { max }] of Object.entries(extra)) if (max) limits.set(key, max);

  /** The id of a field's input: `actions.1.text` → `actions-1-text`. */
  const fieldId = (key: string) => key.replace(/\./g, '-');
  /** The name the body parser reads back into the same shape: `actions.1.text` → `actions[1][text]`. */
  const fieldName = (key: string) => {
    const [head = '', ...rest] = key.split('.');
    return head + rest.map((part) => `[${part}]`).join('');
  };
  const fieldLabelKey = (key: string) => (Object.hasOwn(extra, key) ? extra[key]!.label : labelKeyOf(table, options.labelPrefix, key));
  /** The longest value an input takes (`maxlength`): templates print it, never a number of their own. */
  const fieldMax = (key: string): number | undefined => limits.get(key.replace(/\.\d+\./, '.'));

  /**
   * The service's field paths as form keys: a message about a whole row goes to its first input, and
   * anything the form has no input for goes to the summary (`_form`).
   */
  function formErrors(fields: FieldErrors, prefix?: RegExp): FieldErrors {
    const out = fieldErrorMap();
    for (const [path, messages] of Object.entries(fields)) {
      let key = prefix ? path.replace(prefix, '') : path;
      const row = /^(\w+)\.\d+$/.exec(key);
      if (row && Object.hasOwn(rowFirstLeaf, row[1]!)) key += `.${rowFirstLeaf[row[1]!]}`;
      if (!hasInput(key)) key = '_form';
      addFieldErrors(out, key, ...messages);
    }
    return out;
  }

  /** The error summary's entries: each message with a link to its input. */
  function errorSummary(errors: FieldErrors, t: Translate): { href: string | undefined; text: string }[] {
    return Object.entries(errors).flatMap(([key, messages]) => {
      const row = /^(\w+)\.(\d+)\.(\w+)$/.exec(key);
      let label: string | undefined;
      if (row) {
        const [, rows = '', index = '0'] = row;
        const group = options.rowLabel(rows, Number(index) + 1);
        label = `${t(group.key, group.params)}: ${t(fieldLabelKey(key))}`;
      } else if (key !== '_form') label = t(fieldLabelKey(key));
      return messages.map((message) => ({
        href: key === '_form' ? undefined : `#${fieldId(key)}`,
        text: label ? `${label}: ${t(message)}` : t(message),
      }));
    });
  }

  return { fieldId, fieldName, fieldLabelKey, fieldMax, formErrors, errorSummary };
}

/** Several maps of field messages as one. */
export function mergeErrors(...all: FieldErrors[]): FieldErrors {
  const out = fieldErrorMap();
  for (const fields of all) for (const [key, messages] of Object.entries(fields)) addFieldErrors(out, key, ...messages);
  return out;
}
