import type { Logger } from '../../lib/logger';
import type { Can } from '../../lib/policy';
import type { AuditService } from '../audit/audit.service';
import type { EventsService } from '../events';
import type { NetworkService } from '../network/network.service';
import type { UsersService } from '../users/users.service';
import type { VocabulariesService } from '../vocabularies/vocabularies.service';
import type { AttachmentFiles } from './practices.attachments';
import type { PracticesModels } from './practices.model';
import type { PracticeStore } from './practices.store';

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

/** What the parts of the practices service share; built once in createPracticesService. */
export type PracticesContext = { models: PracticesModels; store: PracticeStore; deps: PracticesDeps };

/** Extra facts about the request that the audit log keeps. */
export type RequestMeta = { ip?: string | undefined };
