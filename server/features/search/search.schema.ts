import { z } from 'zod';
import { addFieldErrors, fieldErrorMap, type FieldErrors } from '../../lib/errors';
import { formSchema } from '../../lib/forms';
import { fieldErrors } from '../../lib/validate';
import {
  DEFAULT_SORT,
  FACETS,
  emptySelection,
  isSortKey,
  type FacetName,
  type SearchState,
} from './search.filters';

/** Longer queries are refused by the API and trimmed (with a notice) on the page. */
export const Q_MAX = 200;
export const PAGE_HITS_PER_PAGE = 10;
export const API_HITS_PER_PAGE = 20;
export const MAX_HITS_PER_PAGE = 50;
const MAX_VALUES_PER_FACET = 50;
const MAX_VALUE_LENGTH = 200;
// The index answers at most 10 000 hits (pagination.maxTotalHits); no page lies beyond that.
const MAX_PAGE = 10_000;

const E = (key: string) => `search.error.${key}`;

/** A query parameter that may be given once or repeated (`themes=a&themes=b`). */
export const repeated = z
  .union([z.string(), z.array(z.string())], { error: E('value') })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().max(MAX_VALUE_LENGTH, E('value_too_long'))).max(MAX_VALUES_PER_FACET, E('too_many_values')))
  .transform((values) => [...new Set(values.filter((v) => v.trim() !== ''))]);

export const single = z.string({ error: E('single_value') }).optional();

const year = single.transform((v, ctx) => {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1900 || n > 2100) {
    ctx.addIssue({ code: 'custom', message: E('year') });
    return z.NEVER;
  }
  return n;
});

export const positiveInt = (max: number) =>
  single.transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      ctx.addIssue({ code: 'custom', message: E('page') });
      return z.NEVER;
    }
    return n;
  });

const facetShape = Object.fromEntries(FACETS.map((f) => [f, repeated])) as Record<FacetName, typeof repeated>;

const common = {
  q: single,
  ...facetShape,
  from: year,
  to: year,
  ongoing: single.transform((v) => v === '1' || v === 'true' || v === 'on'),
  sort: single.refine((v) => v === undefined || v === '' || isSortKey(v), E('unknown_sort')),
  page: positiveInt(MAX_PAGE),
};

/**
 * The search URL's parameters. Facets are repeated parameters named after the facet; any other
 * parameter name is refused, so a misspelt or unknown facet never silently widens a search.
 */
export const pageQuery = z.strictObject({ ...common, partial: single });
export const apiQuery = z.strictObject({
  ...common,
  hitsPerPage: single.transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return API_HITS_PER_PAGE;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({ code: 'custom', message: E('hits_per_page') });
      return z.NEVER;
    }
    return Math.min(n, MAX_HITS_PER_PAGE);
  }),
});

export type ParsedSearch =
  | { ok: true; state: SearchState; partial: boolean; trimmed: boolean }
  | { ok: false; errors: FieldErrors; unknown: string[]; partial: boolean };

/** Field errors by parameter; unknown parameter names are listed so the page can name them. */
function errorsOf(error: z.ZodError): { errors: FieldErrors; unknown: string[] } {
  const errors = fieldErrorMap();
  const unknown: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      unknown.push(...issue.keys);
      for (const key of issue.keys) addFieldErrors(errors, key, E('unknown_facet'));
    } else {
      Object.assign(errors, fieldErrors(new z.ZodError([issue])));
    }
  }
  return { errors, unknown };
}

/**
 * Parses a search request. `mode: 'api'` refuses a query longer than Q_MAX; `mode: 'page'` trims it
 * and says so. Empty form fields (a GET form sends `from=`) count as absent.
 */
export function parseSearch(raw: unknown, mode: 'page' | 'api'): ParsedSearch {
  const input = { ...(raw as Record<string, unknown>) };
  const partial = mode === 'page' && input.partial === '1';
  let trimmed = false;
  if (typeof input.q === 'string' && [...input.q].length > Q_MAX) {
    if (mode === 'api') return { ok: false, errors: { q: [E('q_too_long')] }, unknown: [], partial };
    input.q = [...input.q].slice(0, Q_MAX).join('');
    trimmed = true;
  }
  const parsed = (mode === 'api' ? apiQuery : pageQuery).safeParse(input);
  if (!parsed.success) return { ok: false, ...errorsOf(parsed.error), partial };
  const data = parsed.data;
  const filters = emptySelection();
  for (const facet of FACETS) filters[facet] = data[facet];
  const state: SearchState = {
    q: data.q ?? '',
    filters,
    from: data.from,
    to: data.to,
    ongoing: data.ongoing,
    sort: data.sort || DEFAULT_SORT,
    page: data.page ?? 1,
    hitsPerPage: 'hitsPerPage' in data ? data.hitsPerPage : PAGE_HITS_PER_PAGE,
  };
  return { ok: true, state, partial, trimmed };
}

/** A synonym group as the coordinator types it: one term per line, or separated by commas. */
export const splitTerms = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((t) => t.trim().replace(/\s+/g, ' '))
      .filter(Boolean),
  ),
];

export const synonymGroupForm = formSchema({
  terms: z
    .string({ error: 'search.synonyms.error.terms' })
    .transform(splitTerms)
    .pipe(
      z
        .array(z.string())
        .min(2, 'search.synonyms.error.too_few')
        .max(30, 'search.synonyms.error.too_many')
        // One message for the whole box, not one per line number.
        .refine((terms) => terms.every((t) => t.length <= 60), 'search.synonyms.error.term_length'),
    ),
});
