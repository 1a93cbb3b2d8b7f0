import type { Response } from 'express';
import type { FieldErrors } from '../../../lib/errors';
import type { Refusal } from '../../../lib/refusals';
import { formattersFor } from './format';
import type { Can } from '../../../lib/policy';
import type { VocabulariesService } from '../../vocabularies';
import { COMMENT_MAX } from '../domain/input';
import { REASON_MAX } from '../domain/recommendation-fields';
import type { RecommendationsService } from '../use-cases/service';
import { FORM } from './form';

/** Practices found for the evidence section of the edit page (the search feature's query, injected). */
export type PracticeFinder = (
  q: string,
  page: number,
  hitsPerPage: number,
) => Promise<{ hits: { id: string; title: string; summary: string; cityName: string; country: string }[]; total: number; pages: number }>;

export type RecommendationPagesDeps = {
  recommendations: RecommendationsService;
  vocabularies: VocabulariesService;
  can: Can;
  /** The practices search; without it (or while search is down) the edit page says so. */
  findPractices?: PracticeFinder;
};

/** A refused step on the recommendation page: which form it came from, its messages and what was typed. */
export type PageProblem = { action: string; message: string | undefined; errors: FieldErrors; values: Record<string, string> };

export const idParam = (params: Record<string, unknown>, name = 'id') => (typeof params[name] === 'string' ? params[name] : '');

/** A revision from a hidden field: digits become a number, anything else goes on as typed for the service to refuse. */
export const typedRevision = (value: string | undefined): number | string | undefined =>
  value === undefined || value === '' ? undefined : /^\d{1,9}$/.test(value) ? Number(value) : value;

/** A refusal as the page words it: a change made in between says the page now shows the current state. */
export const problemMessage = (refusal: Refusal): string =>
  refusal.code === 'edit_conflict' ? 'recommendations.page.error.changed_meanwhile' : refusal.message;

/** A refused form on the page: which one, its message and fields, and what was typed. */
export const problemOf = (action: string, refusal: Refusal, values: Record<string, string>): PageProblem => ({
  action,
  message: problemMessage(refusal),
  errors: refusal.fields,
  values,
});

/** The recommendation page, for a first view or re-rendered after a refused step. The service decides what this reader sees. */
export async function renderRecommendationPage(
  res: Response,
  deps: RecommendationPagesDeps,
  id: string,
  options: { status?: number; notice?: string | undefined; problem?: PageProblem } = {},
): Promise<void> {
  const caller = res.locals.user;
  const view = await deps.recommendations.view(caller, id, { locale: res.locals.locale });
  const comments = view.can.thread ? await deps.recommendations.listComments(caller, id) : [];
  res.status(options.status ?? 200).render('recommendations/show', {
    title: view.content.title,
    rec: view,
    content: view.content,
    comments,
    notice: options.notice,
    problem: options.problem,
    fmt: formattersFor(res.locals.locale),
    fieldLabelKey: FORM.fieldLabelKey,
    reasonMax: REASON_MAX,
    commentMax: COMMENT_MAX,
  });
}
