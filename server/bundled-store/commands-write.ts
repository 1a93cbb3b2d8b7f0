import { CommandError, toCommandError } from './errors';
import {
  collectionName,
  database,
  optionalBoolean,
  optionalDoc,
  type CommandContext,
  type CommandTable,
} from './command-context';
import { queryOptions } from './commands-read';
import { findDocuments, validateSort, type QueryOptions } from './query-engine';
import type { Collection } from './collection';
import { applyUpdate, buildUpsertDocument, parseUpdate } from './update-engine';
import { MAX_WRITE_BATCH_SIZE } from './wire-protocol';
import { isPlainObject, sameDocument, type Doc } from './values';

interface BatchResult {
  n: number;
  writeErrors: Doc[];
}

/** Runs write statements one by one; ordered batches stop at the first failure, unordered ones carry on. */
function runBatch(command: Doc, field: string, statement: (entry: Doc, index: number) => number): BatchResult {
  const entries = command[field];
  if (!Array.isArray(entries))
    throw new CommandError('TypeMismatch', `BSON field '${field}' is missing or not an array`);
  if (entries.length > MAX_WRITE_BATCH_SIZE) {
    throw new CommandError(
      'InvalidLength',
      `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${entries.length} operations.`,
    );
  }
  const ordered = optionalBoolean(command, 'ordered') ?? true;
  const result: BatchResult = { n: 0, writeErrors: [] };
  for (const [index, entry] of entries.entries()) {
    try {
      if (!isPlainObject(entry)) throw new CommandError('TypeMismatch', `${field}.${index} must be an object`);
      result.n += statement(entry, index);
    } catch (err) {
      result.writeErrors.push(toCommandError(err).toWriteError(index));
      if (ordered) break;
    }
  }
  return result;
}

function withWriteErrors(reply: Doc, writeErrors: Doc[]): Doc {
  return writeErrors.length > 0 ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

function insert(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'insert', ctx);
  // Created on the first valid document, so a malformed batch leaves no empty collection behind.
  let collection: Collection | undefined;
  const { n, writeErrors } = runBatch(command, 'documents', (doc) => {
    collection ??= database(ctx).getOrCreate(name).collection;
    collection.insert(doc);
    return 1;
  });
  return withWriteErrors({ n }, writeErrors);
}

function arrayFiltersOf(entry: Doc): Doc[] | undefined {
  const value = entry.arrayFilters;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isPlainObject))
    throw new CommandError('TypeMismatch', "BSON field 'arrayFilters' must be an array of objects");
  return value;
}

function matching(
  collection: Collection | undefined,
  filter: Doc,
  sort: Doc | undefined,
  limit: number | undefined,
  options: QueryOptions,
): Doc[] {
  return findDocuments(
    collection?.candidates(filter, { collation: options.collation }) ?? [],
    { filter, sort, limit },
    options,
  );
}

/** Query options of one statement: its own collation, the command's `let` variables. */
function statementOptionsFor(command: Doc, ctx: CommandContext): (entry: Doc) => QueryOptions {
  return (entry) => queryOptions({ collation: entry.collation, let: command.let }, ctx);
}

function update(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'update', ctx);
  const statementOptions = statementOptionsFor(command, ctx);
  const db = database(ctx);
  // Counted per document rather than per statement: a multi-update that fails half-way keeps (and reports) the
  // documents it already changed, as mongod does without a transaction.
  let matched = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const { writeErrors } = runBatch(command, 'updates', (entry, index) => {
    const filter = optionalDoc(entry, 'q');
    if (!filter)
      throw new CommandError('FailedToParse', "BSON field 'update.updates.q' is missing but a required field");
    if (!('u' in entry))
      throw new CommandError('FailedToParse', "BSON field 'update.updates.u' is missing but a required field");
    const spec = parseUpdate(entry.u);
    const multi = optionalBoolean(entry, 'multi') ?? false;
    const upsert = optionalBoolean(entry, 'upsert') ?? false;
    if (multi && spec.kind === 'replacement') {
      throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
    }
    const arrayFilters = arrayFiltersOf(entry);
    const collection = upsert ? db.getOrCreate(name).collection : db.get(name);
    const targets = matching(
      collection,
      filter,
      validateSort(entry.sort),
      multi ? undefined : 1,
      statementOptions(entry),
    );
    if (targets.length === 0) {
      if (!upsert || !collection) return 0;
      const inserted = collection.insert(buildUpsertDocument(filter, spec, arrayFilters));
      upserted.push({ index, _id: inserted._id });
      matched += 1;
      return 1;
    }
    for (const target of targets) {
      const next = applyUpdate(target, spec, { filter, arrayFilters, inserting: false });
      if (!sameDocument(next, target)) {
        (collection as Collection).replace(target, next);
        nModified += 1;
      }
      matched += 1;
    }
    return targets.length;
  });
  return withWriteErrors({ n: matched, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
}

function deleteCommand(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'delete', ctx);
  const statementOptions = statementOptionsFor(command, ctx);
  const collection = database(ctx).get(name);
  const { n, writeErrors } = runBatch(command, 'deletes', (entry) => {
    const filter = optionalDoc(entry, 'q');
    if (!filter)
      throw new CommandError('FailedToParse', "BSON field 'delete.deletes.q' is missing but a required field");
    const limit = entry.limit;
    if (limit !== 0 && limit !== 1)
      throw new CommandError('FailedToParse', `The limit field in delete objects must be 0 or 1. Got ${String(limit)}`);
    const targets = matching(collection, filter, undefined, limit === 1 ? 1 : undefined, statementOptions(entry));
    let removed = 0;
    for (const target of targets) if (collection?.remove(target)) removed += 1;
    return removed;
  });
  return withWriteErrors({ n }, writeErrors);
}

export const writeCommands: CommandTable = {
  insert,
  update,
  delete: deleteCommand,
};
