import type { EventPublisher } from '../../../lib/domain-events';
import type { Logger } from '../../../lib/logger';
import type { Can } from '../../../lib/policy';
import type { AuditService } from '../../audit';
import type { UsersService } from '../../users';
import type { VocabulariesService } from '../../vocabularies';
import type { PracticesService } from '../../practices';
import type { RecommendationsModels } from '../persistence/recommendation-model';
import type { RecommendationQueries } from '../persistence/recommendation-queries';
import type { createRecommendationStore } from '../persistence/recommendation-store';
import type { RecommendationJson } from './presenters';

export type RecommendationsDeps = {
  can: Can;
  logger: Logger;
  vocabularies: VocabulariesService;
  audit: AuditService;
  users: UsersService;
  /** The practices cited as evidence are read through their own feature (facts of the published copy only). */
  practices: Pick<PracticesService, 'evidenceFacts'>;
  /** Where citations and consultation comments are announced (notifications listen). */
  announce: EventPublisher;
};

export type RecommendationStore = ReturnType<typeof createRecommendationStore<RecommendationJson>>;

/** What the use cases share; built once in createRecommendationsService. */
export type RecommendationsContext = { models: RecommendationsModels; store: RecommendationStore; reads: RecommendationQueries; deps: RecommendationsDeps };

/** Extra facts about the request that the audit log keeps. */
export type RequestMeta = { ip?: string | undefined };
