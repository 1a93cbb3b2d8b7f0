import { UnauthorizedError, ValidationError, type FieldErrors } from '../../../lib/errors';
import type { User } from '../../users';
import type { PracticeDoc } from '../persistence/practice-model';
import type { Caller } from '../domain/access';
import type { PracticeChanges } from '../domain/input';
import type { PracticeContent } from '../domain/practice-fields';
import type { PracticesContext } from './context';

/** Rules every kind of edit shares (form, restore, attachments, import). */

export const signedIn = (caller: Caller): User => {
  if (!caller) throw new UnauthorizedError();
  return caller;
};

/** Themes and target groups from the vocabularies (retired ones only if already carried) and a known event. */
export async function checkReferences(deps: PracticesContext['deps'], changes: PracticeChanges, current?: PracticeContent): Promise<void> {
  const fields: FieldErrors = {};
  if (changes.themes && (await deps.vocabularies.invalidSlugs('theme', changes.themes, current?.themes)).length > 0) {
    fields.themes = ['practices.error.unknown_term'];
  }
  if (changes.targetGroups && (await deps.vocabularies.invalidSlugs('target-group', changes.targetGroups, current?.targetGroups)).length > 0) {
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
export function editEffects(store: PracticesContext['store'], caller: Caller, doc: PracticeDoc, working: PracticeContent) {
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
