import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../../lib/errors';
import type { Translate } from '../../lib/i18n';
import { canonical } from './practices.content';
import { MARKDOWN_FIELDS, type FormValues } from './practices.form';
import type { ContentJson } from './practices.view';

/**
 * The long form's fields by key (`indicators.1.value`): their ids, names and labels, the service's messages
 * mapped onto them, the error summary, and what an edit conflict shows beside the form.
 */

const STATIC_FIELDS = new Set([
  'title', 'summary', 'city', 'cityName', 'country', 'themes', 'targetGroups', 'period', 'period.startYear',
  'period.endYear', 'period.ongoing', 'budget', 'budget.amountEur', 'budget.fundingSources', 'stakeholders',
  'description', 'results', 'transferability', 'lessons', 'indicators', 'sources', 'contact', 'contact.name',
  'contact.organisation', 'contact.email', 'language', 'event',
]); // prettier-ignore
const ROW_FIELD = /^(indicators\.\d+\.(name|baseline|value|unit|year)|sources\.\d+\.(title|url))$/;

/**
 * The service's field paths as form keys: a copy prefix (`working.`) is dropped, a message about a
 * whole row goes to its first input, and anything the form has no input for goes to the summary (`_form`).
 */
export function formErrors(fields: FieldErrors): FieldErrors {
  const out = fieldErrorMap();
  for (const [path, messages] of Object.entries(fields)) {
    let key = path.replace(/^(working|published)\./, '');
    if (/^indicators\.\d+$/.test(key)) key += '.name';
    if (/^sources\.\d+$/.test(key)) key += '.title';
    if (!STATIC_FIELDS.has(key) && !ROW_FIELD.test(key)) key = '_form';
    addFieldErrors(out, key, ...messages);
  }
  return out;
}

export const mergeErrors = (...all: FieldErrors[]): FieldErrors => {
  const out = fieldErrorMap();
  for (const fields of all) for (const [key, messages] of Object.entries(fields)) addFieldErrors(out, key, ...messages);
  return out;
};

/** The id of a field's input: `indicators.1.value` → `indicators-1-value`. */
export const fieldId = (key: string) => key.replace(/\./g, '-');

/** The name the body parser reads back into the same shape: `indicators.1.value` → `indicators[1][value]`. */
export const fieldName = (key: string) => {
  const [head = '', ...rest] = key.split('.');
  return head + rest.map((part) => `[${part}]`).join('');
};

const FIELD_LABELS: Record<string, string> = {
  'period.startYear': 'practices.field.start_year',
  'period.endYear': 'practices.field.end_year',
  'period.ongoing': 'practices.field.ongoing',
  period: 'practices.field.period',
  budget: 'practices.field.budget',
  'budget.amountEur': 'practices.field.amount_eur',
  'budget.fundingSources': 'practices.field.funding_sources',
  contact: 'practices.field.contact',
  'contact.name': 'practices.field.contact_name',
  'contact.organisation': 'practices.field.contact_organisation',
  'contact.email': 'practices.field.contact_email',
  cityName: 'practices.field.city_name',
  targetGroups: 'practices.field.target_groups',
};

/** The translation key of a field's label. */
export const fieldLabelKey = (key: string) => FIELD_LABELS[key] ?? `practices.field.${key}`;

/** The error summary's entries: each message with a link to its input. */
export function errorSummary(errors: FieldErrors, t: Translate): { href: string | undefined; text: string }[] {
  return Object.entries(errors).flatMap(([key, messages]) => {
    const row = /^(indicators|sources)\.(\d+)\.(\w+)$/.exec(key);
    let label: string | undefined;
    if (row) {
      const [, list, index, part] = row;
      label = `${t(`practices.form.${list}_row`, { n: Number(index) + 1 })}: ${t(`practices.field.${list}.${part}`)}`;
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
