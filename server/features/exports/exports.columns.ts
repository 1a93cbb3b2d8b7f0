import { displayName, type Locale } from '../../lib/i18n';
import type { PracticeSummary } from '../practices';
import type { ListedRecommendation } from '../recommendations';
import type { ExportHit } from '../search';
import type { Column } from './exports.table';

/** Labels in the reader's language for the slugs a practice stores. */
export type Labels = {
  locale: Locale;
  themes: Map<string, string>;
  targetGroups: Map<string, string>;
  events: Map<string, string>;
  measureGroups: Map<string, string>;
  baseUrl: string;
};

const H = (key: string) => `exports.column.${key}`;
const labelled = (map: Map<string, string>, slugs: readonly string[]) => slugs.map((slug) => map.get(slug) ?? slug);
const iso = (value: Date | string | number | null | undefined) =>
  value === null || value === undefined ? null : new Date(typeof value === 'number' ? value * 1000 : value).toISOString();

/** A search hit's columns: what the index holds of a published practice, which anyone who may search may see. */
export function searchColumns(l: Labels): Column<ExportHit>[] {
  return [
    { key: 'id', header: H('id'), value: (h) => h.id },
    { key: 'url', header: H('url'), value: (h) => `${l.baseUrl}/practices/${encodeURIComponent(h.id)}` },
    { key: 'title', header: H('title'), value: (h) => h.title },
    { key: 'summary', header: H('summary'), value: (h) => h.summary },
    { key: 'city', header: H('city'), value: (h) => h.cityName },
    { key: 'country', header: H('country'), value: (h) => displayName('region', h.country, l.locale) },
    { key: 'themes', header: H('themes'), value: (h) => labelled(l.themes, h.themes ?? []) },
    { key: 'targetGroups', header: H('target_groups'), value: (h) => labelled(l.targetGroups, h.targetGroups ?? []) },
    { key: 'startYear', header: H('start_year'), value: (h) => h.startYear ?? null },
    { key: 'endYear', header: H('end_year'), value: (h) => h.endYear ?? null },
    { key: 'ongoing', header: H('ongoing'), value: (h) => Boolean(h.ongoing) },
    { key: 'budgetEur', header: H('budget_eur'), value: (h) => h.budgetEur ?? null },
    { key: 'language', header: H('language'), value: (h) => (h.language ? displayName('language', h.language, l.locale) : null) },
    { key: 'event', header: H('event'), value: (h) => (h.event ? (l.events.get(h.event) ?? h.event) : null) },
    { key: 'hasIndicators', header: H('has_indicators'), value: (h) => Boolean(h.hasIndicators) },
    { key: 'publishedAt', header: H('published_at'), value: (h) => iso(h.publishedAt) },
  ];
}

/**
 * A practice list's columns, from the practices service's list presenter. The workflow columns appear
 * only when the list holds something the reader may see them for.
 */
export function practiceColumns(l: Labels, items: readonly PracticeSummary[]): Column<PracticeSummary>[] {
  const showsStatus = items.some((p) => p.status !== undefined);
  return [
    { key: 'id', header: H('id'), value: (p) => p.id },
    { key: 'url', header: H('url'), value: (p) => `${l.baseUrl}/practices/${encodeURIComponent(p.id)}` },
    { key: 'title', header: H('title'), value: (p) => p.title },
    { key: 'summary', header: H('summary'), value: (p) => p.summary },
    { key: 'city', header: H('city'), value: (p) => p.cityName },
    { key: 'country', header: H('country'), value: (p) => displayName('region', p.country, l.locale) },
    { key: 'themes', header: H('themes'), value: (p) => labelled(l.themes, p.themes) },
    { key: 'targetGroups', header: H('target_groups'), value: (p) => labelled(l.targetGroups, p.targetGroups) },
    { key: 'startYear', header: H('start_year'), value: (p) => p.period?.startYear ?? null },
    { key: 'endYear', header: H('end_year'), value: (p) => p.period?.endYear ?? null },
    { key: 'ongoing', header: H('ongoing'), value: (p) => Boolean(p.period?.ongoing) },
    { key: 'language', header: H('language'), value: (p) => (p.language ? displayName('language', p.language, l.locale) : null) },
    ...(showsStatus
      ? [
          { key: 'status', header: H('status'), value: (p: PracticeSummary) => p.status ?? null },
          { key: 'submittedAt', header: H('submitted_at'), value: (p: PracticeSummary) => iso(p.submittedAt) },
        ]
      : []),
    { key: 'revision', header: H('revision'), value: (p) => p.revision },
    { key: 'publishedAt', header: H('published_at'), value: (p) => iso(p.publishedAt) },
    { key: 'updatedAt', header: H('updated_at'), value: (p) => iso(p.updatedAt) },
  ];
}

/**
 * A recommendation list's columns, from the recommendations service's list presenter (what the list page
 * shows this reader). `adoptedIn` names the partner cities that took it into their plans.
 */
export function recommendationColumns(l: Labels, adoptedIn: ReadonlyMap<string, readonly string[]>): Column<ListedRecommendation>[] {
  return [
    { key: 'id', header: H('id'), value: (r) => r.id },
    { key: 'url', header: H('url'), value: (r) => `${l.baseUrl}/recommendations/${encodeURIComponent(r.id)}` },
    { key: 'title', header: H('title'), value: (r) => r.title },
    { key: 'summary', header: H('summary'), value: (r) => r.summary },
    { key: 'status', header: H('status'), value: (r) => r.status },
    { key: 'measureGroup', header: H('measure_group'), value: (r) => (r.measureGroup ? (l.measureGroups.get(r.measureGroup) ?? r.measureGroup) : null) },
    { key: 'themes', header: H('themes'), value: (r) => labelled(l.themes, r.themes) },
    { key: 'targetGroups', header: H('target_groups'), value: (r) => labelled(l.targetGroups, r.targetGroups) },
    { key: 'priority', header: H('priority'), value: (r) => r.priority ?? null },
    { key: 'actions', header: H('actions'), value: (r) => r.actionCount },
    { key: 'practicesCited', header: H('practices_cited'), value: (r) => r.evidenceCount },
    { key: 'adoptedIn', header: H('adopted_in'), value: (r) => adoptedIn.get(r.id) ?? [] },
    { key: 'demo', header: H('demo'), value: (r) => r.demo },
    { key: 'revision', header: H('revision'), value: (r) => r.revision },
    { key: 'finalisedAt', header: H('finalised_at'), value: (r) => iso(r.finalisedAt) },
    { key: 'updatedAt', header: H('updated_at'), value: (r) => iso(r.updatedAt) },
  ];
}
