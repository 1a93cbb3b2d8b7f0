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
};

export type PracticeStore = ReturnType<typeof createPracticeStore<PracticeJson>>;

/** What the use cases share; built once in createPracticesService. */
export type PracticesContext = { models: PracticesModels; store: PracticeStore; reads: PracticeQueries; deps: PracticesDeps };

/** Extra facts about the request that the audit log keeps. */
export type RequestMeta = { ip?: string | undefined };
