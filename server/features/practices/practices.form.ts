import type { FieldErrors } from '../../lib/errors';
import { emptyContent, missingForSubmission } from './practices.content';
import type { EditForm } from './practices.editing';
import type { PracticeContent } from './practices.model';

/**
 * The long practice form between the browser and the service: what the person typed, kept as text so a
 * re-rendered form shows it exactly, and the service input built from it (field keys and messages are in
 * practices.form-fields.ts).
 */

/** The city select's value for "another European city" (name and country typed in). */
export const OTHER_CITY = 'other';
/** Empty row groups offered under the filled ones, for indicators and sources. */
export const EMPTY_ROWS = 3;

export type IndicatorRow = { name: string; baseline: string; value: string; unit: string; year: string };
export type SourceRow = { title: string; url: string };

export type FormValues = {
  revision: string;
  title: string;
  summary: string;
  city: string;
  cityName: string;
  country: string;
  themes: string[];
  targetGroups: string[];
  period: { startYear: string; endYear: string; ongoing: boolean };
  budget: { amountEur: string; fundingSources: string };
  stakeholders: string;
  description: string;
  results: string;
  transferability: string;
  lessons: string;
  indicators: IndicatorRow[];
  sources: SourceRow[];
  contact: { name: string; organisation: string; email: string };
  language: string;
  event: string;
};

export const MARKDOWN_FIELDS = ['description', 'results', 'transferability', 'lessons'] as const;
const INDICATOR_KEYS = ['name', 'baseline', 'value', 'unit', 'year'] as const;
const SOURCE_KEYS = ['title', 'url'] as const;

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/** Rows as an array in index order, whether the parser gave an array or an index-keyed object. */
function rowList(value: unknown): Loose[] {
  if (Array.isArray(value)) return value.map(asObject);
  const entries = Object.entries(asObject(value)).filter(([key]) => /^\d{1,3}$/.test(key));
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, row]) => asObject(row));
}

const pick = <K extends string>(row: Loose, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, str(row[key])])) as Record<K, string>;
const filled = (row: Record<string, string>) => Object.values(row).some((v) => v.trim() !== '');

export function emptyFormValues(overrides: Partial<FormValues> = {}): FormValues {
  return {
    revision: '',
    title: '',
    summary: '',
    city: '',
    cityName: '',
    country: '',
    themes: [],
    targetGroups: [],
    period: { startYear: '', endYear: '', ongoing: false },
    budget: { amountEur: '', fundingSources: '' },
    stakeholders: '',
    description: '',
    results: '',
    transferability: '',
    lessons: '',
    indicators: [],
    sources: [],
    contact: { name: '', organisation: '', email: '' },
    language: '',
    event: '',
    ...overrides,
  };
}

/**
 * What the person typed, from any body: text is kept as typed, anything that is not text is dropped,
 * and fully empty indicator and source rows are left out (the service numbers the remaining rows).
 */
export function formValuesFromBody(body: unknown): FormValues {
  const b = asObject(body);
  const period = asObject(b.period);
  const budget = asObject(b.budget);
  const contact = asObject(b.contact);
  return {
    revision: str(b.revision),
    title: str(b.title),
    summary: str(b.summary),
    city: str(b.city),
    cityName: str(b.cityName),
    country: str(b.country),
    themes: strings(b.themes),
    targetGroups: strings(b.targetGroups),
    period: { startYear: str(period.startYear), endYear: str(period.endYear), ongoing: str(period.ongoing) !== '' },
    budget: { amountEur: str(budget.amountEur), fundingSources: str(budget.fundingSources) },
    stakeholders: str(b.stakeholders),
    description: str(b.description),
    results: str(b.results),
    transferability: str(b.transferability),
    lessons: str(b.lessons),
    indicators: rowList(b.indicators)
      .map((row) => pick(row, INDICATOR_KEYS))
      .filter(filled),
    sources: rowList(b.sources)
      .map((row) => pick(row, SOURCE_KEYS))
      .filter(filled),
    contact: { name: str(contact.name), organisation: str(contact.organisation), email: str(contact.email) },
    language: str(b.language),
    event: str(b.event),
  };
}

