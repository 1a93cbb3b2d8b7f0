import { Router, type Response } from 'express';
import type { FieldErrors } from '../../../lib/errors';
import { orRerender } from '../../../lib/refusals';
import { fieldErrors } from '../../../lib/validate';
import { authorize } from '../../auth';
import { EditConflictError } from '../persistence/practice-store';
import {
  EMPTY_ROWS,
  MARKDOWN_FIELDS,
  OTHER_CITY,
  REQUIRED_FOR_SUBMISSION,
  emptyFormValues,
  formValuesFromBody,
  formValuesFromEdit,
  missingFromValues,
  toServiceInput,
  type FormValues,
} from './form';
import {
  conflictView,
  errorSummary,
  fieldId,
  fieldLabelKey,
  fieldMax,
  fieldName,
  formErrors,
  mergeErrors,
} from './form-fields';
import { EUROPEAN_COUNTRIES, PRACTICE_LANGUAGES } from '../domain/reference-lists';
import { formattersFor } from './format';
import { fileErrors, receiveFormUpload } from './form-files';
import { ATTACHMENT_ACCEPT } from '../../../lib/uploads';
import { idParam, type PracticePagesDeps } from './page-model';
import { practiceFormBody } from './pages.schema';
import { createPracticeInput, updatePracticeInput } from '../domain/input';
import type { EditForm } from '../use-cases/editing';
import type { ContentJson, PracticeJson } from '../use-cases/presenters';
import { PRACTICE_MULTIPART_PATHS } from './multipart-routes';

type FormState = {
  id?: string | undefined;
  values: FormValues;
  errors: FieldErrors;
  /** An alert above the form (translation key). */
  alert?: string | undefined;
  /** After an edit conflict: the version stored meanwhile. */
  conflict?: ContentJson | undefined;
  /** The stored working copy, when the caller already read it (the page then reads it once). */
  edit?: EditForm | undefined;
  /** New practice: files were sent and are not kept by the re-rendered form (their names, where known). */
  filesLost?: { names: string[] } | undefined;
};

/** The form as sent, its intent, and the messages that need no service call (crafted fields, an incomplete other city). */
function readForm(body: unknown) {
  const values = formValuesFromBody(body);
  const shape = practiceFormBody.safeParse(body ?? {});
  const intent = shape.success && shape.data.intent === 'submit' ? 'submit' : 'draft';
  const { input, errors } = toServiceInput(values);
  return {
    values,
    intent,
    input,
    errors: mergeErrors(shape.success ? {} : formErrors(fieldErrors(shape.error)), errors),
  };
}

/** For "save and submit": every format problem and every missing field at once, before anything is stored. */
function submissionErrors(
  schema: typeof createPracticeInput | typeof updatePracticeInput,
  input: Record<string, unknown>,
  values: FormValues,
) {
  const parsed = schema.safeParse(input);
  return mergeErrors(parsed.success ? {} : formErrors(fieldErrors(parsed.error)), missingFromValues(values));
}

const hasErrors = (errors: FieldErrors) => Object.keys(errors).length > 0;

