import { Types } from 'mongoose';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import type { DownloadableAttachment, IncomingFile } from '../../../lib/uploads';
import { withStoredFiles } from '../persistence/attachment-files';
import type { PracticeDoc } from '../persistence/practice-model';
import type { Caller } from '../domain/access';
import { actionInput, uploadFields } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import type { Attachment } from '../domain/practice-fields';
import type { PracticesContext } from './context';
import { editEffects, signedIn } from './edit-rules';
import type { PracticeJson } from './presenters';

const ATTACHMENT_ID = /^[0-9a-f]{32}$/;

export function attachments(ctx: PracticesContext) {
  const { store, deps } = ctx;

  async function commitAttachments(
    caller: Caller,
    doc: PracticeDoc,
    list: Attachment[],
    expected: number,
  ): Promise<PracticeDoc> {
    const working = { ...doc.working, attachments: list };
    const { set, unset } = editEffects(store, caller, doc, working);
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
      const updated = await withStoredFiles(deps.files, files, (stored) => {
        const uploadedAt = new Date();
        const added: Attachment[] = stored.map((file) => ({
          ...file,
          uploadedBy: new Types.ObjectId(user.id),
          uploadedAt,
        }));
        return commitAttachments(caller, doc, [...doc.working.attachments, ...added], expected);
      });
      return store.json(updated, caller);
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
