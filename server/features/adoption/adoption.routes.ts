import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../lib/errors';
import type { Can } from '../../lib/policy';
import { parseInput } from '../../lib/validate';
import { orRerender } from '../../lib/refusals';
import { authorize } from '../auth';
import { ADOPTION_FIELDS, ADOPTION_STATUSES, formToAdoptionInput } from './adoption.fields';
import type { AdoptionService } from './adoption.service';
import { inputLimits } from '../../lib/versioned';
import type { VocabulariesService } from '../vocabularies';

const LIMITS = inputLimits(ADOPTION_FIELDS);
const cellQuery = z.strictObject({ notice: z.enum(['saved']).optional().catch(undefined) });
const param = (req: Request, name: string) => String(req.params[name] ?? '');
const cellPath = (recommendationId: string, city: string) => `/adoption/${recommendationId}/${city}`;

/**
 * The adoption tracker's pages: the public matrix (recommendations × cities) and one cell with its
 * history and, for those who may change it, its form. Thin: the service decides who may do what.
 */
export function adoptionRoutes(
  adoption: AdoptionService,
  deps: { can: Can; vocabularies: Pick<VocabulariesService, 'labels'> },
): Router {
  const router = Router();

  router.get('/adoption', authorize(deps.can, 'public.read'), async (_req, res) => {
    const [matrix, groupLabels] = await Promise.all([
      adoption.matrix(res.locals.user),
      deps.vocabularies.labels('measure-group', res.locals.locale),
    ]);
    res.render('adoption/index', {
      title: res.locals.t('adoption.title'),
      matrix,
      groupLabels,
      statuses: ADOPTION_STATUSES,
    });
  });

  async function renderCell(
    req: Request,
    res: Response,
    status: number,
    form?: { values: Record<string, unknown>; errors: FieldErrors },
  ) {
    const id = param(req, 'recommendationId');
    const view = await adoption.cell(res.locals.user, id, param(req, 'city'));
    const notice = parseInput(cellQuery, req.query).notice;
    res.status(status).render('adoption/cell', {
      title: res.locals.t('adoption.cell.title', { city: view.cell.city.name }),
      ...view,
      statuses: ADOPTION_STATUSES,
      limits: LIMITS,
      notice: status === 200 ? notice : undefined,
      values: form?.values ?? {
        status: view.cell.status,
        reason: view.cell.reason ?? '',
        document: {
          name: view.cell.document.name ?? '',
          year: view.cell.document.year ?? '',
          url: view.cell.document.url ?? '',
        },
        note: view.cell.note ?? '',
        revision: view.cell.revision,
      },
      errors: form?.errors ?? {},
    });
  }

  router.get('/adoption/:recommendationId/:city', async (req, res) => {
    await renderCell(req, res, 200);
  });

  router.post('/adoption/:recommendationId/:city', async (req, res) => {
    const id = param(req, 'recommendationId');
    const city = param(req, 'city');
    const input = formToAdoptionInput(req.body);
    // What the person typed comes back beside the messages; a conflict says someone saved meanwhile.
    const values = { ...input, document: (req.body as { document?: unknown } | undefined)?.document ?? {} };
    const done = await orRerender(
      () => adoption.record(res.locals.user, id, city, input),
      (refusal) =>
        renderCell(req, res, refusal.status, {
          values: refusal.code === 'edit_conflict' ? { ...values, revision: undefined } : values,
          errors: Object.keys(refusal.fields).length > 0 ? refusal.fields : { _form: [refusal.message] },
        }),
    );
    if (!done.ok) return;
    res.redirect(303, `${cellPath(id, city)}?notice=saved`);
  });

  return router;
}

/**
 * The recommendation page's row of cities: loaded before the recommendations' own page route runs and left
 * in `res.locals.adoptionRow` for its template. It never decides anything about the page: a recommendation
 * this reader may not see gets no row, and the page route answers as it always does.
 */
export function adoptionRowLocals(adoption: AdoptionService): Router {
  const router = Router();
  router.get('/recommendations/:id', async (req, res, next) => {
    const id = param(req, 'id');
    if (/^[0-9a-f]{24}$/i.test(id)) {
      res.locals.adoptionRow = await adoption.pageRow(res.locals.user, id).catch((err: unknown) => {
        if (err instanceof AppError) return undefined;
        throw err;
      });
    }
    next();
  });
  return router;
}
