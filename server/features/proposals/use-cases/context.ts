import { Types } from 'mongoose';
import { NotFoundError, refusal } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { Can } from '../../../lib/policy';
import type { AuditService } from '../../audit';
import { toActor, type User, type UsersService } from '../../users';
import type { EditionDoc, EditionModels } from '../persistence/edition-model';
import type { Citation, GroupLabels, RecommendationText, Reference } from '../domain/edition-document';

/** Who is asking: the signed-in user, or undefined for a visitor. */
export type Caller = User | undefined;

/** A final recommendation as the edition editor offers it. */
export type ChoosableRecommendation = {
  id: string;
  title: string;
  measureGroup: string | undefined;
  revision: number;
  evidenceCount: number;
};

export type CurrentRecommendation = { id: string; status: string; revision: number; text: RecommendationText };

/**
 * The recommendations feature as the proposals document uses it (wired in app.ts from its public surface):
 * it reads final recommendations, their revision snapshots and the facts of the practices they cite.
 */
export type ProposalRecommendations = {
  /** Every final recommendation this caller may read. */
  listFinal(caller: Caller): Promise<ChoosableRecommendation[]>;
  /** One recommendation as it is now, if this caller may read it (the feature's 401/403/404 otherwise). */
  current(caller: Caller, id: string): Promise<CurrentRecommendation>;
  /** Revision `revision` exactly as it was written. */
  frozen(id: string, revision: number): Promise<{ status: string; text: RecommendationText }>;
  /** The cited practices' facts as they stand now (each citation's practice once). */
  references(citations: readonly Citation[]): Promise<Reference[]>;
  /** The measure groups in the vocabulary's order, with their labels in every language. */
  groups(): Promise<GroupLabels[]>;
};

export type ProposalsDeps = {
  can: Can;
  logger: Logger;
  audit: AuditService;
  users: UsersService;
  recommendations: ProposalRecommendations;
};

export type ProposalsContext = { models: EditionModels; deps: ProposalsDeps };

export const actorOf = (caller: Caller) => (caller ? toActor(caller) : null);

export const deny = (caller: Caller): never => {
  throw refusal(Boolean(caller));
};

export const mayCurate = (deps: ProposalsDeps, caller: Caller) => deps.can(actorOf(caller), 'proposals.curate');

/**
 * Loads an edition this caller may read: published ones for everyone who may read the network's output,
 * drafts for the curators. A deleted draft, and a draft to anyone else, is not there at all.
 */
export async function loadReadable(ctx: ProposalsContext, caller: Caller, id: string): Promise<EditionDoc> {
  const doc = await ctx.models.store.load(id);
  const curating = mayCurate(ctx.deps, caller);
  if (doc.deleted || (doc.status === 'draft' && !curating)) {
    if (doc.status === 'draft' && !doc.deleted && !caller) deny(caller);
    throw new NotFoundError();
  }
  if (!ctx.deps.can(actorOf(caller), 'public.read')) deny(caller);
  return doc;
}

export const objectIdOf = (user: User) => new Types.ObjectId(user.id);
