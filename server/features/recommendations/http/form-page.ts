import type { Response } from 'express';
import type { FieldErrors } from '../../../lib/errors';
import { formattersFor } from './format';
import { COST_BANDS, DIRECTIONS, HORIZONS, POPULATION_BANDS, POPULATION_TRENDS, PRIORITIES, REASON_MAX, REGIONAL_ROLES } from '../domain/recommendation-fields';
import { EMPTY_ROWS, FORM, MARKDOWN_FIELDS, REQUIRED, missingFromValues, type FormValues } from './form';
import type { PageProblem, RecommendationPagesDeps } from './page-model';

export type FormState = {
  id?: string | undefined;
  values: FormValues;
  errors: FieldErrors;
  /** An alert above the form (translation key). */
  alert?: string | undefined;
  /** After an edit conflict: the stored version's revision (the typed text is kept). */
  conflictRevision?: number | undefined;
  notice?: string | undefined;
  /** The evidence picker's search on the edit page. */
  search?: { q: string; page: number } | undefined;
  /** A refused evidence form (add, change or remove a citation). */
  problem?: PageProblem | undefined;
};

const SEARCH_HITS = 8;

/** The long form (new and edit); the edit page adds the evidence: cited practices and the picker. */
export function formRenderer(deps: RecommendationPagesDeps) {
  const r = deps.recommendations;

  /** The picker's results with the facts needed to cite each (its indicators), or why there are none. */
  async function pickerResults(res: Response, q: string, page: number, cited: Set<string>) {
    if (q.trim() === '') return undefined;
    if (!deps.findPractices) return { unavailable: true as const };
    const found = await deps.findPractices(q, page, SEARCH_HITS).catch(() => undefined);
    if (!found) return { unavailable: true as const };
    const facts = new Map((await r.practiceFacts(res.locals.user, found.hits.map((h) => h.id))).map((f) => [f.id, f]));
    return {
      unavailable: false as const,
      total: found.total,
      pages: found.pages,
      hits: found.hits.map((hit) => {
        const f = facts.get(hit.id);
        return { ...hit, cited: cited.has(hit.id), indicators: f?.state === 'listed' ? f.indicators.map((i) => i.name) : [] };
      }),
    };
  }

  return async function renderForm(res: Response, status: number, state: FormState): Promise<void> {
    const caller = res.locals.user;
    const edit = state.id ? await r.forEdit(caller, state.id) : undefined;
    const vocab = await deps.vocabularies.all({ includeRetired: true });
    const offered = (kind: 'theme' | 'target-group' | 'measure-group', chosen: string[]) =>
      vocab[kind].filter((term) => !term.retired || chosen.includes(term.slug));
    const evidence = state.id ? await r.evidence(caller, state.id) : undefined;
    const search = state.search ?? { q: '', page: 1 };
    const cited = new Set((evidence?.items ?? []).map((i) => i.practiceId));
    const title = state.id
      ? res.locals.t('recommendations.form.edit_title', { title: edit?.content.title ?? '' })
      : res.locals.t('recommendations.form.new_title');
    res.status(status).render('recommendations/form', {
      title,
      id: state.id,
      action: state.id ? `/recommendations/${state.id}/edit` : '/recommendations',
      values: state.values,
      errors: state.errors,
      summary: FORM.errorSummary(state.errors, res.locals.t),
      alert: state.alert,
      notice: state.notice,
      conflictRevision: state.conflictRevision,
      missing: Object.keys(state.errors).length > 0 ? [] : Object.keys(edit ? edit.missing : missingFromValues(state.values)),
      status: edit?.status,
      revision: edit?.revision,
      measureGroups: offered('measure-group', state.values.measureGroup ? [state.values.measureGroup] : []),
      themes: offered('theme', state.values.themes),
      targetGroups: offered('target-group', state.values.targetGroups),
      choices: {
        costBand: COST_BANDS,
        horizon: HORIZONS,
        direction: DIRECTIONS,
        priority: PRIORITIES,
        populationBands: POPULATION_BANDS,
        trends: POPULATION_TRENDS,
        roles: REGIONAL_ROLES,
      },
      evidence,
      search,
      picker: state.id ? await pickerResults(res, search.q, search.page, cited) : undefined,
      problem: state.problem,
      reasonMax: REASON_MAX,
      required: REQUIRED,
      markdownFields: MARKDOWN_FIELDS,
      emptyRows: EMPTY_ROWS,
      ...FORM,
      fmt: formattersFor(res.locals.locale),
    });
  };
}
