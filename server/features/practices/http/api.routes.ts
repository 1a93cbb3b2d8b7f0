import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { csrfProtectionAfterMultipart } from '../../../lib/csrf';
import { ValidationError, type FieldErrors } from '../../../lib/errors';
import type { AttachmentStore, IncomingFile } from '../../../lib/uploads';
import { wantsJson } from '../../../lib/error-handler';
import { diffQuery, revisionParam } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import type { PracticesService } from '../use-cases/service';
import { PRACTICE_MULTIPART_PATHS } from './multipart-routes';

const caller = (res: Response) => res.locals.user;
const meta = (req: Request) => ({ ip: req.ip });
const param = (req: Request, name: string) => String(req.params[name] ?? '');

/** The JSON body without the CSRF token a browser client may send in it: transport, not content. */
function bodyOf(req: Request): unknown {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !Object.hasOwn(body, '_csrf')) return body;
  const { _csrf: _token, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** A multipart create: the practice is JSON text in the `practice` field (the token may come beside it). */
function practiceFromMultipart(body: unknown): unknown {
  const fields = (body ?? {}) as Record<string, unknown>;
  const unexpected = Object.keys(fields).filter((key) => key !== 'practice' && key !== '_csrf');
  const refuse = (): never => {
    throw new ValidationError('practices.error.practice_json', { practice: ['practices.error.practice_json'] });
  };
  if (typeof fields.practice !== 'string' || unexpected.length > 0) return refuse();
  try {
    return JSON.parse(fields.practice) as unknown;
  } catch {
    return refuse();
  }
}

function revisionNumber(req: Request): number {
  const parsed = revisionParam.safeParse(req.params.number);
  if (!parsed.success) throw new ValidationError('error.message.validation', { number: ['practices.error.revision'] });
  return parsed.data;
}

/**
 * API clients get sentences, not keys: validation messages are translated in the request's language
 * (pages translate the same keys in their templates).
 */
const translateFieldMessages: ErrorRequestHandler = (err, req, res, next) => {
  if (!(err instanceof ValidationError) || !wantsJson(req.path)) return next(err);
  const t = res.locals.t;
  const fields: FieldErrors = Object.fromEntries(
    Object.entries(err.fields).map(([field, messages]) => [field, messages.map((m) => t(m))]),
  );
  next(new ValidationError(err.message, fields));
};

/** The practices JSON API. Thin: every policy check and every validation lives in the service. */
export function practicesApiRoutes(
  practices: PracticesService,
  deps: { files: AttachmentStore; upload: RequestHandler },
): Router {
  const router = Router();

  router.get('/api/practices', async (req, res) => {
    res.json(await practices.list(caller(res), req.query));
  });

  // JSON, or multipart with the practice as JSON in `practice` and its files in `attachments`, stored
  // together or not at all. The policy answers before Multer reads a byte; CSRF (a form field) after it.
  router.post(
    PRACTICE_MULTIPART_PATHS.apiCreate,
    (_req, res, next) => {
      practices.assertMayCreate(caller(res));
      next();
    },
    deps.upload,
    csrfProtectionAfterMultipart,
    async (req, res) => {
      const multipart = req.is('multipart/form-data') === 'multipart/form-data';
      const files = (Array.isArray(req.files) ? req.files : []) as IncomingFile[];
      const practice = await practices.create(caller(res), multipart ? practiceFromMultipart(req.body) : bodyOf(req), files);
      res.status(201).location(`/api/practices/${practice.id}`).json(practice);
    },
  );

  router.get('/api/review-queue', async (_req, res) => {
    res.json({ items: await practices.reviewQueue(caller(res)) });
  });

  router.get('/api/practices/:id', async (req, res) => {
    res.json(await practices.get(caller(res), param(req, 'id')));
  });

  router.patch('/api/practices/:id', async (req, res) => {
    res.json(await practices.update(caller(res), param(req, 'id'), bodyOf(req)));
  });

  router.delete('/api/practices/:id', async (req, res) => {
    res.json(await practices.remove(caller(res), param(req, 'id'), bodyOf(req)));
  });

  router.post('/api/practices/:id/submit', async (req, res) => {
    res.json(await practices.submit(caller(res), param(req, 'id'), bodyOf(req)));
  });
  router.post('/api/practices/:id/publish', async (req, res) => {
    res.json(await practices.publish(caller(res), param(req, 'id'), bodyOf(req), meta(req)));
  });
  router.post('/api/practices/:id/request-changes', async (req, res) => {
    res.json(await practices.requestChanges(caller(res), param(req, 'id'), bodyOf(req), meta(req)));
  });
  router.post('/api/practices/:id/reject', async (req, res) => {
    res.json(await practices.reject(caller(res), param(req, 'id'), bodyOf(req), meta(req)));
  });
  router.post('/api/practices/:id/archive', async (req, res) => {
    res.json(await practices.archive(caller(res), param(req, 'id'), bodyOf(req), meta(req)));
  });
  router.post('/api/practices/:id/undelete', async (req, res) => {
    res.json(await practices.undelete(caller(res), param(req, 'id'), bodyOf(req)));
  });
  router.post('/api/practices/:id/purge', async (req, res) => {
    await practices.purge(caller(res), param(req, 'id'), meta(req));
    res.status(204).end();
  });

  // The practice is checked before Multer reads a byte; CSRF (token in the form) only after it.
  router.post(
    PRACTICE_MULTIPART_PATHS.apiAttach,
    async (req, res, next) => {
      await practices.assertEditable(caller(res), param(req, 'id'));
      next();
    },
    deps.upload,
    csrfProtectionAfterMultipart,
    async (req, res) => {
      const files = (Array.isArray(req.files) ? req.files : []) as IncomingFile[];
      res.status(201).json(await practices.addAttachments(caller(res), param(req, 'id'), files, req.body));
    },
  );

  router.get('/api/practices/:id/attachments/:attachmentId', async (req, res) => {
    const attachment = await practices.openAttachment(caller(res), param(req, 'id'), param(req, 'attachmentId'));
    // Attachments of drafts are private: no shared cache may keep them.
    res.setHeader('Cache-Control', 'private, no-cache');
    await deps.files.sendFile(res, attachment);
  });

  router.delete('/api/practices/:id/attachments/:attachmentId', async (req, res) => {
    res.json(await practices.removeAttachment(caller(res), param(req, 'id'), param(req, 'attachmentId'), bodyOf(req)));
  });

  router.post('/api/practices/:id/attachments/:attachmentId/restore', async (req, res) => {
    res.json(await practices.restoreAttachment(caller(res), param(req, 'id'), param(req, 'attachmentId'), bodyOf(req)));
  });

  router.get('/api/practices/:id/revisions', async (req, res) => {
    res.json({ items: await practices.listRevisions(caller(res), param(req, 'id')) });
  });

  router.get('/api/practices/:id/revisions/:number', async (req, res) => {
    res.json(await practices.getRevision(caller(res), param(req, 'id'), revisionNumber(req)));
  });

  router.post('/api/practices/:id/revisions/:number/restore', async (req, res) => {
    res.json(await practices.restoreRevision(caller(res), param(req, 'id'), revisionNumber(req), bodyOf(req)));
  });

  router.get('/api/practices/:id/diff', async (req, res) => {
    const { from, to } = parseInput(diffQuery, req.query);
    res.json(await practices.diffRevisions(caller(res), param(req, 'id'), from, to));
  });

  router.get('/api/practices/:id/comments', async (req, res) => {
    res.json({ items: await practices.listComments(caller(res), param(req, 'id')) });
  });

  router.post('/api/practices/:id/comments', async (req, res) => {
    res.status(201).json({ items: await practices.addComment(caller(res), param(req, 'id'), bodyOf(req)) });
  });

  router.use(translateFieldMessages);
  return router;
}