const text = (value: number | string | undefined | null) =>
  value === undefined || value === null ? '' : String(value);

/** The stored working copy as form values. */
export function formValuesFromEdit(edit: EditForm, networkCities: ReadonlySet<string>): FormValues {
  const c = edit.content;
  const network = networkCities.has(edit.location.city);
  return {
    revision: String(edit.revision),
    title: c.title,
    summary: c.summary,
    city: network ? edit.location.city : OTHER_CITY,
    cityName: network ? '' : edit.location.cityName,
    country: network ? '' : edit.location.country,
    themes: [...c.themes],
    targetGroups: [...c.targetGroups],
    period: {
      startYear: text(c.period?.startYear),
      endYear: text(c.period?.endYear),
      ongoing: Boolean(c.period?.ongoing),
    },
    budget: { amountEur: text(c.budget?.amountEur), fundingSources: text(c.budget?.fundingSources) },
    stakeholders: c.stakeholders,
    description: c.description,
    results: c.results,
    transferability: c.transferability,
    lessons: c.lessons,
    indicators: c.indicators.map((i) => ({
      name: i.name,
      baseline: text(i.baseline),
      value: text(i.value),
      unit: i.unit,
      year: text(i.year),
    })),
    sources: c.sources.map((s) => ({ title: s.title, url: s.url })),
    contact: {
      name: text(c.contact?.name),
      organisation: text(c.contact?.organisation),
      email: text(c.contact?.email),
    },
    language: text(c.language),
    event: text(c.event),
  };
}

/**
 * A typed number: spaces as thousands separators and a decimal comma (as Latvian writes it) are
 * accepted. Anything else is passed on as typed so the service names the field.
 */
export function typedNumber(value: string): number | string | undefined {
  const compact = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return undefined;
  const normal = /^[-+]?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
  const number = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : NaN;
  return Number.isFinite(number) ? number : value;
}

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
    title: v.title,
    summary: v.summary,
    city: other ? undefined : v.city,
    cityName: other ? v.cityName : undefined,
    country: other ? v.country : undefined,
    themes: v.themes,
    targetGroups: v.targetGroups,
    period: {
      startYear: typedNumber(v.period.startYear),
      endYear: typedNumber(v.period.endYear),
      ongoing: v.period.ongoing,
    },
    budget: { amountEur: typedNumber(v.budget.amountEur), fundingSources: v.budget.fundingSources },
    stakeholders: v.stakeholders,
    description: v.description,
    results: v.results,
    transferability: v.transferability,
    lessons: v.lessons,
    indicators: v.indicators.map((row) => ({
      name: row.name,
      baseline: typedNumber(row.baseline),
      value: typedNumber(row.value),
      unit: row.unit,
      year: typedNumber(row.year),
    })),
    sources: v.sources.map((row) => ({ title: row.title, url: row.url })),
    contact: { name: v.contact.name, organisation: v.contact.organisation, email: v.contact.email },
    language: v.language,
    event: v.event,
  };
  return { input, errors };
}

/** Fields that submission requires, as the service decides it (labels in the form carry a marker). */
export const REQUIRED_FOR_SUBMISSION: ReadonlySet<string> = new Set(
  Object.keys(missingForSubmission({ working: emptyContent(''), city: '', country: '' })),
);

/** What submission would refuse in the typed values, checked before anything is saved. */
export function missingFromValues(v: FormValues): FieldErrors {
  const other = v.city === OTHER_CITY;
  const working = {
    ...emptyContent(v.title),
    summary: v.summary,
    themes: v.themes,
    targetGroups: v.targetGroups,
    period: { startYear: typedNumber(v.period.startYear) as number | undefined, ongoing: v.period.ongoing },
    description: v.description,
    results: v.results,
    language: (v.language || undefined) as PracticeContent['language'],
    contact: { name: v.contact.name },
  };
  const city = other ? v.cityName.trim() : v.city;
  const country = other ? v.country.trim() : v.city ? 'network' : '';
  return missingForSubmission({ working, city, country });
}
