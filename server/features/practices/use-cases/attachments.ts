import { Types } from 'mongoose';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../lib/errors';
import { undoDeadline } from '../../../lib/policy';
import type { DownloadableAttachment, IncomingFile } from '../../../lib/uploads';
import { withStoredFiles } from '../persistence/attachment-files';
import type { PracticeDoc, RemovedAttachment } from '../persistence/practice-model';
import { actorOf, removalResourceOf, type Caller } from '../domain/access';
import { actionInput, uploadFields } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import type { Attachment } from '../domain/practice-fields';
import type { PracticesContext } from './context';
import { editEffects, signedIn } from './edit-rules';
import type { PracticeJson } from './presenters';

const ATTACHMENT_ID = /^[0-9a-f]{32}$/;

export function attachments(ctx: PracticesContext) {
  const { store, deps } = ctx;

  /** `removed` replaces the list of recently removed attachments when given. */
  async function commitAttachments(
    caller: Caller,
    doc: PracticeDoc,
    list: Attachment[],
    expected: number,
    removed?: RemovedAttachment[],
  ): Promise<PracticeDoc> {
    const working = { ...doc.working, attachments: list };
    const { set, unset } = editEffects(store, caller, doc, working);
    return store.commit(
      doc,
      signedIn(caller),
      {
        kind: 'attachments',
        changedFields: ['attachments'],
        set: removed ? { ...set, removedAttachments: removed } : set,
        unset,
      },
      expected,
    );
  }

  /** The removals whose undo window is still open: the others can never be undone, so they are not kept. */
  const stillUndoable = (doc: PracticeDoc, now: Date) =>
    (doc.removedAttachments ?? []).filter((a) => undoDeadline(a.removedAt).getTime() > now.getTime());

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
        const uploadedAt = deps.now();
        const added: Attachment[] = stored.map((file) => ({
          ...file,
          uploadedBy: new Types.ObjectId(user.id),
          uploadedAt,
        }));
        return commitAttachments(caller, doc, [...doc.working.attachments, ...added], expected);
      });
      return store.json(updated, caller);
    },

    /**
     * Takes an attachment off the working copy. The file stays: older revisions still name it, and its
     * remover may put it back within the undo window (restoreAttachment).
     */
    async removeAttachment(
      caller: Caller,
      id: string,
      attachmentId: string,
      body: unknown = {},
    ): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.edit', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const removed = doc.working.attachments.find((a) => a.id === attachmentId);
      if (!removed) throw new NotFoundError();
      const remaining = doc.working.attachments.filter((a) => a.id !== attachmentId);
      const now = deps.now();
      const removals = [
        ...stillUndoable(doc, now).filter((a) => a.id !== attachmentId),
        { ...removed, removedBy: new Types.ObjectId(user.id), removedAt: now },
      ];
      const updated = await commitAttachments(caller, doc, remaining, input.revision ?? doc.revision, removals);
      return store.json(updated, caller);
    },

    /**
     * Undoes a removal: the same attachment (id, stored file, name, uploader, text) goes back on the working
     * copy as a new revision, if the caller removed it and the undo window is still open. Based on the
     * revision the page showed, like every edit: a change in between is a conflict.
     */
    async restoreAttachment(
      caller: Caller,
      id: string,
      attachmentId: string,
      body: unknown = {},
    ): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.read-working', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      // Already back (an undo from another tab, a restored revision): nothing to undo.
      if (doc.working.attachments.some((a) => a.id === attachmentId)) {
        throw new ConflictError('practices.error.attachment_back_already', 'attachment_present');
      }
      const removal = doc.removedAttachments?.find((a) => a.id === attachmentId);
      if (!removal) throw new NotFoundError();
      if (!deps.can(actorOf(caller), 'practice.restore-attachment', removalResourceOf(doc, removal))) {
        const late =
          removal.removedBy.toHexString() === user.id && undoDeadline(removal.removedAt).getTime() <= deps.now().getTime();
        if (late) throw new ForbiddenError('practices.error.undo_expired_attachment');
        store.deny(caller);
      }
      if (doc.working.attachments.length >= deps.maxAttachments) {
        throw new ValidationError('practices.error.too_many_attachments', {
          attachments: ['practices.error.too_many_attachments'],
        });
      }
      const { removedBy: _by, removedAt: _at, ...attachment } = removal;
      const removals = (doc.removedAttachments ?? []).filter((a) => a.id !== attachmentId);
      const list = [...doc.working.attachments, attachment];
      const updated = await commitAttachments(caller, doc, list, input.revision ?? doc.revision, removals);
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
