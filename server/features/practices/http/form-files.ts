import type { Request, RequestHandler, Response } from 'express';
import { csrfProtectionAfterMultipart } from '../../../lib/csrf';
import type { FieldErrors } from '../../../lib/errors';
import type { Translate } from '../../../lib/i18n';
import { refusalOf } from '../../../lib/refusals';
import { AttachmentTypeError, assertAttachmentType, sanitiseOriginalName, type IncomingFile } from '../../../lib/uploads';

/**
 * The files sent with the new-practice form. The form is multipart, so it is read here (Multer, with the
 * configured limits) and its CSRF token checked after that. A refused upload (too large, too many) is
 * not an error page: the form comes back with the message beside the file field and the fields kept.
 */
export type FormUpload = {
  files: IncomingFile[];
  /** Messages for the file field (already sentences or translation keys). */
  errors: string[];
  /** Whether files were chosen that the re-rendered form no longer holds (browsers cannot keep them). */
  lost: boolean;
  /** The names of those files, where they could be read. */
  names: string[];
};

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

const run = (handler: RequestHandler, req: Request, res: Response) =>
  new Promise<unknown>((resolve) => {
    handler(req, res, (err?: unknown) => resolve(err));
  });

export async function receiveFormUpload(upload: RequestHandler, req: Request, res: Response): Promise<FormUpload> {
  const uploadError = await run(upload, req, res);
  const refusal = uploadError ? refusalOf(uploadError) : undefined;
  if (uploadError && !refusal) throw asError(uploadError);
  // The token is the form's first field, so it was read even when a file further on was refused.
  const csrfError = await run(csrfProtectionAfterMultipart, req, res);
  if (csrfError) throw asError(csrfError);
  const files = refusal ? [] : ((Array.isArray(req.files) ? req.files : []) as IncomingFile[]);
  return {
    files,
    errors: refusal ? [...new Set([refusal.message, ...Object.values(refusal.fields).flat()])] : [],
    lost: Boolean(refusal) || files.length > 0,
    names: files.map((file) => sanitiseOriginalName(file.originalname)),
  };
}

/**
 * Every refused file at once, each named, before anything is written (the store checks again when it
 * writes: this only lets the form tell everything in one round).
 */
export async function fileErrors(files: readonly IncomingFile[], t: Translate): Promise<FieldErrors> {
  const messages: string[] = [];
  for (const file of files) {
    try {
      await assertAttachmentType(file);
    } catch (err) {
      if (!(err instanceof AttachmentTypeError)) throw err;
      messages.push(t('practices.form.file_refused', { name: sanitiseOriginalName(err.originalName), message: t(err.message) }));
    }
  }
  return messages.length > 0 ? { attachments: messages } : {};
}
