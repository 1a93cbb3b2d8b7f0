import { CommandError } from './errors';
import {
  collectionName,
  database,
  optionalBoolean,
  optionalDoc,
  type CommandContext,
  type CommandTable,
} from './command-context';
import { queryOptions } from './commands-read';
import { findDocuments, project, validateSort } from './query-engine';
import { applyUpdate, buildUpsertDocument, parseUpdate } from './update-engine';
import { isPlainObject, sameDocument, type Doc } from './values';

function projected(doc: Doc | undefined, fields: Doc | undefined): Doc | null {
  if (!doc) return null;
  return project([doc], fields)[0] ?? null;
}

/**
 * findAndModify: one document, chosen by `query` and `sort`, removed or updated atomically (commands run one at a
 * time on the event loop); duplicate keys surface as a command error carrying keyPattern/keyValue.
 */
function findAndModify(command: Doc, ctx: CommandContext, commandName: string): Doc {
  const name = collectionName(command, commandName, ctx);
  const query = optionalDoc(command, 'query') ?? {};
  const sort = validateSort(command.sort);
  const fields = optionalDoc(command, 'fields');
  const remove = optionalBoolean(command, 'remove') ?? false;
  const returnNew = optionalBoolean(command, 'new') ?? false;
  const upsert = optionalBoolean(command, 'upsert') ?? false;
  const hasUpdate = command.update !== undefined && command.update !== null;
  if (remove && hasUpdate) throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate)
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && returnNew) {
    throw new CommandError(
      'FailedToParse',
      "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
    );
  }
  if (remove && upsert) throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  const arrayFilters = command.arrayFilters;
  if (arrayFilters !== undefined && (!Array.isArray(arrayFilters) || !arrayFilters.every(isPlainObject))) {
    throw new CommandError('TypeMismatch', "BSON field 'arrayFilters' must be an array of objects");
  }

  const db = database(ctx);
  const spec = hasUpdate ? parseUpdate(command.update) : undefined;
  const collection = upsert ? db.getOrCreate(name).collection : db.get(name);
  const [target] = findDocuments(
    collection?.candidates(query, { collation: command.collation }) ?? [],
    { filter: query, sort, limit: 1 },
    queryOptions(command, ctx),
  );

  if (!spec) {
    if (!target || !collection) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    collection.remove(target);
    return { lastErrorObject: { n: 1 }, value: projected(target, fields), ok: 1 };
  }
  if (target && collection) {
    const next = applyUpdate(target, spec, { filter: query, arrayFilters, inserting: false });
    const stored = sameDocument(next, target) ? target : collection.replace(target, next);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: projected(returnNew ? stored : target, fields),
      ok: 1,
    };
  }
  if (upsert && collection) {
    const inserted = collection.insert(buildUpsertDocument(query, spec, arrayFilters));
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
      value: returnNew ? projected(inserted, fields) : null,
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
}

export const findAndModifyCommands: CommandTable = {
  findAndModify: (command, ctx) => findAndModify(command, ctx, 'findAndModify'),
  findandmodify: (command, ctx) => findAndModify(command, ctx, 'findandmodify'),
};
