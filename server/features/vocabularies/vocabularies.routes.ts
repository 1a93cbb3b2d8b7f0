import { Router, type Response } from 'express';
import { NotFoundError, type FieldErrors } from '../../lib/errors';
import { orRerender } from '../../lib/refusals';
import { parseForm, parseInput } from '../../lib/validate';
import type { Can } from '../../lib/policy';
import { authorize } from '../auth';
import { displayName, LOCALES } from '../../lib/i18n';
import { REQUIRED_LABELS, type VocabularyKind } from './vocabularies.data';
import { kindParam, labelsForm, newTermForm, termActionForm, vocabulariesPageQuery } from './vocabularies.schema';
import type { VocabulariesService } from './vocabularies.service';

/** A refused form: which one (`new-<kind>` or `<kind>-<slug>`), its messages and the values as typed. */
type Rejected = { form: string; errors: FieldErrors; values: Record<string, unknown> };

function kindOf(value: unknown): VocabularyKind {
  const parsed = kindParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

/** The coordinator's page for themes and target groups: add, rename, retire and offer again. */
export function vocabulariesRoutes(vocabularies: VocabulariesService, deps: { can: Can }): Router {
  const router = Router();
  const guard = authorize(deps.can, 'vocabulary.manage');

  async function render(
    res: Response,
    status: number,
    options: { notice?: string | undefined; rejected?: Rejected | undefined },
  ) {
    res.status(status).render('vocabularies/index', {
      title: res.locals.t('vocabularies.title'),
      kinds: vocabularies.kinds,
      terms: await vocabularies.all({ includeRetired: true }),
      notice: options.notice,
      rejected: options.rejected,
      // Each label's language named in the page's language: English and Latvian first, the rest optional.
      labelLanguages: LOCALES.map((code) => ({
        code,
        name: displayName('language', code, res.locals.locale),
        required: (REQUIRED_LABELS as readonly string[]).includes(code),
      })),
    });
  }

  /** Runs a change; a refusal the coordinator can fix comes back beside the form that caused it (422). */
  async function change(
    res: Response,
    rejected: Omit<Rejected, 'errors'>,
    run: () => Promise<unknown>,
  ): Promise<boolean> {
    // A taken slug (409 from the service) is a message beside the slug field of this form.
    const outcome = await orRerender(
      run,
      (refusal) => render(res, 422, { rejected: { ...rejected, errors: refusal.status === 409 ? { slug: [refusal.message] } : refusal.fields } }),
      (refusal) => refusal.status !== 413,
    );
    return outcome.ok;
  }

  router.get('/admin/vocabularies', guard, async (req, res) => {
    await render(res, 200, { notice: parseInput(vocabulariesPageQuery, req.query).notice });
  });

  router.post('/admin/vocabularies/:kind', guard, async (req, res) => {
    const kind = kindOf(req.params.kind);
    const form = parseForm(newTermForm, req.body);
    if (!form.ok)
      return render(res, 422, { rejected: { form: `new-${kind}`, errors: form.errors, values: form.values } });
    let slug = '';
    const ok = await change(res, { form: `new-${kind}`, values: form.data }, async () => {
      slug = (await vocabularies.add(res.locals.actor, kind, form.data)).slug;
    });
    if (ok) res.redirect(303, `/admin/vocabularies?notice=added#${kind}-${slug}`);
  });

  router.post('/admin/vocabularies/:kind/:slug', guard, async (req, res) => {
    const kind = kindOf(req.params.kind);
    const slug = String(req.params.slug);
    const form = parseForm(labelsForm, req.body);
    if (!form.ok) {
      // Renaming a term that does not exist is a 404 whatever was typed.
      if (!(await vocabularies.list(kind, { includeRetired: true })).some((term) => term.slug === slug))
        throw new NotFoundError();
      return render(res, 422, { rejected: { form: `${kind}-${slug}`, errors: form.errors, values: form.values } });
    }
    const ok = await change(res, { form: `${kind}-${slug}`, values: form.data }, () =>
      vocabularies.rename(res.locals.actor, kind, slug, form.data),
    );
    if (ok) res.redirect(303, `/admin/vocabularies?notice=renamed#${kind}-${slug}`);
  });

  for (const [path, retired] of [
    ['retire', true],
    ['reinstate', false],
  ] as const) {
    router.post(`/admin/vocabularies/:kind/:slug/${path}`, guard, async (req, res) => {
      const kind = kindOf(req.params.kind);
      const slug = String(req.params.slug);
      parseInput(termActionForm, req.body);
      await vocabularies.setRetired(res.locals.actor, kind, slug, retired);
      res.redirect(303, `/admin/vocabularies?notice=${retired ? 'retired' : 'reinstated'}#${kind}-${slug}`);
    });
  }

  return router;
}
