import type { Logger } from '../../../lib/logger';
import { extractText } from '../../../lib/text-extraction';
import type { AttachmentStore, IncomingFile, StoredAttachment } from '../../../lib/uploads';

/** The file side of attachments: storing, removing and reading text, over server/lib/uploads.ts. */
export type AttachmentFiles = {
  saveAll(files: readonly IncomingFile[]): Promise<StoredAttachment[]>;
  removeAll(storedNames: readonly string[]): Promise<string[]>;
  textOf(buffer: Buffer, mimeType: string): Promise<string>;
  /** The text of a file already stored ('' when it is gone), for attachments brought back from history. */
  storedTextOf(storedName: string, mimeType: string): Promise<string>;
};

/**
 * Stores uploaded files and reads their text, then runs `write` with them. All or nothing: if the write
 * fails (a refusal, a conflict, a database error) the files are removed again, so no file outlives a
 * write that did not happen. The one way attachments are added, by people and by imports alike.
 */
export async function withStoredFiles<T>(
  files: AttachmentFiles,
  incoming: readonly IncomingFile[],
  write: (stored: (StoredAttachment & { text: string })[]) => Promise<T>,
): Promise<T> {
  const saved = incoming.length > 0 ? await files.saveAll(incoming) : [];
  try {
    const texts = await Promise.all(saved.map((file, i) => files.textOf(incoming[i]!.buffer, file.mimeType)));
    return await write(saved.map((file, i) => ({ ...file, text: texts[i] ?? '' })));
  } catch (err) {
    await files.removeAll(saved.map((file) => file.storedName));
    throw err;
  }
}

export function attachmentFiles(store: AttachmentStore, logger: Logger): AttachmentFiles {
  const textOf = (buffer: Buffer, mimeType: string) =>
    extractText(buffer, mimeType, { onError: (err) => logger.warn({ err, mimeType }, 'no text extracted from attachment') });
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
