import { stringify } from 'csv-stringify/sync';
import type { Translate } from '../../../lib/i18n';
import { COLUMN_NAMES, formulaSafe, inputToCells } from '../domain/columns';
import type { ImportsDeps } from './ports';

/**
 * The template people fill in: the header derived from the field table and one complete example row
 * (valid against today's cities and vocabularies, so importing the template as it is works). UTF-8 with
 * a byte-order mark, so Excel opens it with the right letters.
 */
export async function templateCsv(deps: Pick<ImportsDeps, 'network' | 'vocabularies'>, t: Translate, locale: string): Promise<string> {
  const [cities, vocabularies] = await Promise.all([deps.network.listCities(), deps.vocabularies.all()]);
  const city = cities[0];
  const example = {
    title: t('imports.template.title'),
    summary: t('imports.template.summary'),
    city: city?.slug,
    cityName: city?.name,
    country: city?.country,
    themes: vocabularies.theme.slice(0, 2).map((term) => term.slug),
    targetGroups: vocabularies['target-group'].slice(0, 1).map((term) => term.slug),
    period: { startYear: 2021, ongoing: true },
    budget: { amountEur: 150000, fundingSources: t('imports.template.funding') },
    stakeholders: t('imports.template.stakeholders'),
    description: t('imports.template.description'),
    results: t('imports.template.results'),
    indicators: [{ name: t('imports.template.indicator'), baseline: 0, value: 120, unit: t('imports.template.unit'), year: 2023 }],
    sources: [{ title: t('imports.template.source'), url: 'https://example.org/decision' }],
    contact: { name: t('imports.template.contact'), organisation: t('imports.template.organisation'), email: 'contact@example.org' },
    language: locale,
    illustrative: true,
  };
  const rows = [[...COLUMN_NAMES], inputToCells(example)].map((row) => row.map(formulaSafe));
  return `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`;
}
