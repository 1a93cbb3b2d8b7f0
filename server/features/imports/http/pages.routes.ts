import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { csrfProtectionAfterMultipart } from '../../../lib/csrf';
import type { FieldErrors } from '../../../lib/errors';
import type { Can } from '../../../lib/policy';
import { orRerender, refusalOf, type Refusal } from '../../../lib/refusals';
import { authorize } from '../../auth';
import { COLUMNS } from '../domain/columns';
import { IMPORT_LIMITS } from '../domain/read-file';
import { IMPORT_MODES } from '../persistence/import-model';
import { ROW_FILTERS, type ImportsService } from '../use-cases/service';
import { importUpload, t, translated, uploadedFile } from './upload';
import { IMPORT_MULTIPART_PATHS } from './multipart-routes';

const caller = (res: Response) => res.locals.user;
const param = (req: Request, name: string) => String(req.params[name] ?? '');
/** How often a page showing work in progress reloads itself (no script needed). */
const REFRESH_SECONDS = 2;

/** The importer's pages: upload and recent imports, and one import's report, progress and result. */
export function importsPagesRoutes(imports: ImportsService, deps: { can: Can }): Router {
  const router = Router();
  const mayImport = authorize(deps.can, 'practice.import');

  async function renderIndex(res: Response, status: number, refusal?: Refusal) {
    const jobs = await imports.list(caller(res), t(res));
    const error = refusal ? translated(refusal.error, t(res)) : undefined;
    const fields: FieldErrors | undefined = error ? refusalOf(error)?.fields : undefined;
    res.status(status).render('imports/index', {
      title: t(res)('imports.title'),
      jobs,
      columns: COLUMNS,
      maxMb: IMPORT_LIMITS.maxBytes / (1024 * 1024),
      maxRows: IMPORT_LIMITS.maxRows,
      // The file's own message stands beside the file field; anything else (a 413 from Multer) above the form.
      fileErrors: fields?.file ?? (refusal ? [error instanceof Error ? error.message : ''] : []),
    });
  }

  router.get('/imports', mayImport, async (_req, res) => {
    await renderIndex(res, 200);
  });

  router.get('/imports/template.csv', mayImport, async (_req, res) => {
    const csv = await imports.template(caller(res), t(res), res.locals.locale);
    res.type('text/csv; charset=utf-8').attachment('practices-import-template.csv').send(csv);
  });

  // A refused upload shows the form again with the reason (Multer's 413 included), never an error page.
  const uploadRefused: ErrorRequestHandler = (err, _req, res, next) => {
    const refusal = refusalOf(err);
    if (!refusal) return next(err);
    renderIndex(res, refusal.status, refusal).catch(next);
  };

  router.post(
    IMPORT_MULTIPART_PATHS.page,
    mayImport,
    importUpload(),
    csrfProtectionAfterMultipart,
    async (req: Request, res: Response) => {
      const result = await orRerender(
        () => imports.upload(caller(res), uploadedFile(req), req.body, t(res)),
        (refusal) => renderIndex(res, refusal.status, refusal),
      );
      if (result.ok) res.redirect(303, `/imports/${result.value.id}`);
    },
    uploadRefused,
  );

  async function renderJob(req: Request, res: Response, status: number, refusal?: Refusal) {
    const id = param(req, 'id');
    const job = await imports.get(caller(res), id, t(res));
    const report = await imports.rows(caller(res), id, req.query, t(res));
    const query = (show: string, page: number) => {
      const params = new URLSearchParams();
      if (show !== 'all') params.set('show', show);
      if (page > 1) params.set('page', String(page));
      const text = params.toString();
      return `/imports/${job.id}${text ? `?${text}` : ''}`;
    };
    res.status(status).render('imports/show', {
      title: t(res)('imports.job.title', { file: job.fileName }),
      job,
      report,
      filters: ROW_FILTERS,
      modes: IMPORT_MODES,
      refreshSeconds: job.active ? REFRESH_SECONDS : undefined,
      href: query,
      problem: refusal ? refusal.message : undefined,
    });
  }

  router.get('/imports/:id', mayImport, async (req, res) => {
    await renderJob(req, res, 200);
  });

  router.post('/imports/:id/start', mayImport, async (req, res) => {
    const id = param(req, 'id');
    const result = await orRerender(
      () => imports.start(caller(res), id, req.body, t(res)),
      (refusal) => renderJob(req, res, refusal.status, refusal),
    );
    if (result.ok) res.redirect(303, `/imports/${id}`);
  });

  return router;
}
