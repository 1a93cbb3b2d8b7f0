import type { Connection } from 'mongoose';
import { practicesOutbox } from '../persistence/index-source';
import { practicesModels } from '../persistence/practice-model';
import { practiceQueries } from '../persistence/practice-queries';
import { createPracticeStore } from '../persistence/practice-store';
import { actorOf } from '../domain/access';
import { attachments } from './attachments';
import { browsing } from './browse';
import { comments } from './comments';
import type { PracticesDeps } from './context';
import { editing } from './editing';
import { evidenceFacts } from './evidence-facts';
import { importing } from './importing';
import { practiceJson, type PracticeJson } from './presenters';
import { queries } from './queries';
import { revisions } from './revisions';
import { seeding } from './seed';
import { undoing } from './undo';
import { workflowSteps } from './workflow-steps';

export type PracticesService = ReturnType<typeof createPracticesService>;

/**
 * Practices: the record, its workflow, history, review thread and attachments. Every method takes the
 * caller (res.locals.user, undefined for a visitor) and applies the policy itself, so the JSON API and
 * the pages cannot disagree about who may do what. Input is `unknown` and parsed here with the same
 * zod schemas the OpenAPI document is built from.
 */
export function createPracticesService(connection: Connection, deps: PracticesDeps) {
  const models = practicesModels(connection, { users: deps.users, logger: deps.logger });
  const store = createPracticeStore<PracticeJson>(models, {
    can: deps.can,
    logger: deps.logger,
    files: deps.files,
    present: (doc, caller) => practiceJson(doc, actorOf(caller), deps.can),
  });
  const ctx = { models, store, reads: practiceQueries(models), deps };
  const outbox = practicesOutbox(models);
  return {
    ...editing(ctx),
    ...queries(ctx),
    ...workflowSteps(ctx),
    ...comments(ctx),
    ...revisions(ctx),
    ...attachments(ctx),
    ...seeding(ctx),
    ...browsing(ctx),
    ...evidenceFacts(ctx),
    ...importing(ctx),
    ...undoing(ctx),
    /** The search outbox of the practices collection (server/lib/search-outbox). */
    outbox,
    indexStates: (afterId: string | undefined, limit: number) => outbox.indexStates(afterId, limit),
    practiceCount: () => outbox.recordCount(),
  };
}
