import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
// The 'file-type/core' entry: Jest's resolver cannot match the root entry's node-only export conditions.
import { fileTypeFromBuffer } from 'file-type/core';
import { NotFoundError, ValidationError } from './errors';

export { createUploadMiddleware, type UploadOptions } from './upload-middleware';

/** An accepted attachment type; `labelKey` is a translation key for people, `image` says it may be shown inline. */
export type AttachmentType = Readonly<{ extension: string; mimeType: string; labelKey: string; image: boolean }>;

/**
 * What may be attached, decided by the file's content (file-type), never by its name or the browser's claim.
 * SVG, HTML, XML and plain text are absent on purpose: they can carry script.
 */
export const ATTACHMENT_TYPES: readonly AttachmentType[] = Object.freeze([
  { extension: 'pdf', mimeType: 'application/pdf', labelKey: 'uploads.type.pdf', image: false },
  { extension: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', labelKey: 'uploads.type.docx', image: false },
  { extension: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', labelKey: 'uploads.type.xlsx', image: false },
  { extension: 'pptx', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', labelKey: 'uploads.type.pptx', image: false },
  { extension: 'odt', mimeType: 'application/vnd.oasis.opendocument.text', labelKey: 'uploads.type.odt', image: false },
  { extension: 'png', mimeType: 'image/png', labelKey: 'uploads.type.png', image: true },
  { extension: 'jpg', mimeType: 'image/jpeg', labelKey: 'uploads.type.jpeg', image: true },
  { extension: 'webp', mimeType: 'image/webp', labelKey: 'uploads.type.webp', image: true },
].map((type) => Object.freeze(type))); // prettier-ignore

const TYPE_BY_MIME = new Map(ATTACHMENT_TYPES.map((type) => [type.mimeType, type]));

/** For `<input type="file" accept="…">`: a hint to the browser only; the server sniffs regardless. */
export const ATTACHMENT_ACCEPT = [...ATTACHMENT_TYPES.map((type) => `.${type.extension}`), '.jpeg'].join(',');

export function attachmentTypeOf(mimeType: string): AttachmentType | undefined {
  return TYPE_BY_MIME.get(mimeType);
}

/** The accepted type the bytes really are, or undefined (unknown, unlisted, or unreadable). */
export async function sniffAttachmentType(buffer: Buffer): Promise<AttachmentType | undefined> {
  if (buffer.length === 0) return undefined;
  try {
    const detected = await fileTypeFromBuffer(buffer);
    return detected ? TYPE_BY_MIME.get(detected.mime) : undefined;
  } catch {
    return undefined; // a malformed container is not an accepted file
  }
}

export type StoredAttachment = Readonly<{
  id: string;
  storedName: string;
  originalName: string;
  mimeType: string;
  extension: string;
  size: number;
  sha256: string;
}>;

/** What a download needs; a stored practice attachment record has these fields. */
export type DownloadableAttachment = Pick<StoredAttachment, 'storedName' | 'originalName' | 'mimeType'>;

/** Multer's memory-storage files fit this shape. */
export type IncomingFile = Readonly<{ buffer: Buffer; originalname: string }>;

/** The sniffed type is not accepted; `originalName` lets a form say which file it was. */
export class AttachmentTypeError extends ValidationError {
  constructor(
    readonly originalName: string,
    field = 'attachments',
    messageKey = 'uploads.error.type_not_allowed',
  ) {
    super(messageKey, { [field]: [messageKey] });
  }
}

/**
 * The accepted type a file's bytes are, or an AttachmentTypeError naming it (empty, or not an accepted
 * type). The one check every way in uses: the store before writing, and forms that report every refused
 * file before anything is written.
 */
export async function assertAttachmentType(file: IncomingFile, field = 'attachments'): Promise<AttachmentType> {
  if (file.buffer.length === 0) throw new AttachmentTypeError(file.originalname, field, 'uploads.error.empty_file');
  const type = await sniffAttachmentType(file.buffer);
  if (!type) throw new AttachmentTypeError(file.originalname, field);
  return type;
}

const STORED_NAME = new RegExp(`^[0-9a-f]{32}\\.(${ATTACHMENT_TYPES.map((t) => t.extension).join('|')})$`);
const MAX_NAME_LENGTH = 200;

function truncateName(name: string): string {
  const chars = Array.from(name); // code points, so a surrogate pair is never split
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length === 0 || extension.length > 16) return chars.slice(0, MAX_NAME_LENGTH).join('');
  const kept = chars.slice(0, MAX_NAME_LENGTH - extension.length).join('');
  return kept.trimEnd() + extension.join('');
}

/**
 * The client's file name made fit to show and to offer as a download name: path parts, control and
 * bidi-override characters (which can disguise `exe.pdf` as `pdf.exe`) and `/\:*?"<>|` removed.
 */
export function sanitiseOriginalName(raw: string, fallbackExtension = 'bin'): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu, '')
    .replace(/[/\\:*?"<>|]/g, '')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return truncateName(cleaned).trim() || `attachment.${fallbackExtension}`;
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(originalName: string): string {
  const ascii =
    originalName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\]/g, '_')
      .trim() || 'download';
  const encoded = encodeURIComponent(originalName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;

/**
 * Attachments on disk under generated names (`<32 hex>.<sniffed extension>`), written atomically with
 * mode 0640. Nothing the client sends ever becomes part of a path.
 */
export function createAttachmentStore(uploadsDir: string, options: { field?: string } = {}) {
  const dir = path.resolve(uploadsDir);
  const field = options.field ?? 'attachments';

  function filePath(storedName: string): string {
    if (typeof storedName !== 'string' || !STORED_NAME.test(storedName)) throw new NotFoundError();
    return path.join(dir, storedName);
  }

  const typeOrThrow = (file: IncomingFile) => assertAttachmentType(file, field);

  async function write(buffer: Buffer, originalName: string, type: AttachmentType): Promise<StoredAttachment> {
    const id = randomBytes(16).toString('hex');
    const storedName = `${id}.${type.extension}`;
    const finalPath = filePath(storedName);
    const tmpPath = path.join(dir, `.${storedName}.${randomBytes(4).toString('hex')}.tmp`);
    await fs.promises.mkdir(dir, { recursive: true });
    try {
      const handle = await fs.promises.open(tmpPath, 'wx', 0o640);
      try {
        await handle.writeFile(buffer);
        await handle.chmod(0o640); // exact, whatever the process umask
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Readers see either no file or the whole file, never a half-written one.
      await fs.promises.rename(tmpPath, finalPath);
    } catch (err) {
      await fs.promises.rm(tmpPath, { force: true });
      throw err;
    }
    return Object.freeze({
      id,
      storedName,
      originalName: sanitiseOriginalName(originalName, type.extension),
      mimeType: type.mimeType,
      extension: type.extension,
      size: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
    });
  }

  /** Removes what it can and reports what it could not, so a caller rolling back never masks its own error. */
  async function removeAll(storedNames: readonly string[]): Promise<string[]> {
    const results = await Promise.allSettled(
      storedNames.map(async (name) => fs.promises.rm(filePath(name), { force: true })),
    );
    return storedNames.filter((_name, i) => results[i]?.status === 'rejected');
  }

  return {
    dir,
    path: filePath,

    async save(buffer: Buffer, originalName: string): Promise<StoredAttachment> {
      const type = await typeOrThrow({ buffer, originalname: originalName });
      return write(buffer, originalName, type);
    },

    /** All or nothing: every file is checked before any is written, and a failed write undoes the others. */
    async saveAll(files: readonly IncomingFile[]): Promise<StoredAttachment[]> {
      const types: AttachmentType[] = [];
      for (const file of files) types.push(await typeOrThrow(file));
      const saved: StoredAttachment[] = [];
      try {
        for (const [i, file] of files.entries()) saved.push(await write(file.buffer, file.originalname, types[i]!));
      } catch (err) {
        await removeAll(saved.map((s) => s.storedName));
        throw err;
      }
      return saved;
    },

    async remove(storedName: string): Promise<void> {
      await fs.promises.rm(filePath(storedName), { force: true });
    },

    removeAll,

    async read(storedName: string): Promise<Buffer> {
      return fs.promises.readFile(filePath(storedName));
    },

    stream(storedName: string): fs.ReadStream {
      return fs.createReadStream(filePath(storedName));
    },

    /** Sends a stored file as a download with its sniffed type; 404 when it is gone. */
    async sendFile(res: Response, attachment: DownloadableAttachment): Promise<void> {
      const file = filePath(attachment.storedName);
      const stat = await fs.promises.stat(file).catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'ENOENT' ? new NotFoundError() : err;
      });
      res.status(200);
      res.setHeader('Content-Type', attachmentTypeOf(attachment.mimeType)?.mimeType ?? 'application/octet-stream');
      res.setHeader('Content-Length', String(stat.size));
      res.setHeader('Content-Disposition', contentDisposition(attachment.originalName));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (res.req.method === 'HEAD') {
        res.end();
        return;
      }
      try {
        await pipeline(fs.createReadStream(file), res);
      } catch (err) {
        // A client that goes away mid-download is not a server error.
        if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
      }
    },
  };
}
