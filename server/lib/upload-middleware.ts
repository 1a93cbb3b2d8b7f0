import type { RequestHandler } from 'express';
import multer from 'multer';
import { BadRequestError, PayloadTooLargeError, ValidationError } from './errors';
import { DEFAULT_LOCALE, translator, type Translate } from './i18n';

export type UploadOptions = Readonly<{
  maxFileBytes: number;
  maxFiles: number;
  field?: string;
  /** Text fields sent with the files (a practice form has many). */
  maxFields?: number;
  maxFieldBytes?: number;
}>;

const megabytes = (bytes: number) => {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
};

/**
 * Multipart parsing for one file field into memory (req.files), with every Multer/busboy limit set and its
 * errors mapped into our family. Messages that need numbers are translated here, in the request's language,
 * because the error handler translates keys without parameters (a translated text passes through it as is).
 */
export function createUploadMiddleware(options: UploadOptions): RequestHandler {
  const field = options.field ?? 'attachments';
  const maxFields = options.maxFields ?? 300;
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8', // browsers send UTF-8 file names; busboy would read them as latin1
    limits: {
      fileSize: options.maxFileBytes,
      files: options.maxFiles,
      fields: maxFields,
      fieldSize: options.maxFieldBytes ?? 256 * 1024,
      fieldNameSize: 200,
      parts: options.maxFiles + maxFields,
      headerPairs: 20,
      fieldNestingDepth: 4,
      fieldArrayIndexLimit: 999,
    },
  }).array(field, options.maxFiles);

  return (req, res, next) => {
    upload(req, res, (err?: unknown) => {
      if (!err) return next();
      const t = (res.locals.t as Translate | undefined) ?? translator(DEFAULT_LOCALE);
      next(uploadError(err, t, options, field));
    });
  };
}

function uploadError(err: unknown, t: Translate, options: UploadOptions, field: string): unknown {
  if (!(err instanceof multer.MulterError)) {
    // The client went away mid-upload: its fault, not the server's, and nothing was stored.
    if (err instanceof Error && err.message === 'Request aborted') return new BadRequestError('uploads.error.interrupted', 'upload_interrupted');
    // busboy's own complaints about a malformed body ("Unexpected end of form", bad boundary…)
    const message = err instanceof Error ? err.message : '';
    const malformed = /multipart|boundary|unexpected end of (form|file)|malformed|content type/i.test(message);
    return malformed ? new BadRequestError('uploads.error.malformed') : err;
  }
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return new PayloadTooLargeError(t('uploads.error.file_too_large', { mb: megabytes(options.maxFileBytes) }));
    case 'LIMIT_FIELD_VALUE':
      return new PayloadTooLargeError('uploads.error.field_too_large');
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE': {
      if (err.code === 'LIMIT_UNEXPECTED_FILE' && err.field !== field) {
        const key = 'uploads.error.unexpected_file';
        return new ValidationError(key, { [err.field ?? field]: [key] });
      }
      const message = t('uploads.error.too_many_files', { max: options.maxFiles });
      return new ValidationError(message, { [field]: [message] });
    }
    default:
      return new BadRequestError('uploads.error.malformed');
  }
}
