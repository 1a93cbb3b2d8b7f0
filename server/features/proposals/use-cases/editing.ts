import { trusted } from 'mongoose';
import { isDuplicateKey } from '../../../lib/db';
import { AppError, ConflictError, ValidationError, addFieldErrors, fieldErrorMap } from '../../../lib/errors';
import { changedFields } from '../../../lib/versioned';
import type { EditionDoc, Frozen } from '../persistence/edition-model';
import type { Citation } from '../domain/edition-document';
import {
  createEditionInput,
  DEFAULT_TITLE,
  EDITION_FIELDS,
  parseInput,
  publishEditionInput,
  updateEditionInput,
  type EditionContent,
} from '../domain/edition-fields';
import { deny, loadReadable, mayCurate, objectIdOf, type Caller, type ProposalsContext } from './context';

const NUMBER_ATTEMPTS = 5;

/** The coordinator's work on editions: drafting (choose, order, introduce), publishing and dropping drafts. */
export function editing(ctx: ProposalsContext) {
  const { models, deps } = ctx;
  const { Edition, store } = models;

  function curator(caller: Caller) {
    if (!mayCurate(deps, caller)) deny(caller);
    return caller!;
  }

  const changedMeanwhile = () => new ConflictError('proposals.error.edited_meanwhile', 'edit_conflict');

  async function loadDraft(caller: Caller, id: string): Promise<EditionDoc> {
    curator(caller);
    const doc = await loadReadable(ctx, caller, id);
    if (doc.status !== 'draft') throw new ConflictError('proposals.error.published_frozen', 'published');
    return doc;
  }

  /** Every chosen id must name a recommendation the curator can read (whatever its status while drafting). */
  async function assertKnown(caller: Caller, ids: readonly string[]): Promise<void> {
    const fields = fieldErrorMap();
    await Promise.all(
      ids.map((id, i) =>
        deps.recommendations.current(caller, id).catch((err: unknown) => {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          addFieldErrors(fields, `recommendations.${i}`, 'proposals.error.unknown_recommendation');
        }),
      ),
    );
    if (Object.keys(fields).length > 0) throw new ValidationError('error.message.validation', fields);
  }

  /** The next edition number: one after the highest published (a race is settled by the unique index). */
  async function nextNumber(): Promise<number> {
    const last = await Edition.findOne({ number: trusted({ $gte: 1 }) }, { number: 1 })
      .sort({ number: -1 })
      .lean<{ number?: number }>();
    return (last?.number ?? 0) + 1;
  }

  return {
    nextNumber,

    async create(caller: Caller, body: unknown, options: { importKey?: string } = {}): Promise<EditionDoc> {
      const user = curator(caller);
      const input = parseInput(createEditionInput, body);
      let base: EditionContent = { title: DEFAULT_TITLE, introduction: '', recommendations: [] };
      if (input.basedOn) {
        const previous = await loadReadable(ctx, caller, input.basedOn);
        base = {
          ...previous.content,
          recommendations: previous.frozen?.items.map((i) => i.recommendationId) ?? previous.content.recommendations,
        };
      }
      const content: EditionContent = {
        title: input.title ?? base.title,
        introduction: input.introduction ?? base.introduction,
        recommendations: input.recommendations ?? base.recommendations,
      };
      if (input.recommendations) await assertKnown(caller, input.recommendations);
      return store.insert(
        { content, status: 'draft', deleted: false, ...(options.importKey ? { importKey: options.importKey } : {}) },
        objectIdOf(user),
        { changedFields: changedFields(EDITION_FIELDS, {}, content) },
      );
    },

    async update(caller: Caller, id: string, body: unknown): Promise<EditionDoc> {
      const user = curator(caller);
      const input = parseInput(updateEditionInput, body);
      const doc = await loadDraft(caller, id);
      if (input.recommendations) await assertKnown(caller, input.recommendations);
      const content: EditionContent = {
        title: input.title ?? doc.content.title,
        introduction: input.introduction ?? doc.content.introduction,
        recommendations: input.recommendations ?? doc.content.recommendations,
      };
      const fields = changedFields(EDITION_FIELDS, doc.content, content);
      if (doc.revision !== input.revision) throw changedMeanwhile();
      if (fields.length === 0) return doc;
      return store.commit(
        doc,
        objectIdOf(user),
        { kind: 'edit', changedFields: fields, set: { content } },
        input.revision,
        changedMeanwhile,
      );
    },

    /** Drafts only; soft, like every delete here: its revisions stay. */
    async remove(caller: Caller, id: string): Promise<void> {
      const user = curator(caller);
      const doc = await loadDraft(caller, id);
      await store.commit(
        doc,
        objectIdOf(user),
        { kind: 'delete', changedFields: [], set: { deleted: true, deletedAt: new Date() } },
        doc.revision,
        changedMeanwhile,
      );
    },

    /**
     * Publishes a draft: it gets the next edition number, and what it contains is frozen: the revision of each
     * recommendation, the measure groups' labels and the cited practices' facts of the day. Only final
     * recommendations go in. An audited coordinator action.
     */
    async publish(
      caller: Caller,
      id: string,
      body: unknown,
      meta: { ip?: string | undefined; at?: Date | undefined } = {},
    ): Promise<EditionDoc> {
      const user = curator(caller);
      const input = parseInput(publishEditionInput, body);
      const doc = await loadDraft(caller, id);
      if (input.revision !== undefined && input.revision !== doc.revision) throw changedMeanwhile();

      const fields = fieldErrorMap();
      if (!doc.content.introduction.trim())
        addFieldErrors(fields, 'introduction', 'proposals.error.introduction_required');
      if (doc.content.recommendations.length === 0)
        addFieldErrors(fields, 'recommendations', 'proposals.error.recommendations_required');
      const current = await Promise.all(
        doc.content.recommendations.map((rid, i) =>
          deps.recommendations.current(caller, rid).catch((err: unknown) => {
            if (!(err instanceof AppError) || err.status >= 500) throw err;
            addFieldErrors(fields, `recommendations.${i}`, 'proposals.error.unknown_recommendation');
            return undefined;
          }),
        ),
      );
      current.forEach((rec, i) => {
        if (rec && rec.status !== 'final') addFieldErrors(fields, `recommendations.${i}`, 'proposals.error.not_final');
      });
      if (Object.keys(fields).length > 0) throw new ValidationError('proposals.error.cannot_publish', fields);

      const items = current.map((rec) => ({ recommendationId: rec!.id, revision: rec!.revision }));
      // Each frozen revision must be in the history: the edition is rendered from it from now on.
      const snapshots = await Promise.all(
        items.map((item) => deps.recommendations.frozen(item.recommendationId, item.revision)),
      );
      const citations: Citation[] = snapshots.flatMap((s) => s.text.evidence);
      const frozen: Frozen = {
        items,
        groups: await deps.recommendations.groups(),
        references: await deps.recommendations.references(citations),
      };

      const at = meta.at ?? new Date();
      let published: EditionDoc | undefined;
      for (let attempt = 1; !published; attempt += 1) {
        const number = await nextNumber();
        published = await store
          .commit(
            doc,
            objectIdOf(user),
            {
              kind: 'publish',
              changedFields: [],
              set: { status: 'published', number, publishedAt: at, publishedBy: objectIdOf(user), frozen },
            },
            doc.revision,
            changedMeanwhile,
          )
          .catch((err: unknown) => {
            // Another edition took the number meanwhile: take the next one.
            if (isDuplicateKey(err) && attempt < NUMBER_ATTEMPTS) return undefined;
            throw err;
          });
      }
      await deps.audit.record({
        action: 'proposals.edition-published',
        actor: { id: user.id, email: user.email },
        target: {
          type: 'edition',
          id: published._id.toHexString(),
          label: `${published.content.title}, ${published.number}`,
        },
        ip: meta.ip,
        details: { number: published.number, recommendations: items },
      });
      return published;
    },
  };
}
