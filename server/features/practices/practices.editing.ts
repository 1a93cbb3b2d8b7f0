import { Types } from 'mongoose';
import { UnauthorizedError, ValidationError, type FieldErrors } from '../../lib/errors';
import type { User } from '../users/users.service';
import { applyChanges, changedFields, emptyContent, missingForSubmission } from './practices.content';
import type { PracticesContext } from './practices.context';
import { resolveLocation, type Location, type LocationInput } from './practices.location';
import type { PracticeContent, PracticeDoc } from './practices.model';
import {
  createPracticeInput,
  parseInput,
  updatePracticeInput,
  type PracticeChanges,
} from './practices.schema';
import { actorOf, contentJson, type Caller, type ContentJson, type PracticeJson } from './practices.view';

export const signedIn = (caller: Caller): User => {
  if (!caller) throw new UnauthorizedError();
  return caller;
};

const LOCATION_KEYS = ['city', 'cityName', 'country'] as const;

function splitInput<T extends PracticeChanges>(input: T): { changes: Omit<T, 'city' | 'cityName' | 'country'>; location: LocationInput | undefined } {
  const { city, cityName, country, ...changes } = input;
  const given = LOCATION_KEYS.some((key) => Object.hasOwn(input, key));
  return { changes, location: given ? { city, cityName, country } : undefined };
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

  /** Themes and target groups from the vocabularies (retired ones only if already carried) and a known event. */
  async function checkReferences(changes: PracticeChanges, current?: PracticeContent): Promise<void> {
    const fields: FieldErrors = {};
    if (changes.themes && (await deps.vocabularies.invalidSlugs('theme', changes.themes, current?.themes)).length > 0) {
      fields.themes = ['practices.error.unknown_term'];
    }
    if (
      changes.targetGroups &&
      (await deps.vocabularies.invalidSlugs('target-group', changes.targetGroups, current?.targetGroups)).length > 0
    ) {
      fields.targetGroups = ['practices.error.unknown_term'];
    }
    if (changes.event && !(await deps.events.list()).some((event) => event.slug === changes.event)) {
      fields.event = ['practices.error.unknown_event'];
    }
    if (Object.keys(fields).length > 0) throw new ValidationError('error.message.validation', fields);
  }

  /**
   * How an edit lands. On a published practice, its authors start a new draft while the published
   * text stays up; a curator's edit of a published practice is the published text, changed live.
   */
  function editEffects(caller: Caller, doc: PracticeDoc, working: PracticeContent) {
    const set: Record<string, unknown> = { working };
    const unset: string[] = [];
    if (doc.status === 'published') {
      if (store.can(caller, 'practice.review', doc)) set.published = working;
      else {
        set.status = 'draft';
        unset.push('submittedAt');
      }
    }
    return { set, unset };
  }

  return {
    editEffects,
    checkReferences,

    /** A new draft. Only the title is required; a partner's practice defaults to their own city. */
    async create(caller: Caller, body: unknown): Promise<PracticeJson> {
      const actor = actorOf(caller);
      if (!deps.can(actor, 'practice.create')) store.deny(caller);
      const user = signedIn(caller);
      const input = parseInput(createPracticeInput, body);
      const { changes, location } = splitInput(input);
      const place = await resolveLocation(deps.network, location ?? { city: user.city });
      if (!deps.can(actor, 'practice.create', { city: place.city })) store.deny(caller);
      await checkReferences(changes);
      const working = applyChanges(emptyContent(input.title), changes);
      const doc = await store.insert(
        { working, status: 'draft', location: place, by: new Types.ObjectId(user.id) },
        { changedFields: changedFields({}, { ...working, ...place }) },
      );
      return store.json(doc, caller);
    },

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
      if (place.city !== doc.city && !store.can(caller, 'practice.edit', { ...doc, city: place.city })) store.deny(caller);
      await checkReferences(changes, doc.working);
      const working = applyChanges(doc.working, changes);
      const fields = changedFields({ ...doc.working, ...current }, { ...working, ...place });
      if (fields.length === 0) return store.json(doc, caller);
      const { set, unset } = editEffects(caller, doc, working);
      const updated = await store.commit(doc, user, { kind: 'edit', changedFields: fields, set: { ...set, ...place }, unset }, input.revision);
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
