import type { User } from '../../server/features/users/users.service';
import { completePracticeBody } from './factories';
import type { TestContext } from './test-context';

/**
 * Helpers for the practice pages' tests: form bodies as a browser sends them (bracketed names, every
 * field present, empty row groups included) and practices set up through the service.
 */

export type Pair = readonly [string, string];

/** `application/x-www-form-urlencoded` exactly as a browser encodes the pairs, repeated names included. */
export function encodeForm(pairs: readonly Pair[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of pairs) params.append(name, value);
  return params.toString();
}

export type IndicatorValues = { name: string; baseline: string; value: string; unit: string; year: string };

export type PracticeFormValues = {
  title: string;
  summary: string;
  titleEn: string;
  summaryEn: string;
  city: string;
  cityName: string;
  country: string;
  themes: string[];
  targetGroups: string[];
  startYear: string;
  endYear: string;
  ongoing: boolean;
  amountEur: string;
  fundingSources: string;
  stakeholders: string;
  description: string;
  results: string;
  transferability: string;
  lessons: string;
  indicators: IndicatorValues[];
  sources: { title: string; url: string }[];
  contactName: string;
  contactOrganisation: string;
  contactEmail: string;
  language: string;
  event: string;
};

/** A complete practice as the form holds it (Daugavpils). */
export function completeFormValues(overrides: Partial<PracticeFormValues> = {}): PracticeFormValues {
  return {
    title: 'Youth council with a real budget',
    summary: 'Young people decide how a part of the city budget is spent.',
    titleEn: 'Youth council with a real budget (in English)',
    summaryEn: 'Young people decide how part of the city budget is spent.',
    city: 'daugavpils',
    cityName: '',
    country: '',
    themes: ['youth-retention', 'civic-participation'],
    targetGroups: ['youth'],
    startYear: '2018',
    endYear: '',
    ongoing: true,
    amountEur: '12 500,50',
    fundingSources: 'City budget',
    stakeholders: 'Youth centre; schools',
    description: 'The council meets **monthly** and votes on projects.',
    results: '- 40 projects funded\n- turnout rose',
    transferability: 'Any city with a youth centre can start it.',
    lessons: 'Give the council real money from the start.',
    indicators: [{ name: 'Projects funded', baseline: '0', value: '40', unit: 'projects', year: '2019' }],
    sources: [{ title: 'Council report 2019', url: 'https://example.org/youth-council' }],
    contactName: 'Anna Example',
    contactOrganisation: 'Daugavpils Youth Centre',
    contactEmail: 'anna@example.lv',
    language: 'lv',
    event: '2019-02-palermo-youth',
    ...overrides,
  };
}

/** The pairs the long form sends: the typed rows followed by the three empty ones the page adds. */
export function practiceFormPairs(v: PracticeFormValues, extra: readonly Pair[] = []): Pair[] {
  const pairs: Pair[] = [
    ['title', v.title],
    ['summary', v.summary],
    ['titleEn', v.titleEn],
    ['summaryEn', v.summaryEn],
    ['city', v.city],
    ['cityName', v.cityName],
    ['country', v.country],
    ...v.themes.map((slug): Pair => ['themes', slug]),
    ...v.targetGroups.map((slug): Pair => ['targetGroups', slug]),
    ['period[startYear]', v.startYear],
    ['period[endYear]', v.endYear],
    ...(v.ongoing ? [['period[ongoing]', 'true'] as Pair] : []),
    ['budget[amountEur]', v.amountEur],
    ['budget[fundingSources]', v.fundingSources],
    ['stakeholders', v.stakeholders],
    ['description', v.description],
    ['results', v.results],
    ['transferability', v.transferability],
    ['lessons', v.lessons],
  ];
  const indicators = [
    ...v.indicators,
    ...Array.from({ length: 3 }, () => ({ name: '', baseline: '', value: '', unit: '', year: '' })),
  ];
  indicators.forEach((row, i) => {
    for (const key of ['name', 'baseline', 'value', 'unit', 'year'] as const)
      pairs.push([`indicators[${i}][${key}]`, row[key]]);
  });
  const sources = [...v.sources, ...Array.from({ length: 3 }, () => ({ title: '', url: '' }))];
  sources.forEach((row, i) => {
    pairs.push([`sources[${i}][title]`, row.title], [`sources[${i}][url]`, row.url]);
  });
  pairs.push(
    ['contact[name]', v.contactName],
    ['contact[organisation]', v.contactOrganisation],
    ['contact[email]', v.contactEmail],
    ['language', v.language],
    ['event', v.event],
    ...extra,
  );
  return pairs;
}

/** A draft created through the service as `author`. */
export async function draftPractice(ctx: TestContext, author: User, overrides: Record<string, unknown> = {}) {
  return ctx.services.practices.create(author, completePracticeBody(overrides));
}

/** A practice written by `author`, submitted, and published by `coordinator`. */
export async function publishedPractice(
  ctx: TestContext,
  author: User,
  coordinator: User,
  overrides: Record<string, unknown> = {},
) {
  const draft = await draftPractice(ctx, author, overrides);
  await ctx.services.practices.submit(author, draft.id);
  return ctx.services.practices.publish(coordinator, draft.id);
}

/** The value of an input or the text of a textarea, by id, HTML entities decoded as a browser would. */
export function fieldValue(html: string, id: string): string | undefined {
  const input = new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  if (input) return decodeEntities(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '');
  const textarea = new RegExp(`<textarea[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return textarea ? decodeEntities(textarea[1] ?? '') : undefined;
}

/** Whether the checkbox or option with this value is checked/selected. */
export function isChecked(html: string, id: string): boolean {
  return new RegExp(`<input[^>]*\\bid="${id}"[^>]*\\bchecked`).test(html);
}

export function selectedValue(html: string, selectId: string): string | undefined {
  const select = new RegExp(`<select[^>]*\\bid="${selectId}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected>/.exec(select)?.[1];
}

/** The messages printed beside a field (field-errors partial: `<p class="field-error" id="<key>-error">`). */
export function fieldErrorText(html: string, key: string): string | undefined {
  const escaped = key.replace(/\./g, '\\.');
  return new RegExp(`<p class="field-error" id="${escaped}-error">([^<]*)</p>`).exec(html)?.[1];
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
