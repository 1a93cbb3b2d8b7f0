import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, DatabaseUnavailableError, NotFoundError, PayloadTooLargeError, BadRequestError, ValidationError } from './errors';
import { isDatabaseUnavailable } from './db';
import type { Logger } from './logger';
import { CSRF_ERROR_CODE } from './csrf';
import { translator, DEFAULT_LOCALE, type Translate } from './i18n';
import { redactUrlSecrets } from './url-secrets';

const TITLED_STATUSES = new Set([400, 401, 403, 404, 413, 422, 429, 503]);

export function wantsJson(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError());
};

/** Errors thrown by body parsers and other libraries, mapped into our family so clients see one shape. */
function normalise(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new DatabaseUnavailableError();
  const e = err as { type?: string; status?: number; code?: string };
  if (e?.code === CSRF_ERROR_CODE) return new AppError('error.message.csrf', 403, CSRF_ERROR_CODE);
  if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError();
  if (e?.type === 'entity.parse.failed') return new BadRequestError('error.message.invalid_json', 'invalid_json');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('error.message.bad_request', e.status, 'bad_request');
  }
  return new AppError('error.internal', 500, 'internal_error', false);
}

export function errorHandler(options: { logger: Logger; showStack: boolean }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = normalise(err);
    const url = redactUrlSecrets(req.originalUrl);
    // An outage is one condition with one message, not a stack trace per request.
    if (appError instanceof DatabaseUnavailableError) options.logger.warn({ url, reason: (err as Error).message }, 'database unavailable; answered 503');
    else if (appError.status >= 500) options.logger.error({ err, url }, 'request failed');
    const t = (res.locals.t as Translate | undefined) ?? translator(DEFAULT_LOCALE);
    const message = t(appError.expose ? appError.message : 'error.internal');
    if (res.headersSent) return;
    // A visitor who follows a link to a members' page is sent to sign in and then brought back.
    if (appError.status === 401 && !wantsJson(req.path) && req.method === 'GET') {
      res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(appError.status);
    if (appError.status === 503 && !res.get('Retry-After')) res.set('Retry-After', '30');
    if (wantsJson(req.path)) {
      res.json({
        error: {
          code: appError.code,
          message,
          ...(appError instanceof ValidationError ? { fields: appError.fields } : {}),
        },
      });
      return;
    }
    const view = {
      title: t(TITLED_STATUSES.has(appError.status) ? `error.title.${appError.status}` : 'error.title.generic'),
      status: appError.status,
      message,
      stack: options.showStack && appError.status >= 500 && err instanceof Error ? err.stack : undefined,
    };
    res.render('error', view, (renderError: Error | null, html?: string) => {
      if (!renderError) return void res.send(html);
      // The error page itself failed: answer plainly rather than let Express print a stack trace.
      options.logger.error({ err: renderError }, 'error page failed to render');
      res.type('text/plain').send(`${view.title}\n\n${message}`);
    });
  };
}
