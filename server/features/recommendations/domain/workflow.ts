import type { Action, RecommendationStatus } from '../../../lib/policy';
import { defineWorkflow } from '../../../lib/versioned';

/**
 * The recommendation workflow: each step, the statuses it may start from, the status it leads to and the
 * policy action that says who may take it. The service checks steps against it (and what each step
 * requires of the content), the policy answers "who", and the page offers exactly the steps `allowed` returns.
 *
 * A draft is put to the members in a consultation, or made final directly; a consultation can go back to
 * draft. Withdrawing (with a reason) takes a consultation or a final recommendation out of use; a
 * withdrawn one can be reopened as a draft.
 */
export const RECOMMENDATION_WORKFLOW = defineWorkflow<RecommendationStatus, Action, object>()({
  'open-consultation': { from: ['draft'], to: 'consultation', who: 'recommendation.manage' },
  'back-to-draft': { from: ['consultation'], to: 'draft', who: 'recommendation.manage' },
  finalise: { from: ['draft', 'consultation'], to: 'final', who: 'recommendation.manage' },
  withdraw: { from: ['consultation', 'final'], to: 'withdrawn', who: 'recommendation.manage', reason: true },
  reopen: { from: ['withdrawn'], to: 'draft', who: 'recommendation.manage' },
});

export type RecommendationStep = keyof typeof RECOMMENDATION_WORKFLOW.steps;
export const RECOMMENDATION_STEPS = Object.keys(RECOMMENDATION_WORKFLOW.steps) as RecommendationStep[];
