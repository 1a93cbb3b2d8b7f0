import { Router, type Response } from 'express';
import type { z } from 'zod';
import type { FieldErrors } from '../../../lib/errors';
import { formattersFor } from './format';
import { orRerender } from '../../../lib/refusals';
import { parseInput } from '../../../lib/validate';
import { authorize } from '../../auth';
import { REASON_MAX } from '../domain/recommendation-fields';
import { formValuesFromEdit } from './form';
import { formRenderer } from './form-page';
import { idParam, problemOf, typedRevision, type RecommendationPagesDeps } from './page-model';
import { citationForm, citePageQuery } from './pages.schema';

type CitationForm = z.infer<typeof citationForm>;

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const parsedCitation = (body: unknown): CitationForm => parseInput(citationForm, body);

/**
 * Picking evidence: the edit page's citation forms (add from the picker, change a reason, remove), and
 * "cite in a recommendation" from a practice page or a search result. Plain forms; a refusal comes back
 * beside the form it came from, with what was typed.
 */
export function recommendationEvidenceRoutes(deps: RecommendationPagesDeps): Router {
  const router = Router();
  const r = deps.recommendations;
  const renderForm = formRenderer(deps);

  /** Runs a citation change; a refusal re-renders the edit page with the problem beside its form. */
  async function attempt(res: Response, id: string, action: string, form: CitationForm, run: () => Promise<unknown>): Promise<boolean> {
    const done = await orRerender(run, async (refusal) => {
      const edit = await r.forEdit(res.locals.user, id);
      const values = { reason: form.reason ?? '', indicators: list(form.indicators).join('\n') };
      await renderForm(res, refusal.status, {
        id,
        values: formValuesFromEdit(edit),
        errors: {},
        search: { q: form.q ?? '', page: 1 },
        problem: problemOf(action, refusal, values),
      });
    });
    return done.ok;
  }

  const back = (res: Response, id: string, notice: string, q: string | undefined, anchor: string) =>
    res.redirect(303, `/recommendations/${id}/edit?${new URLSearchParams({ notice, ...(q ? { q } : {}) }).toString()}#${anchor}`);

  // Before `/recommendations/:id`: "cite" is a page of its own, not an id.
  router.get('/recommendations/cite', authorize(deps.can, 'recommendation.create'), async (req, res) => {
    const { practice } = parseInput(citePageQuery, req.query);
    await renderCite(res, 200, practice, { values: { recommendation: '', reason: '', indicators: [] }, errors: {} });
  });

  router.post('/recommendations/cite', authorize(deps.can, 'recommendation.create'), async (req, res) => {
    const form = parsedCitation(req.body);
    const practiceId = form.practiceId ?? '';
    const values = { recommendation: form.recommendation ?? '', reason: form.reason ?? '', indicators: list(form.indicators) };
    if (!values.recommendation) {
      return renderCite(res, 422, practiceId, { values, errors: { recommendation: ['recommendations.error.recommendation'] } });
    }
    const done = await orRerender(
      () => r.cite(res.locals.user, values.recommendation, { practiceId, reason: values.reason, indicators: values.indicators }),
      (refusal) => {
        const errors = Object.keys(refusal.fields).length > 0 ? refusal.fields : { recommendation: [refusal.message] };
        return renderCite(res, refusal.status, practiceId, { values, errors, message: refusal.message });
      },
    );
    if (done.ok) res.redirect(303, `/recommendations/${values.recommendation}?notice=cited#evidence-${practiceId}`);
  });

  async function renderCite(
    res: Response,
    status: number,
    practiceId: string,
    state: { values: { recommendation: string; reason: string; indicators: string[] }; errors: FieldErrors; message?: string },
  ) {
    const caller = res.locals.user;
    const [facts] = await r.practiceFacts(caller, [practiceId]);
    const choices = await r.citable(caller, practiceId);
    res.status(status).render('recommendations/cite', {
      title: res.locals.t('recommendations.cite.title'),
      practiceId,
      practice: facts?.state === 'listed' ? facts : undefined,
      choices,
      values: state.values,
      errors: state.errors,
      message: state.message,
      reasonMax: REASON_MAX,
      fmt: formattersFor(res.locals.locale),
    });
  }

  router.post('/recommendations/:id/evidence', async (req, res) => {
    const id = idParam(req.params);
    const form = parsedCitation(req.body);
    const practiceId = form.practiceId ?? '';
    const body = { practiceId, reason: form.reason ?? '', indicators: list(form.indicators), revision: typedRevision(form.revision) };
    if (await attempt(res, id, `add-${practiceId}`, form, () => r.cite(res.locals.user, id, body))) back(res, id, 'cited', form.q, `evidence-${practiceId}`);
  });

  router.post('/recommendations/:id/evidence/:practiceId', async (req, res) => {
    const id = idParam(req.params);
    const practiceId = idParam(req.params, 'practiceId');
    const form = parsedCitation(req.body);
    const body = { reason: form.reason ?? '', indicators: list(form.indicators), revision: typedRevision(form.revision) };
    if (await attempt(res, id, `update-${practiceId}`, form, () => r.updateCitation(res.locals.user, id, practiceId, body))) {
      back(res, id, 'citation-saved', undefined, `evidence-${practiceId}`);
    }
  });

  router.post('/recommendations/:id/evidence/:practiceId/remove', async (req, res) => {
    const id = idParam(req.params);
    const practiceId = idParam(req.params, 'practiceId');
    const form = parsedCitation(req.body);
    if (await attempt(res, id, `remove-${practiceId}`, form, () => r.removeCitation(res.locals.user, id, practiceId, { revision: typedRevision(form.revision) }))) {
      back(res, id, 'citation-removed', undefined, 'evidence');
    }
  });

  return router;
}
