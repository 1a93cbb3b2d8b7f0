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
