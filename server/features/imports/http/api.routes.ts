import { Router, type Request, type Response } from 'express';
import { csrfProtectionAfterMultipart } from '../../../lib/csrf';
import type { Can } from '../../../lib/policy';
import { authorize } from '../../auth';
import type { ImportsService } from '../use-cases/service';
import { importUpload, t, translateErrors, uploadedFile } from './upload';
import { IMPORT_MULTIPART_PATHS } from './multipart-routes';

const caller = (res: Response) => res.locals.user;
const param = (req: Request, name: string) => String(req.params[name] ?? '');

/** The imports' JSON API. Thin: policy and validation live in the service. */
export function importsApiRoutes(imports: ImportsService, deps: { can: Can }): Router {
  const router = Router();

  router.get('/api/imports', async (_req, res) => {
    res.json({ items: await imports.list(caller(res), t(res)) });
  });

  // The caller is checked before Multer reads a byte; CSRF (a session's token in the form) only after it.
  router.post(
    IMPORT_MULTIPART_PATHS.api,
    authorize(deps.can, 'practice.import'),
    importUpload(),
    csrfProtectionAfterMultipart,
    async (req, res) => {
      const job = await imports.upload(caller(res), uploadedFile(req), req.body, t(res));
      res.status(202).location(`/api/imports/${job.id}`).json(job);
    },
  );

  // The same template as the page's link, for API clients (a bearer token is honoured under /api only).
  router.get('/api/imports/template.csv', async (_req, res) => {
    const csv = await imports.template(caller(res), t(res), res.locals.locale);
    res.type('text/csv; charset=utf-8').attachment('practices-import-template.csv').send(csv);
  });

  router.get('/api/imports/:id', async (req, res) => {
    res.json(await imports.get(caller(res), param(req, 'id'), t(res)));
  });

  router.get('/api/imports/:id/rows', async (req, res) => {
    res.json(await imports.rows(caller(res), param(req, 'id'), req.query, t(res)));
  });

  router.post('/api/imports/:id/start', async (req, res) => {
    res.status(202).json(await imports.start(caller(res), param(req, 'id'), req.body, t(res)));
  });

  router.use('/api/imports', translateErrors);
  return router;
}
