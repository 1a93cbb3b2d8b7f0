import { EDITABLE_BY_AUTHORS, PRACTICE_STATUSES, type Action, type PracticeStatus } from '../../../lib/policy';
import { defineWorkflow } from '../../../lib/versioned';

const NOT_ARCHIVED = PRACTICE_STATUSES.filter((status) => status !== 'archived');

/**
 * The practice workflow: each step, the statuses it may start from, the status it leads to, and the
 * policy action that says who may take it. The service checks steps against it, the policy answers
 * "who", and the practice page offers exactly the steps `allowed` returns.
 *
 * Archiving hides a practice that readers have had: it needs a published copy. A draft that was never
 * published is deleted, not archived.
 */
export const PRACTICE_WORKFLOW = defineWorkflow<PracticeStatus, Action, { published?: unknown }>()({
  submit: { from: EDITABLE_BY_AUTHORS, to: 'submitted', who: 'practice.submit' },
  publish: { from: ['submitted', 'archived'], to: 'published', who: 'practice.review' },
  'request-changes': { from: ['submitted'], to: 'changes_requested', who: 'practice.review', reason: true },
  reject: { from: ['submitted', 'changes_requested'], to: 'rejected', who: 'practice.review', reason: true },
  archive: { from: NOT_ARCHIVED, to: 'archived', who: 'practice.archive', only: (practice) => Boolean(practice.published) },
});

export type PracticeStep = keyof typeof PRACTICE_WORKFLOW.steps;
