import type { EventPublisher } from '../../../lib/domain-events';
import type { Logger } from '../../../lib/logger';
import type { Can } from '../../../lib/policy';
import type { AuditService } from '../../audit';
import type { EventsService } from '../../events';
import type { NetworkService } from '../../network';
import type { UsersService } from '../../users';
import type { VocabulariesService } from '../../vocabularies';
import type { AttachmentFiles } from '../persistence/attachment-files';
import type { PracticesModels } from '../persistence/practice-model';
import type { PracticeQueries } from '../persistence/practice-queries';
import type { createPracticeStore } from '../persistence/practice-store';
import type { PracticeJson } from './presenters';

export type PracticesDeps = {
  can: Can;
  logger: Logger;
  network: NetworkService;
  events: Pick<EventsService, 'list'>;
  vocabularies: VocabulariesService;
  audit: AuditService;
  users: UsersService;
  /** Where attachment files live (server/lib/uploads.ts) and how their text is read. */
  files: AttachmentFiles;
  /** Attachments per practice (config.uploads.maxFiles). */
  maxAttachments: number;
  /** Where submissions, decisions and comments are announced (notifications listen). */
  announce: EventPublisher;
  /** The clock that stamps deletions and removals (the policy's undo window reads the same one). */
  now: () => Date;
};

export type PracticeStore = ReturnType<typeof createPracticeStore<PracticeJson>>;

/** What the use cases share; built once in createPracticesService. */
export type PracticesContext = { models: PracticesModels; store: PracticeStore; reads: PracticeQueries; deps: PracticesDeps };

/** The practice as announcements name it: the working title (what its authors and reviewers know it by). */
export const practiceRef = (doc: { _id: { toHexString(): string }; working: { title: string }; city: string }) => ({
  practiceId: doc._id.toHexString(),
  title: doc.working.title,
  city: doc.city,
});

/** Extra facts about the request that the audit log keeps. */
export type RequestMeta = { ip?: string | undefined };
