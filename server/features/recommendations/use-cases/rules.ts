import { UnauthorizedError, ValidationError, type FieldErrors } from '../../../lib/errors';
import type { User } from '../../users';
import type { Caller } from '../domain/access';
import type { RecommendationChanges } from '../domain/input';
import type { RecommendationContent } from '../domain/recommendation-fields';
import type { RecommendationsContext } from './context';

/** Rules every kind of edit shares (form, API, restore, import). */

export const signedIn = (caller: Caller): User => {
  if (!caller) throw new UnauthorizedError();
  return caller;
};

/** The measure group, themes and target groups from their vocabularies (retired terms only if already carried). */
export async function checkReferences(
  deps: RecommendationsContext['deps'],
  changes: RecommendationChanges,
  current?: RecommendationContent,
): Promise<void> {
  const fields: FieldErrors = {};
  const { vocabularies } = deps;
  if (changes.measureGroup && (await vocabularies.invalidSlugs('measure-group', [changes.measureGroup], current?.measureGroup ? [current.measureGroup] : [])).length > 0) {
    fields.measureGroup = ['recommendations.error.unknown_term'];
  }
  if (changes.themes && (await vocabularies.invalidSlugs('theme', changes.themes, current?.themes)).length > 0) {
    fields.themes = ['recommendations.error.unknown_term'];
  }
  if (changes.targetGroups && (await vocabularies.invalidSlugs('target-group', changes.targetGroups, current?.targetGroups)).length > 0) {
    fields.targetGroups = ['recommendations.error.unknown_term'];
  }
  if (Object.keys(fields).length > 0) throw new ValidationError('error.message.validation', fields);
}