/** The long form: new practice and edit, saved as a draft or saved and submitted for review. */
export function practiceFormRoutes(deps: PracticePagesDeps): Router {
  const router = Router();
  const { practices } = deps;

  async function renderForm(res: Response, status: number, state: FormState) {
    const actor = res.locals.actor;
    const edit = state.edit ?? (state.id ? await practices.forEdit(res.locals.user, state.id) : undefined);
    const [cities, events, vocab] = await Promise.all([
      deps.network.listCities(),
      deps.events.list(),
      deps.vocabularies.all({ includeRetired: true }),
    ]);
    // Offered places follow the policy: a partner writes for their own city, an admin or curator for any.
    const resource = { city: '', status: edit?.status ?? 'draft', hasPublished: false };
    const mayPlace = (city: string) =>
      edit ? deps.can(actor, 'practice.edit', { ...resource, city }) : deps.can(actor, 'practice.create', { city });
    const curates = edit ? deps.can(actor, 'practice.review', { ...resource, city: edit.location.city }) : false;
    const statusAfterSave = edit && edit.status === 'published' && !curates ? 'draft' : (edit?.status ?? 'draft');
    const submitCity = edit?.location.city ?? res.locals.user?.city ?? '';
    const offered = (kind: 'theme' | 'target-group', chosen: string[]) =>
      vocab[kind].filter((term) => !term.retired || chosen.includes(term.slug));
    const fmt = formattersFor(res.locals.locale);
    const title = state.id
      ? res.locals.t('practices.form.edit_title', { title: edit?.content.title ?? '' })
      : res.locals.t('practices.form.new_title');
    res.status(status).render('practices/form', {
      title,
      id: state.id,
      action: state.id ? `/practices/${state.id}/edit` : '/practices',
      values: state.values,
      errors: state.errors,
      summary: errorSummary(state.errors, res.locals.t),
      alert: state.alert,
      conflict: state.conflict ? conflictView(state.conflict, state.values) : undefined,
      missing: edit && !hasErrors(state.errors) ? Object.keys(edit.missing) : [],
      cities: cities.filter((c) => mayPlace(c.slug) || c.slug === state.values.city),
      otherCity: mayPlace(''),
      OTHER_CITY,
      countries: EUROPEAN_COUNTRIES.map((code) => ({ code, name: fmt.country(code) })).sort((a, b) =>
        a.name.localeCompare(b.name, res.locals.locale),
      ),
      languages: PRACTICE_LANGUAGES.map((code) => ({ code, name: fmt.language(code) })),
      events,
      themes: offered('theme', state.values.themes),
      targetGroups: offered('target-group', state.values.targetGroups),
      canSubmit: deps.can(actor, 'practice.submit', { ...resource, city: submitCity, status: statusAfterSave }),
      required: REQUIRED_FOR_SUBMISSION,
      markdownFields: MARKDOWN_FIELDS,
      emptyRows: EMPTY_ROWS,
      fieldId,
      fieldName,
      fieldLabelKey,
      fieldMax,
      practiceStatus: edit?.status,
      // A new practice takes its files with it (one multipart form); an existing one has them on its page.
      upload: state.id
        ? undefined
        : {
            accept: ATTACHMENT_ACCEPT,
            maxFiles: deps.uploadLimits.maxFiles,
            mb: Math.round((deps.uploadLimits.maxFileBytes / (1024 * 1024)) * 10) / 10,
            lost: state.filesLost,
          },
    });
  }

  /** Runs a save; a refusal the person can fix re-renders the form with everything they typed. */
  async function save<T>(res: Response, state: FormState, run: () => Promise<T>): Promise<T | undefined> {
    const outcome = await orRerender(
      run,
      (refusal) => {
        if (refusal.error instanceof EditConflictError) {
          // Beside what the person typed, the version stored meanwhile; the next save is based on it.
          const current = refusal.error.current as PracticeJson;
          const values = { ...state.values, revision: String(current.revision) };
          const conflict = current.working ?? current.published ?? undefined;
          return renderForm(res, 409, { ...state, values, alert: 'practices.error.edited_meanwhile', conflict });
        }
        return renderForm(res, 422, { ...state, errors: mergeErrors(state.errors, formErrors(refusal.fields)), alert: refusal.message });
      },
      (refusal) => refusal.status === 422 || refusal.error instanceof EditConflictError,
    );
    return outcome.ok ? outcome.value : undefined;
  }

  /** After a successful save: submit when asked; if submission is refused, the saved draft is edited on. */
  async function finish(
    res: Response,
    id: string,
    revision: number,
    intent: string,
    values: FormValues,
    notice: string,
  ) {
    if (intent !== 'submit') return res.redirect(303, `/practices/${id}?version=working&notice=${notice}`);
    const outcome = await orRerender(
      () => practices.submit(res.locals.user, id, { revision }),
      (refusal) =>
        renderForm(res, refusal.status, {
          id,
          values: { ...values, revision: String(revision) },
          errors: formErrors(refusal.fields),
          alert: 'practices.page.error.saved_not_submitted',
        }),
      (refusal) => refusal.status !== 413,
    );
    if (outcome.ok) res.redirect(303, `/practices/${id}?version=working&notice=submitted`);
  }

  router.get('/practices/new', authorize(deps.can, 'practice.create'), async (_req, res) => {
    await renderForm(res, 200, { values: emptyFormValues({ city: res.locals.user?.city ?? '' }), errors: {} });
  });

  // The policy answers before Multer reads a byte; the fields and files are then checked together and
  // stored together, or nothing is.
  router.post(PRACTICE_MULTIPART_PATHS.create, authorize(deps.can, 'practice.create'), async (req, res) => {
    const upload = await receiveFormUpload(deps.upload, req, res);
    const form = readForm(req.body);
    const state: FormState = {
      values: form.values,
      errors: form.errors,
      filesLost: upload.lost ? { names: upload.names } : undefined,
    };
    const errors = mergeErrors(
      form.intent === 'submit'
        ? mergeErrors(form.errors, submissionErrors(createPracticeInput, form.input, form.values))
        : form.errors,
      upload.errors.length > 0 ? { attachments: upload.errors } : await fileErrors(upload.files, res.locals.t),
    );
    if (hasErrors(errors)) return renderForm(res, 422, { ...state, errors, alert: 'error.message.validation' });
    const created = await save(res, state, () => practices.create(res.locals.user, form.input, upload.files));
    if (created) await finish(res, created.id, created.revision, form.intent, form.values, 'created');
  });

  router.get('/practices/:id/edit', async (req, res) => {
    const id = idParam(req.params);
    const edit = await practices.forEdit(res.locals.user, id);
    const cities = new Set((await deps.network.listCities()).map((c) => c.slug));
    await renderForm(res, 200, { id, edit, values: formValuesFromEdit(edit, cities), errors: {} });
  });

  router.post('/practices/:id/edit', async (req, res) => {
    const id = idParam(req.params);
    // Someone who may not edit is refused (401/403/404) by the service, or by the form's own read of the
    // practice when the typed values are re-rendered: nothing typed is shown to them either way.
    const form = readForm(req.body);
    const input = {
      ...form.input,
      revision: /^\d{1,9}$/.test(form.values.revision) ? Number(form.values.revision) : form.values.revision,
    };
    const state: FormState = { id, values: form.values, errors: form.errors };
    const errors =
      form.intent === 'submit'
        ? mergeErrors(form.errors, submissionErrors(updatePracticeInput, input, form.values))
        : form.errors;
    if (hasErrors(errors)) return renderForm(res, 422, { ...state, errors, alert: 'error.message.validation' });
    const updated = await save(res, state, () => practices.update(res.locals.user, id, input));
    if (updated) await finish(res, id, updated.revision, form.intent, form.values, 'saved');
  });

  return router;
}
