import type { ErrorRequestHandler, Request, Response } from 'express';
import { ValidationError, type FieldErrors } from '../../../lib/errors';
import type { Translate } from '../../../lib/i18n';
import { createUploadMiddleware } from '../../../lib/uploads';
import { ImportFileError, IMPORT_LIMITS } from '../domain/read-file';
import type { UploadedFile } from '../use-cases/service';

/** One file in the field `file`, in memory, at most the import limit (Multer answers 413 past it). */
export const importUpload = () => createUploadMiddleware({ maxFileBytes: IMPORT_LIMITS.maxBytes, maxFiles: 1, field: 'file', maxFields: 5 });

export const uploadedFile = (req: Request): UploadedFile | undefined => {
  const files = (Array.isArray(req.files) ? req.files : []) as UploadedFile[];
  return files[0];
};

export const t = (res: Response): Translate => res.locals.t;

/**
 * Messages become sentences in the request's language: a refused file's message has numbers and names
 * in it, so it is translated here rather than by the error handler (which translates bare keys).
 */
export function translated(err: unknown, translate: Translate): unknown {
  if (err instanceof ImportFileError) {
    const message = translate(err.key, err.params);
    return new ValidationError(message, { file: [message] });
  }
  if (err instanceof ValidationError) {
    const fields: FieldErrors = Object.fromEntries(Object.entries(err.fields).map(([field, messages]) => [field, messages.map((m) => translate(m))]));
    return new ValidationError(err.message, fields);
  }
  return err;
}

export const translateErrors: ErrorRequestHandler = (err, _req, res, next) => {
  next(translated(err, t(res)));
};
