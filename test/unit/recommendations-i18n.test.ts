import fs from 'node:fs';
import path from 'node:path';
import { catalogs } from '../../server/lib/i18n';
import { RECOMMENDATION_STATUSES, ROLES } from '../../server/lib/policy';
import {
  COMMENT_KINDS,
  COST_BANDS,
  DIRECTIONS,
  HORIZONS,
  POPULATION_BANDS,
  POPULATION_TRENDS,
  PRIORITIES,
  RECOMMENDATION_FIELDS,
  RECOMMENDATION_STEPS,
  REGIONAL_ROLES,
  REVISION_KINDS,
} from '../../server/features/recommendations';
import { labelKeyOf, fieldEntries } from '../../server/lib/versioned';

const root = path.join(__dirname, '..', '..');
const read = (dir: string, ext: string): string[] =>
  fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8'));

describe('recommendation translations', () => {
  it('when every key the pages and the feature name literally is looked up, then English has it', () => {
    const sources = [...read('views/recommendations', '.ejs'), ...read('server/features/recommendations', '.ts'), ...read('views/search', '.ejs')];
    const keys = new Set(sources.flatMap((text) => [...text.matchAll(/['"]((?:recommendations|search)\.[a-z0-9_.-]+[a-z0-9_])['"]/gi)].map((m) => m[1]!)));
    // A counted sentence is looked up by its bare key and stored by plural form (`key_one`, `key_other`).
    const known = (key: string) => Object.hasOwn(catalogs.en, key) || Object.hasOwn(catalogs.en, `${key}_other`);
    const missing = [...keys].filter((key) => !known(key) && !/\.(error|field)$/.test(key));
    expect(missing).toEqual([]);
  });

  it('when keys are built from a value (status, step, band…), then every value has its translation', () => {
    const families: [string, readonly string[]][] = [
      ['recommendations.status.', RECOMMENDATION_STATUSES],
      ['recommendations.step.', RECOMMENDATION_STEPS],
      ['recommendations.priority.', PRIORITIES],
      ['recommendations.cost.', COST_BANDS],
      ['recommendations.horizon.', HORIZONS],
      ['recommendations.direction.', DIRECTIONS],
      ['recommendations.population.', POPULATION_BANDS],
      ['recommendations.trend.', POPULATION_TRENDS],
      ['recommendations.role_in_region.', REGIONAL_ROLES],
      ['recommendations.role.', ROLES],
      ['recommendations.thread.kind.', COMMENT_KINDS],
      ['recommendations.revision_kind.', REVISION_KINDS],
      ['recommendations.evidence.state.', ['archived', 'deleted', 'unpublished', 'gone']],
    ];
    const labels = fieldEntries(RECOMMENDATION_FIELDS).map((e) => labelKeyOf(RECOMMENDATION_FIELDS, 'recommendations.field', e.path.replace('.*.', '.0.')));
    const wanted = [...families.flatMap(([prefix, values]) => values.map((v) => prefix + v)), ...labels];
    expect(wanted.filter((key) => !Object.hasOwn(catalogs.en, key) || !Object.hasOwn(catalogs.lv, key))).toEqual([]);
  });
});
