import type { Connection } from 'mongoose';
import { editionModels } from '../persistence/edition-model';
import type { ProposalsDeps } from './context';
import { editing } from './editing';
import { importing } from './importing';
import { reading } from './reading';

export type ProposalsService = ReturnType<typeof createProposalsService>;

/**
 * The final proposals document, published in editions. Every method takes the caller (undefined for a
 * visitor) and applies the policy itself: drafts are the curators', published editions everyone's who may
 * read the network's output.
 */
export function createProposalsService(connection: Connection, deps: ProposalsDeps) {
  const models = editionModels(connection, { users: deps.users, logger: deps.logger });
  const ctx = { models, deps };
  const edit = editing(ctx);
  return {
    ...edit,
    ...reading(ctx, { nextNumber: edit.nextNumber }),
    /** The measure groups in the vocabulary's order (the editor groups its choices by them). */
    measureGroups: () => deps.recommendations.groups(),
    ...importing(ctx),
  };
}
