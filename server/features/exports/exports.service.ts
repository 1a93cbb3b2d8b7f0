import { z } from 'zod';
import { ValidationError } from '../../lib/errors';
import type { Locale } from '../../lib/i18n';
import { eventTitle, type EventsService } from '../events';
import type { Caller, PracticeSummary, PracticesService } from '../practices';
import type { SearchState } from '../search';
import type { SearchOverview } from '../search';
import type { VocabulariesService } from '../vocabularies';
import { practiceColumns, searchColumns, type Labels } from './exports.columns';
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

export type ExportResult = { data: ExportTable; total: number; truncated: boolean };
export type ExportsService = ReturnType<typeof createExportsService>;

/**
 * Search results and practice lists as rows. Rows come only from the search index (published copies)
 * and the practices service's list presenter, which applies the policy: an export holds what its
 * requester may see on the pages, never a stored record.
 */
export function createExportsService(deps: {
  overview: SearchOverview;
  practices: PracticesService;
  vocabularies: VocabulariesService;
  events: EventsService;
  baseUrl: string;
}) {
  async function labels(locale: Locale): Promise<Labels> {
    const [themes, targetGroups, events] = await Promise.all([
      deps.vocabularies.labels('theme', locale),
      deps.vocabularies.labels('target-group', locale),
      deps.events.list(),
    ]);
    return {
      locale,
      themes,
      targetGroups,
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
      const parsed = practicesExportQuery.safeParse(query ?? {});
      if (!parsed.success) throw new ValidationError('exports.error.query', { query: ['exports.error.query'] });
      const filters = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined && v !== ''));
      const items: PracticeSummary[] = [];
      let total = 0;
      for (let page = 1; items.length < MAX_EXPORT_ROWS; page += 1) {
        // The list applies the policy and validates the filters (a status the caller may not list is refused).
        const result = await deps.practices.list(caller, { ...filters, page: String(page), perPage: String(LIST_PAGE) });
        total = result.total;
        items.push(...result.items);
        if (result.items.length === 0 || page >= result.pages) break;
      }
      const rows = items.slice(0, MAX_EXPORT_ROWS);
      const l = await labels(locale);
      return { data: table(practiceColumns(l, rows), rows), total, truncated: total > rows.length };
    },
  };
}
