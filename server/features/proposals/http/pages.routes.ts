import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError, type FieldErrors } from '../../../lib/errors';
import type { Can } from '../../../lib/policy';
import { parseInput } from '../../../lib/validate';
import { orRerender } from '../../../lib/refusals';
import { authorize } from '../../auth';
import type { ProposalsService } from '../use-cases/service';
import { readEditorForm, type EditorValues } from './editor-form';
import { renderDownload, presented, DOWNLOAD_FORMATS } from './downloads';
import { monthYear } from '../domain/edition-document';

const NOTICES = ['created', 'saved', 'published', 'deleted'] as const;
const noticeQuery = z.strictObject({ notice: z.enum(NOTICES).optional().catch(undefined) });
const formatParam = z.enum(DOWNLOAD_FORMATS);
const param = (req: Request, name: string) => String(req.params[name] ?? '');
const noticeOf = (req: Request) => parseInput(noticeQuery, req.query).notice;

export type ProposalPagesDeps = { can: Can; baseUrl: string };

/**
 * Pages of the proposals document: the editions, an edition (a draft as a preview with the coordinator's
 * actions), the draft editor, the print view and the downloads. Thin: the service decides who may do what.
 */
export function proposalsPagesRoutes(proposals: ProposalsService, deps: ProposalPagesDeps): Router {
  const router = Router();
  const curate = authorize(deps.can, 'proposals.curate');

  router.get('/proposals', authorize(deps.can, 'public.read'), async (req, res) => {
    const editions = (await proposals.list(res.locals.user)).map((e) => ({
      ...e,
      label:
        e.status === 'published' && e.number && e.publishedAt
          ? res.locals.t('proposals.edition_label', {
              number: e.number,
              date: monthYear(e.publishedAt, res.locals.locale),
            })
          : undefined,
    }));
    res.render('proposals/index', {
      title: res.locals.t('proposals.title'),
      editions,
      latest: editions.find((e) => e.status === 'published'),
      mayCurate: deps.can(res.locals.actor, 'proposals.curate'),
      notice: noticeOf(req),
    });
  });

  router.post('/proposals', curate, async (req, res) => {
    const basedOn = z
      .object({
        basedOn: z
          .string()
          .regex(/^[0-9a-f]{24}$/i)
          .optional()
          .catch(undefined),
      })
      .parse(req.body ?? {}).basedOn;
    const edition = await proposals.create(res.locals.user, basedOn ? { basedOn } : {});
    res.redirect(303, `/proposals/${edition._id.toHexString()}/edit?notice=created`);
  });

  async function renderEdition(
    res: Response,
    id: string,
    status: number,
    problem?: { errors: FieldErrors; message: string },
    notice?: string,
  ) {
    const summary = await proposals.summary(res.locals.user, id);
    const edition = await presented(proposals, res, id, deps.baseUrl);
    const mayCurate = deps.can(res.locals.actor, 'proposals.curate');
    const editor = mayCurate && summary.status === 'draft' ? await proposals.editor(res.locals.user, id) : undefined;
    // Refusals name the recommendation they are about (`recommendations.3` is the fourth one chosen).
    const titleOf = (rid: string | undefined) =>
      editor?.choices.find((c) => c.id === rid)?.title ?? editor?.notFinal.find((c) => c.id === rid)?.title ?? rid;
    const problems = Object.entries(problem?.errors ?? {}).flatMap(([key, messages]) => {
      const index = /^recommendations\.(\d+)$/.exec(key)?.[1];
      const subject = index === undefined ? undefined : titleOf(editor?.edition.recommendations[Number(index)]);
      return messages.map((message) => ({ message, subject }));
    });
    res.status(status).render('proposals/show', {
      title: `${edition.title}, ${edition.editionLabel}`,
      edition,
      summary,
      mayCurate,
      editor,
      notice,
      problem: problem ? { message: problem.message, lines: problems } : undefined,
    });
  }

  router.get('/proposals/:id', async (req, res) => {
    await renderEdition(res, param(req, 'id'), 200, undefined, noticeOf(req));
  });

  async function renderEditor(
    res: Response,
    id: string,
    status: number,
    form?: { values: EditorValues; errors: FieldErrors },
    notice?: string,
  ) {
    const editor = await proposals.editor(res.locals.user, id);
    if (editor.edition.status !== 'draft') throw new NotFoundError();
    const labels = await proposals.measureGroups();
    const locale = res.locals.locale as string;
    const groupOrder = labels.map((g) => g.slug);
    const order = (slug: string | undefined) =>
      slug === undefined
        ? Number.MAX_SAFE_INTEGER
        : groupOrder.indexOf(slug) === -1
          ? groupOrder.length
          : groupOrder.indexOf(slug);
    const chosen = editor.edition.recommendations;
    const values: EditorValues = form?.values ?? {
      title: editor.edition.title,
      introduction: editor.edition.introduction,
      revision: String(editor.edition.revision),
      items: Object.fromEntries(chosen.map((rid, i) => [rid, { include: true, position: String(i + 1) }])),
    };
    const slugs = [...new Set(editor.choices.map((c) => c.measureGroup))].sort((a, b) => order(a) - order(b));
    const groups = slugs.map((slug) => {
      const g = labels.find((x) => x.slug === slug);
      return {
        slug,
        label: slug ? (g?.labels[locale] ?? g?.labels.en ?? slug) : res.locals.t('proposals.doc.no_group'),
        choices: editor.choices
          .filter((c) => c.measureGroup === slug)
          .sort((a, b) => {
            const ia = chosen.indexOf(a.id);
            const ib = chosen.indexOf(b.id);
            return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib) || a.title.localeCompare(b.title, locale);
          }),
      };
    });
    res.status(status).render('proposals/edit', {
      title: res.locals.t('proposals.edit.title', { number: editor.nextNumber }),
      editor,
      groups,
      values,
      errors: form?.errors ?? {},
      // Messages with no input of their own (the revision, a chosen recommendation that went) go to the summary.
      formMessages: Object.entries(form?.errors ?? {})
        .filter(([key]) => !['title', 'introduction'].includes(key) && !key.startsWith('position.'))
        .flatMap(([, messages]) => messages),
      notice,
    });
  }

  router.get('/proposals/:id/edit', curate, async (req, res) => {
    await renderEditor(res, param(req, 'id'), 200, undefined, noticeOf(req));
  });

  router.post('/proposals/:id/edit', curate, async (req, res) => {
    const id = param(req, 'id');
    const current = (await proposals.editor(res.locals.user, id)).edition.recommendations;
    const form = readEditorForm(req.body, current);
    if (Object.keys(form.errors).length > 0) return renderEditor(res, id, 422, form);
    const done = await orRerender(
      () => proposals.update(res.locals.user, id, form.input),
      (refusal) =>
        refusal.code === 'edit_conflict'
          ? renderEditor(res, id, 409, {
              values: { ...form.values, revision: '' },
              errors: { _form: [refusal.message] },
            })
          : renderEditor(res, id, refusal.status, {
              values: form.values,
              errors: Object.keys(refusal.fields).length > 0 ? refusal.fields : { _form: [refusal.message] },
            }),
    );
    if (!done.ok) return;
    res.redirect(303, `/proposals/${id}/edit?notice=saved`);
  });

  router.post('/proposals/:id/publish', curate, async (req, res) => {
    const id = param(req, 'id');
    const body = z
      .object({ confirm: z.string().optional().catch(undefined), revision: z.string().optional().catch(undefined) })
      .parse(req.body ?? {});
    if (body.confirm !== 'yes')
      return renderEdition(res, id, 422, {
        errors: { confirm: ['proposals.error.confirm'] },
        message: 'proposals.error.cannot_publish',
      });
    const revision = /^\d{1,9}$/.test(body.revision ?? '') ? Number(body.revision) : undefined;
    const done = await orRerender(
      () => proposals.publish(res.locals.user, id, revision ? { revision } : {}, { ip: req.ip }),
      (refusal) => renderEdition(res, id, refusal.status, { errors: refusal.fields, message: refusal.message }),
    );
    if (!done.ok) return;
    res.redirect(303, `/proposals/${id}?notice=published`);
  });

  router.post('/proposals/:id/delete', curate, async (req, res) => {
    await proposals.remove(res.locals.user, param(req, 'id'));
    res.redirect(303, '/proposals?notice=deleted');
  });

  // The print view: the document alone, with a print stylesheet (no navigation).
  router.get('/proposals/:id/print', async (req, res) => {
    const edition = await presented(proposals, res, param(req, 'id'), deps.baseUrl);
    res.render('proposals/print', { title: `${edition.title}, ${edition.editionLabel}`, edition });
  });

  router.get('/proposals/:id/download/:format', async (req, res) => {
    const format = formatParam.safeParse(req.params.format);
    if (!format.success) throw new NotFoundError();
    await renderDownload(proposals, res, param(req, 'id'), format.data, deps.baseUrl);
  });

  return router;
}
