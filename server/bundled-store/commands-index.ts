import { CommandError } from './errors';
import {
  collectionName,
  cursorOption,
  cursorResponse,
  database,
  type CommandContext,
  type CommandTable,
} from './command-context';
import type { Collection } from './collection';
import type { Doc } from './values';

function requireCollection(
  command: Doc,
  commandName: string,
  ctx: CommandContext,
  message: (ns: string) => string,
): Collection {
  const name = collectionName(command, commandName, ctx);
  const collection = database(ctx).get(name);
  if (!collection) throw new CommandError('NamespaceNotFound', message(`${ctx.dbName}.${name}`));
  return collection;
}

function createIndexes(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'createIndexes', ctx);
  const specs = command.indexes;
  if (!Array.isArray(specs) || specs.length === 0)
    throw new CommandError('BadValue', 'Must specify at least one index to create');
  const { collection, created } = database(ctx).getOrCreate(name);
  const result = collection.createIndexes(specs);
  return { ...result, createdCollectionAutomatically: created, ok: 1 };
}

function listIndexes(command: Doc, ctx: CommandContext): Doc {
  const collection = requireCollection(command, 'listIndexes', ctx, (ns) => `ns does not exist: ${ns}`);
  const reply = ctx.cursors.open(collection.ns, collection.listIndexes(), {
    batchSize: cursorOption(command),
    sessionKey: ctx.sessionKey,
  });
  return cursorResponse(reply, true);
}

function dropIndexes(command: Doc, ctx: CommandContext): Doc {
  const collection = requireCollection(command, 'dropIndexes', ctx, (ns) => `ns not found ${ns}`);
  if (command.index === undefined)
    throw new CommandError('FailedToParse', "BSON field 'dropIndexes.index' is missing but a required field");
  const nIndexesWas = collection.dropIndexes(command.index);
  return { nIndexesWas, ...(command.index === '*' ? { msg: 'non-_id indexes dropped for collection' } : {}), ok: 1 };
}

export const indexCommands: CommandTable = {
  createIndexes,
  listIndexes,
  dropIndexes,
};
