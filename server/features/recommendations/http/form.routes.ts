import { Router, type Response } from 'express';
import type { FieldErrors } from '../../../lib/errors';
import { orRerender } from '../../../lib/refusals';
import { fieldErrors, parseInput } from '../../../lib/validate';
import { mergeErrors } from '../../../lib/versioned';
import { authorize } from '../../auth';
import { EditConflictError } from '../persistence/recommendation-store';
import { FORM, emptyFormValues, formValuesFromBody, formValuesFromEdit, toServiceInput } from './form';
import { formRenderer, type FormState } from './form-page';
import { idParam, type RecommendationPagesDeps } from './page-model';
import { editPageQuery, recommendationFormBody } from './pages.schema';

/** The form as sent and the messages that need no service call (crafted fields). */
function readForm(body: unknown) {
  const values = formValuesFromBody(body);
  const shape = recommendationFormBody.safeParse(body ?? {});
  return { values, input: toServiceInput(values), errors: shape.success ? {} : FORM.formErrors(fieldErrors(shape.error)) };
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

/** The long form: a new recommendation and the edit of one. Saving never changes its status. */
export function recommendationFormRoutes(deps: RecommendationPagesDeps): Router {
  const router = Router();
  const { recommendations } = deps;

  const renderForm = formRenderer(deps);

  /** Runs a save; a refusal the person can fix re-renders the form with everything they typed. */
  async function save<T>(res: Response, state: FormState, run: () => Promise<T>): Promise<T | undefined> {
    const done = await orRerender(run, async (refusal) => {
      if (refusal.error instanceof EditConflictError) {
        // The typed text stays; the next save is based on the stored version's revision.
        const current = refusal.error.current as { revision: number };
        const values = { ...state.values, revision: String(current.revision) };
        return renderForm(res, 409, { ...state, values, alert: 'recommendations.error.edited_meanwhile', conflictRevision: current.revision });
      }
      return renderForm(res, refusal.status, { ...state, errors: mergeErrors(state.errors, FORM.formErrors(refusal.fields)), alert: refusal.message });
    });
    return done.ok ? done.value : undefined;
  }

  router.get('/recommendations/new', authorize(deps.can, 'recommendation.create'), async (_req, res) => {
    await renderForm(res, 200, { values: emptyFormValues(), errors: {} });
  });

  router.post('/recommendations', authorize(deps.can, 'recommendation.create'), async (req, res) => {
    const form = readForm(req.body);
    const state: FormState = { values: form.values, errors: form.errors };
    if (hasErrors(form.errors)) return renderForm(res, 422, { ...state, alert: 'error.message.validation' });
    const created = await save(res, state, () => recommendations.create(res.locals.user, form.input));
    if (created) res.redirect(303, `/recommendations/${created.id}?notice=created`);
  });

  // The evidence picker's search is a plain GET form on this page (q, page): it works without JavaScript.
  router.get('/recommendations/:id/edit', async (req, res) => {
    const id = idParam(req.params);
    const q = parseInput(editPageQuery, req.query);
    const edit = await recommendations.forEdit(res.locals.user, id);
    await renderForm(res, 200, { id, values: formValuesFromEdit(edit), errors: {}, search: { q: q.q ?? '', page: q.page ?? 1 }, notice: q.notice });
  });

  router.post('/recommendations/:id/edit', async (req, res) => {
    const id = idParam(req.params);
    // Refuses (401/403/404) before anything typed is looked at, as the service would.
    await recommendations.assertEditable(res.locals.user, id);
    const form = readForm(req.body);
    const input = { ...form.input, revision: /^\d{1,9}$/.test(form.values.revision) ? Number(form.values.revision) : form.values.revision };
    const state: FormState = { id, values: form.values, errors: form.errors };
    if (hasErrors(form.errors)) return renderForm(res, 422, { ...state, alert: 'error.message.validation' });
    const updated = await save(res, state, () => recommendations.update(res.locals.user, id, input));
    if (updated) res.redirect(303, `/recommendations/${id}?notice=saved`);
  });

  return router;
}
