import { Types } from 'mongoose';
import { ValidationError, type FieldErrors } from '../../../lib/errors';
import type { IncomingFile } from '../../../lib/uploads';
import { withStoredFiles } from '../persistence/attachment-files';
import type { PracticeDoc } from '../persistence/practice-model';
import type { PracticeContent } from '../domain/practice-fields';
import { actorOf, type Caller } from '../domain/access';
import { applyChanges, changedFields, emptyContent, missingForSubmission } from '../domain/content';
import { createPracticeInput, updatePracticeInput, type PracticeChanges } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import { resolveLocation, type Location, type LocationInput } from '../domain/location';
import type { PracticesContext } from './context';
import { checkReferences, editEffects, signedIn } from './edit-rules';
import { contentJson, type ContentJson, type PracticeJson } from './presenters';

const LOCATION_KEYS = ['city', 'cityName', 'country'] as const;

function splitInput<T extends PracticeChanges>(
  input: T,
): { changes: Omit<T, 'city' | 'cityName' | 'country'>; location: LocationInput | undefined } {
  const { city, cityName, country, ...changes } = input;
  const given = LOCATION_KEYS.some((key) => Object.hasOwn(input, key));
  return { changes, location: given ? { city, cityName, country } : undefined };
}

/**
 * A new practice's content and place from API input, checked as every new practice is: the schema, the
 * place (a network city or a named European one), the vocabularies and the event. `allowPlace` refuses a
 * place the caller may not write to before the references are looked up.
 */
export async function newPractice(
  deps: PracticesContext['deps'],
  body: unknown,
  fallbackCity: string | undefined,
  allowPlace: (city: string) => void = () => undefined,
): Promise<{ working: PracticeContent; place: Location }> {
  const input = parseInput(createPracticeInput, body);
  const { changes, location } = splitInput(input);
  const place = await resolveLocation(deps.network, location ?? { city: fallbackCity });
  allowPlace(place.city);
  await checkReferences(deps, changes);
  return { working: applyChanges(emptyContent(input.title), changes), place };
}

export type EditForm = {
  id: string;
  revision: number;
  status: PracticeDoc['status'];
  location: Location;
  content: ContentJson;
  /** What submission still needs, by field, so the form can mark it before the authors try. */
  missing: FieldErrors;
};

export function editing(ctx: PracticesContext) {
  const { store, deps } = ctx;

  function assertMayCreate(caller: Caller) {
    if (!deps.can(actorOf(caller), 'practice.create')) store.deny(caller);
    return signedIn(caller);
  }

  return {
    /**
     * A new draft, with its files if any. Only the title is required; a partner's practice defaults to their
     * own city. All or nothing: fields that are refused store no file, and a refused file (its type,
     * too many) or a failed write stores neither the practice nor any file.
     */
    async create(caller: Caller, body: unknown, files: readonly IncomingFile[] = []): Promise<PracticeJson> {
      const user = assertMayCreate(caller);
      const actor = actorOf(caller);
      const { working, place } = await newPractice(deps, body, user.city, (city) => {
        if (!deps.can(actor, 'practice.create', { city })) store.deny(caller);
      });
      if (files.length > deps.maxAttachments) {
        throw new ValidationError('practices.error.too_many_attachments', {
          attachments: ['practices.error.too_many_attachments'],
        });
      }
      const by = new Types.ObjectId(user.id);
      const doc = await withStoredFiles(deps.files, files, (stored) => {
        const uploadedAt = deps.now();
        const content = { ...working, attachments: stored.map((file) => ({ ...file, uploadedBy: by, uploadedAt })) };
        return store.insert(
          { working: content, status: 'draft', location: place, by },
          { changedFields: changedFields({}, { ...content, ...place }) },
        );
      });
      return store.json(doc, caller);
    },

    /** Refuses early (before an upload is read) when the caller may not create practices at all. */
    assertMayCreate,

    /**
     * A partial update from the revision the editor started from. If someone saved in between, nothing
     * is written and an EditConflictError carries the stored version; the caller still has its own text.
     */
    async update(caller: Caller, id: string, body: unknown): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.edit', doc);
      const user = signedIn(caller);
      const input = parseInput(updatePracticeInput, body);
      if (input.revision !== doc.revision) return store.conflict(doc._id, caller);
      const { revision: _revision, ...rest } = input;
      const { changes, location } = splitInput(rest);
      const current: Location = { city: doc.city, cityName: doc.cityName, country: doc.country };
      const place = location ? await resolveLocation(deps.network, location, current) : current;
      // Moving a practice is an edit of the practice in its new city too: partners cannot move it away.
      if (place.city !== doc.city && !store.can(caller, 'practice.edit', { ...doc, city: place.city }))
        store.deny(caller);
      await checkReferences(deps, changes, doc.working);
      const working = applyChanges(doc.working, changes);
      const fields = changedFields({ ...doc.working, ...current }, { ...working, ...place });
      if (fields.length === 0) return store.json(doc, caller);
      const { set, unset } = editEffects(store, caller, doc, working);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'edit', changedFields: fields, set: { ...set, ...place }, unset },
        input.revision,
      );
      return store.json(updated, caller);
    },

    /** Refuses early (before an upload is read) when the caller may not edit this practice. */
    async assertEditable(caller: Caller, id: string): Promise<void> {
      store.authorize(caller, 'practice.edit', await store.load(id));
    },

    /** The working copy for an edit form, with the revision to send back and what submission still needs. */
    async forEdit(caller: Caller, id: string): Promise<EditForm> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.edit', doc);
      return {
        id: doc._id.toHexString(),
        revision: doc.revision,
        status: doc.status,
        location: { city: doc.city, cityName: doc.cityName, country: doc.country },
        content: contentJson(doc._id.toHexString(), doc.working, { showEmail: true }),
        missing: missingForSubmission(doc),
      };
    },
  };
}
