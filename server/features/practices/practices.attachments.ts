import { Types } from 'mongoose';
import { NotFoundError, ValidationError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { extractText } from '../../lib/text-extraction';
import type { AttachmentStore, DownloadableAttachment, IncomingFile, StoredAttachment } from '../../lib/uploads';
import type { PracticesContext } from './practices.context';
import { signedIn, type editing } from './practices.editing';
import type { Attachment, PracticeDoc } from './practices.model';
import { actionInput, parseInput, uploadFields } from './practices.schema';
import type { Caller, PracticeJson } from './practices.view';

/** The file side of attachments: storing, removing and reading text, over server/lib/uploads.ts. */
export type AttachmentFiles = {
  saveAll(files: readonly IncomingFile[]): Promise<StoredAttachment[]>;
  removeAll(storedNames: readonly string[]): Promise<string[]>;
  textOf(buffer: Buffer, mimeType: string): Promise<string>;
  /** The text of a file already stored ('' when it is gone), for attachments brought back from history. */
  storedTextOf(storedName: string, mimeType: string): Promise<string>;
};

export function attachmentFiles(store: AttachmentStore, logger: Logger): AttachmentFiles {
  const textOf = (buffer: Buffer, mimeType: string) =>
    extractText(buffer, mimeType, {
      onError: (err) => logger.warn({ err, mimeType }, 'no text extracted from attachment'),
    });
  return {
    saveAll: (files) => store.saveAll(files),
    removeAll: (names) => store.removeAll(names),
    textOf,
    async storedTextOf(storedName, mimeType) {
      const buffer = await store.read(storedName).catch(() => undefined);
      return buffer ? textOf(buffer, mimeType) : '';
    },
  };
}

const ATTACHMENT_ID = /^[0-9a-f]{32}$/;

export function attachments(ctx: PracticesContext, edits: Pick<ReturnType<typeof editing>, 'editEffects'>) {
  const { store, deps } = ctx;

  async function commitAttachments(
    caller: Caller,
    doc: PracticeDoc,
    list: Attachment[],
    expected: number,
  ): Promise<PracticeDoc> {
    const working = { ...doc.working, attachments: list };
    const { set, unset } = edits.editEffects(caller, doc, working);
    return store.commit(
      doc,
      signedIn(caller),
      { kind: 'attachments', changedFields: ['attachments'], set, unset },
      expected,
    );
  }

  return {
    /**
     * Adds uploaded files to the working copy. All or nothing: a refused type, too many files, a
     * conflict or a failed write leaves neither a file on disk nor a changed practice.
     */
    async addAttachments(
      caller: Caller,
      id: string,
      files: readonly IncomingFile[],
      fields: unknown = {},
    ): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.edit', doc);
      const user = signedIn(caller);
      const input = parseInput(uploadFields, fields);
      const expected = input.revision ?? doc.revision;
      if (expected !== doc.revision) return store.conflict(doc._id, caller);
      if (files.length === 0)
        throw new ValidationError('error.message.validation', { attachments: ['practices.error.no_files'] });
      if (doc.working.attachments.length + files.length > deps.maxAttachments) {
        throw new ValidationError('practices.error.too_many_attachments', {
          attachments: ['practices.error.too_many_attachments'],
        });
      }
      const saved = await deps.files.saveAll(files);
      try {
        const texts = await Promise.all(saved.map((file, i) => deps.files.textOf(files[i]!.buffer, file.mimeType)));
        const uploadedAt = new Date();
        const added: Attachment[] = saved.map((file, i) => ({
          ...file,
          text: texts[i] ?? '',
          uploadedBy: new Types.ObjectId(user.id),
          uploadedAt,
        }));
        const updated = await commitAttachments(caller, doc, [...doc.working.attachments, ...added], expected);
        return store.json(updated, caller);
      } catch (err) {
        await deps.files.removeAll(saved.map((file) => file.storedName));
        throw err;
      }
    },

    /** Takes an attachment off the working copy. The file stays: older revisions still name it. */
    async removeAttachment(
      caller: Caller,
      id: string,
      attachmentId: string,
      body: unknown = {},
    ): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.edit', doc);
      const input = parseInput(actionInput, body);
      const remaining = doc.working.attachments.filter((a) => a.id !== attachmentId);
      if (remaining.length === doc.working.attachments.length) throw new NotFoundError();
      const updated = await commitAttachments(caller, doc, remaining, input.revision ?? doc.revision);
      return store.json(updated, caller);
    },

    /**
     * The attachment to send, if this caller may read the copy that holds it: the published copy's files
     * for its readers, the working copy's for its authors and the curators.
     */
    async openAttachment(
      caller: Caller,
      id: string,
      attachmentId: string,
    ): Promise<DownloadableAttachment & { size: number }> {
      const doc = await store.load(id);
      const readsWorking = store.can(caller, 'practice.read-working', doc);
      const reads = store.can(caller, 'practice.read', doc);
      if (!readsWorking && !reads) store.authorize(caller, 'practice.read', doc);
      const pick = (list: Attachment[] | undefined) =>
        ATTACHMENT_ID.test(attachmentId) ? list?.find((a) => a.id === attachmentId) : undefined;
      const found =
        (readsWorking ? pick(doc.working.attachments) : undefined) ??
        (reads || readsWorking ? pick(doc.published?.attachments) : undefined);
      if (!found) throw new NotFoundError();
      return {
        storedName: found.storedName,
        originalName: found.originalName,
        mimeType: found.mimeType,
        size: found.size,
      };
    },
  };
}
