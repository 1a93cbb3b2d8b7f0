import { z } from 'zod';
import { ValidationError } from '../../lib/errors';
import type { Locale } from '../../lib/i18n';
import { eventTitle, type EventsService } from '../events';
import type { Caller, PracticesService } from '../practices';
import type { SearchState } from '../search';
import { IN_PLANS, type AdoptionService } from '../adoption';
import type { RecommendationsService } from '../recommendations';
import type { SearchOverview } from '../search';
import type { VocabulariesService } from '../vocabularies';
import { practiceColumns, recommendationColumns, searchColumns, type Labels } from './exports.columns';
import { table, type ExportTable } from './exports.table';

/** The most rows one export carries (the search index answers at most 10 000 hits). */
export const MAX_EXPORT_ROWS = 10_000;
const LIST_PAGE = 100;

// The practices list's own filters; paging is the export's, so it is not taken from the request.
const practicesExportQuery = z.strictObject({
  status: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  theme: z.string().optional(),
  targetGroup: z.string().optional(),
});

// The recommendation list's own filters (the list validates their values and who may ask for a status).
const recommendationsExportQuery = z.strictObject({
  status: z.string().optional(),
  measureGroup: z.string().optional(),
  theme: z.string().optional(),
  targetGroup: z.string().optional(),
  priority: z.string().optional(),
});

export type ExportResult = { data: ExportTable; total: number; truncated: boolean };
export type ExportsService = ReturnType<typeof createExportsService>;

/**
 * Search results, practice and recommendation lists as rows. Rows come only from the search index
 * (published copies) and the practices' and recommendations' list presenters, which apply the policy: an
 * export holds what its requester may see on the pages, never a stored record.
 */
/** The export's filters, checked like the list page's query; empty values mean "not filtered". */
function exportFilters(schema: z.ZodType<Record<string, unknown>>, query: unknown, message: string): Record<string, unknown> {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw new ValidationError(message, { query: [message] });
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined && v !== ''));
}

/** Reads a list page after page, as its page would, up to the export's limit. */
async function everyPage<T>(
  read: (page: { page: string; perPage: string }) => Promise<{ items: T[]; total: number; pages: number }>,
): Promise<{ rows: T[]; total: number }> {
  const items: T[] = [];
  let total = 0;
  for (let page = 1; items.length < MAX_EXPORT_ROWS; page += 1) {
    const result = await read({ page: String(page), perPage: String(LIST_PAGE) });
    total = result.total;
    items.push(...result.items);
    if (result.items.length === 0 || page >= result.pages) break;
  }
  return { rows: items.slice(0, MAX_EXPORT_ROWS), total };
}

export function createExportsService(deps: {
  overview: SearchOverview;
  practices: PracticesService;
  vocabularies: VocabulariesService;
  events: EventsService;
  recommendations: Pick<RecommendationsService, 'list'>;
  adoption: Pick<AdoptionService, 'matrix'>;
  baseUrl: string;
}) {
  async function labels(locale: Locale): Promise<Labels> {
    const [themes, targetGroups, measureGroups, events] = await Promise.all([
      deps.vocabularies.labels('theme', locale),
      deps.vocabularies.labels('target-group', locale),
      deps.vocabularies.labels('measure-group', locale),
      deps.events.list(),
    ]);
    return {
      locale,
      themes,
      targetGroups,
      measureGroups,
      events: new Map(events.map((e) => [e.slug, eventTitle(e, locale)])),
      baseUrl: deps.baseUrl.replace(/\/+$/, ''),
    };
  }

  return {
    async search(state: SearchState, locale: Locale): Promise<ExportResult> {
      const [found, l] = await Promise.all([deps.overview.matching(state, MAX_EXPORT_ROWS), labels(locale)]);
      return { data: table(searchColumns(l), found.items), total: found.total, truncated: found.truncated };
    },

    async practices(caller: Caller, query: unknown, locale: Locale): Promise<ExportResult> {
      const filters = exportFilters(practicesExportQuery, query, 'exports.error.query');
      // The list applies the policy and validates the filters (a status the caller may not list is refused).
      const { rows, total } = await everyPage((page) => deps.practices.list(caller, { ...filters, ...page }));
      const l = await labels(locale);
      return { data: table(practiceColumns(l, rows), rows), total, truncated: total > rows.length };
    },

    /** The recommendations this caller may list (public: the final ones; curators every stage), as the list page. */
    async recommendations(caller: Caller, query: unknown, locale: Locale): Promise<ExportResult> {
      const filters = exportFilters(recommendationsExportQuery, query, 'exports.error.recommendations_query');
      // The list applies the visibility rules and refuses a status this caller may not list.
      const { rows, total } = await everyPage((page) => deps.recommendations.list(caller, { ...filters, ...page }));
      const [l, matrix] = await Promise.all([labels(locale), deps.adoption.matrix(caller)]);
      const adoptedIn = new Map(
        matrix.rows.map((row) => [row.recommendation.id, row.cells.filter((c) => IN_PLANS.includes(c.status)).map((c) => c.city.name)]),
      );
      return { data: table(recommendationColumns(l, adoptedIn), rows), total, truncated: total > rows.length };
    },
  };
}
