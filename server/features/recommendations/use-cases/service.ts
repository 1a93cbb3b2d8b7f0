import type { Connection } from 'mongoose';
import { recommendationsOutbox } from '../persistence/index-source';
import { recommendationsModels } from '../persistence/recommendation-model';
import { recommendationQueries } from '../persistence/recommendation-queries';
import { createRecommendationStore } from '../persistence/recommendation-store';
import { actorOf } from '../domain/access';
import { comments } from './comments';
import { desk } from './desk';
import type { RecommendationsDeps } from './context';
import { editing } from './editing';
import { evidence } from './evidence';
import { recommendationJson, type RecommendationJson } from './presenters';
import { queries } from './queries';
import { revisions } from './revisions';
import { seeding } from './seed';
import { workflowSteps } from './workflow-steps';

export type RecommendationsService = ReturnType<typeof createRecommendationsService>;

/**
 * Recommendations: the network's proposals for depopulation control, backed by practices. Every method
 * takes the caller (res.locals.user, undefined for a visitor) and applies the policy itself, so the JSON
 * API and the pages cannot disagree about who may do what. Input is `unknown` and parsed here with the
 * same zod schemas the OpenAPI document is built from.
 */
export function createRecommendationsService(connection: Connection, deps: RecommendationsDeps) {
  const models = recommendationsModels(connection, { users: deps.users, logger: deps.logger });
  const store = createRecommendationStore<RecommendationJson>(models, {
    can: deps.can,
    present: (doc, caller) => recommendationJson(doc, actorOf(caller), deps.can),
  });
  const ctx = { models, store, reads: recommendationQueries(models), deps };
  const edits = editing(ctx);
  const steps = workflowSteps(ctx);
  const citations = evidence(ctx);
  return {
    ...edits,
    ...queries(ctx),
    ...steps,
    ...revisions(ctx),
    ...comments(ctx),
    ...citations,
    ...desk(ctx),
    ...seeding(ctx, {
      create: (c, body) => edits.create(c, body),
      cite: (c, id, body) => citations.cite(c, id, body),
      openConsultation: (c, id) => steps.openConsultation(c, id),
      finalise: (c, id) => steps.finalise(c, id),
    }),
    /** The search outbox of the recommendations collection (server/lib/search-outbox). */
    outbox: recommendationsOutbox(models),
  };
}
