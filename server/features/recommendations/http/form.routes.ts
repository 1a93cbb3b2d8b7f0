import { Router, type Response } from 'express';
import { ValidationError, type FieldErrors } from '../../../lib/errors';
import { formattersFor } from '../../../lib/formatters';
import { fieldErrors } from '../../../lib/validate';
import { mergeErrors } from '../../../lib/versioned';
import { authorize } from '../../auth';
import { EditConflictError } from '../data/recommendation-store';
import { COST_BANDS, DIRECTIONS, HORIZONS, POPULATION_BANDS, POPULATION_TRENDS, PRIORITIES, REGIONAL_ROLES } from '../domain/recommendation-fields';
import { EMPTY_ROWS, FORM, MARKDOWN_FIELDS, REQUIRED, emptyFormValues, formValuesFromBody, formValuesFromEdit, missingFromValues, toServiceInput, type FormValues } from './form';
import { idParam, type RecommendationPagesDeps } from './page-model';
import { recommendationFormBody } from './pages.schema';

type FormState = {
  id?: string | undefined;
  values: FormValues;
  errors: FieldErrors;
  /** An alert above the form (translation key). */
  alert?: string | undefined;
  /** After an edit conflict: the stored version's revision (the typed text is kept). */
  conflictRevision?: number | undefined;
};

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

  async function renderForm(res: Response, status: number, state: FormState) {
    const edit = state.id ? await recommendations.forEdit(res.locals.user, state.id) : undefined;
    const vocab = await deps.vocabularies.all({ includeRetired: true });
    const offered = (kind: 'theme' | 'target-group' | 'measure-group', chosen: string[]) =>
      vocab[kind].filter((term) => !term.retired || chosen.includes(term.slug));
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
      conflictRevision: state.conflictRevision,
      missing: hasErrors(state.errors) ? [] : Object.keys(edit ? edit.missing : missingFromValues(state.values)),
      status: edit?.status,
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
      required: REQUIRED,
      markdownFields: MARKDOWN_FIELDS,
      emptyRows: EMPTY_ROWS,
      ...FORM,
      fmt: formattersFor(res.locals.locale),
    });
  }

  /** Runs a save; a refusal the person can fix re-renders the form with everything they typed. */
  async function save<T>(res: Response, state: FormState, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof EditConflictError) {
        const current = err.current as { revision: number };
        const values = { ...state.values, revision: String(current.revision) };
        await renderForm(res, 409, { ...state, values, alert: 'recommendations.error.edited_meanwhile', conflictRevision: current.revision });
        return undefined;
      }
      if (err instanceof ValidationError) {
        await renderForm(res, 422, { ...state, errors: mergeErrors(state.errors, FORM.formErrors(err.fields)), alert: err.message });
        return undefined;
      }
      throw err;
    }
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

  router.get('/recommendations/:id/edit', async (req, res) => {
    const id = idParam(req.params);
    const edit = await recommendations.forEdit(res.locals.user, id);
    await renderForm(res, 200, { id, values: formValuesFromEdit(edit), errors: {} });
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
