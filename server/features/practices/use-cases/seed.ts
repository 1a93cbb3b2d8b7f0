import { Types } from 'mongoose';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import type { PracticeStatus } from '../../../lib/policy';
import type { IncomingFile } from '../../../lib/uploads';
import { withStoredFiles } from '../persistence/attachment-files';
import { snapshotOf, type RevisionKind } from '../persistence/practice-model';
import { applyChanges, changedFields, emptyContent, missingForSubmission } from '../domain/content';
import { createPracticeInput } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import { resolveLocation } from '../domain/location';
import type { Attachment } from '../domain/practice-fields';
import type { PracticesContext } from './context';
import { checkReferences } from './edit-rules';

export type SeedPracticeInput = {
  /** The same shape as `POST /api/practices` (title, summary, city or cityName + country, themes…). */
  content: unknown;
  status: PracticeStatus;
  /** The author (a user id): the practice's creator and the one who submitted it. */
  createdBy: string;
  /** Who published, asked for changes, rejected or archived it (a user id); defaults to the author. */
  reviewedBy?: string | undefined;
  /** When it was created; later steps follow a day apart unless `date` is given. */
  createdAt?: Date | undefined;
  /** When it reached its status (published, submitted, sent back…). */
  date?: Date | undefined;
  /** The reviewer's reason for changes_requested or rejected: stored as the review note and in the thread. */
  reviewNote?: string | undefined;
  attachments?: readonly { buffer: Buffer; originalName: string }[] | undefined;
  /** A stable key: seeding the same key again returns the existing practice instead of a copy. */
  importKey?: string | undefined;
};

const DAY = 24 * 60 * 60 * 1000;

/**
 * A trusted import path for the demo seed and migrations: it writes a complete practice in its final
 * status with a plausible revision history (create, attachments, submit, review decision), without the
 * request-by-request workflow, through the same store (store.importPractice) and the same file handling
 * (withStoredFiles) as every other write. No policy check: only server-side scripts call it. Input is
 * validated exactly like the API's, and anything past `draft` must be complete.
 */
export function seeding(ctx: PracticesContext) {
  const { models, store, reads, deps } = ctx;

  return {
    /**
     * Undoes an import (the demo seed's `--reset`): every practice whose importKey starts with the prefix
     * is erased with its history, thread and files, and each erasure is audited. Practices written by
     * people (no importKey) are never touched.
     */
    async removeImported(importKeyPrefix: string): Promise<number> {
      if (!/^[\w.:-]{3,}$/.test(importKeyPrefix)) throw new Error('removeImported needs a specific import key prefix');
      const docs = await reads.imported(importKeyPrefix);
      let removed = 0;
      for (const doc of docs) {
        const erased = await store.erase(doc);
        if (!erased) continue;
        removed += 1;
        await deps.audit.record({
          action: 'practice.purged',
          target: { type: 'practice', id: doc._id.toHexString(), label: doc.working.title },
          details: { ...erased, importKey: doc.importKey, reason: 'import removed' },
        });
      }
      return removed;
    },

    async seedPractice(input: SeedPracticeInput): Promise<{ id: string; created: boolean }> {
      if (input.importKey) {
        const existing = await reads.idByImportKey(input.importKey);
        if (existing) return { id: existing, created: false };
      }
      const [author, reviewer] = await Promise.all([
        deps.users.findById(input.createdBy),
        deps.users.findById(input.reviewedBy ?? input.createdBy),
      ]);
      if (!author || !reviewer) throw new NotFoundError();
      const parsed = parseInput(createPracticeInput, input.content);
      const { city, cityName, country, ...changes } = parsed;
      const place = await resolveLocation(deps.network, { city: city ?? author.city, cityName, country });
      await checkReferences(deps, changes);
      const base = applyChanges(emptyContent(parsed.title), changes);
      if (input.status !== 'draft') {
        const missing = missingForSubmission({ working: base, ...place });
        if (Object.keys(missing).length > 0) throw new ValidationError('practices.error.incomplete', missing);
      }

      const createdAt = input.createdAt ?? new Date(Date.now() - 30 * DAY);
      const authorId = new Types.ObjectId(author.id);
      const reviewerId = new Types.ObjectId(reviewer.id);
      const sendsBack = input.status === 'changes_requested' || input.status === 'rejected';

      // The steps this practice went through, one revision each.
      type Step = {
        kind: RevisionKind;
        status: PracticeStatus;
        by: Types.ObjectId;
        changedFields: string[];
        note?: string | undefined;
      };
      const steps: Step[] = [
        { kind: 'create', status: 'draft', by: authorId, changedFields: changedFields({}, { ...base, ...place }) },
      ];
      if (input.attachments?.length)
        steps.push({ kind: 'attachments', status: 'draft', by: authorId, changedFields: ['attachments'] });
      if (input.status !== 'draft')
        steps.push({ kind: 'status', status: 'submitted', by: authorId, changedFields: ['status'] });
      const decisions: Partial<Record<PracticeStatus, PracticeStatus[]>> = {
        published: ['published'],
        changes_requested: ['changes_requested'],
        rejected: ['rejected'],
        archived: ['published', 'archived'],
      };
      for (const status of decisions[input.status] ?? []) {
        steps.push({
          kind: 'status',
          status,
          by: reviewerId,
          changedFields: ['status'],
          note: sendsBack ? input.reviewNote : undefined,
        });
      }
      const finalAt = input.date ?? new Date(createdAt.getTime() + (steps.length - 1) * DAY);
      const at = (i: number) =>
        i === steps.length - 1 ? finalAt : new Date(Math.min(createdAt.getTime() + i * DAY, finalAt.getTime()));
      const stepAt = (status: PracticeStatus) => {
        const i = steps.findIndex((step) => step.status === status);
        return i >= 0 ? at(i) : undefined;
      };
      const publishedAt = stepAt('published');

      const incoming = (input.attachments ?? []).map((a): IncomingFile => ({
        buffer: a.buffer,
        originalname: a.originalName,
      }));
      const doc = await withStoredFiles(deps.files, incoming, (stored) => {
        const files: Attachment[] = stored.map((file) => ({ ...file, uploadedBy: authorId, uploadedAt: createdAt }));
        const working = { ...base, attachments: files };
        const snapshot = snapshotOf({ working, ...place });
        return store.importPractice(
          {
            working,
            published: publishedAt ? working : undefined,
            status: input.status,
            ...place,
            createdAt,
            deleted: false,
            submittedAt: input.status === 'published' || input.status === 'archived' ? undefined : stepAt('submitted'),
            publishedAt,
            firstPublishedAt: publishedAt,
            reviewNote: sendsBack ? input.reviewNote : undefined,
            importKey: input.importKey,
          },
          steps.map((step, i) => ({
            ...step,
            at: at(i),
            // The first revision had no files yet: they came with the next step.
            snapshot: step.kind === 'create' ? { ...snapshot, attachments: [] } : snapshot,
          })),
        );
      });

      if (sendsBack && input.reviewNote) {
        await models.thread.add(
          doc._id,
          reviewer,
          input.status === 'rejected' ? 'rejected' : 'changes-requested',
          input.reviewNote,
          finalAt,
        );
      }
      return { id: doc._id.toHexString(), created: true };
    },
  };
}
