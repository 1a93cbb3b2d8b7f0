import { CommandError } from './errors';
import type { CursorManager, CursorReply } from './cursors';
import type { SessionRegistry } from './sessions';
import type { Collection } from './collection';
import type { Durability } from './durability';
import { assertValidCollectionName, type Database, type MemoryStore } from './store';
import { isPlainObject, type Doc } from './values';

export interface CommandContext {
  readonly store: MemoryStore;
  readonly cursors: CursorManager;
  readonly sessions: SessionRegistry;
  readonly durability: Durability;
  readonly dbName: string;
  readonly connectionId: number;
  readonly sessionKey: string | undefined;
}

export type CommandHandler = (command: Doc, ctx: CommandContext) => Doc;
export type CommandTable = Readonly<Record<string, CommandHandler>>;

export function database(ctx: CommandContext): Database {
  return ctx.store.database(ctx.dbName);
}

/** The collection named by the command's first field (`{ find: 'users' }`). */
export function collectionName(command: Doc, commandName: string, ctx: CommandContext): string {
  const name = command[commandName];
  if (typeof name !== 'string') {
    throw new CommandError(
      'InvalidNamespace',
      `collection name has invalid type ${name === null ? 'null' : typeof name}`,
    );
  }
  assertValidCollectionName(ctx.dbName, name);
  return name;
}

export function existingCollection(command: Doc, commandName: string, ctx: CommandContext): Collection | undefined {
  return database(ctx).get(collectionName(command, commandName, ctx));
}

export function optionalDoc(command: Doc, field: string): Doc | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value))
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'object'`);
  return value;
}

export function optionalNonNegative(command: Doc, field: string): number | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : NaN;
  if (!Number.isFinite(number))
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected a number`);
  if (number < 0)
    throw new CommandError('BadValue', `BSON field '${field}' value must be >= 0, actual value '${number}'`);
  return Math.trunc(number);
}

export function optionalBoolean(command: Doc, field: string): boolean | undefined {
  const value = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'bool'`);
}

export function cursorResponse(reply: CursorReply, first: boolean): Doc {
  return { cursor: { [first ? 'firstBatch' : 'nextBatch']: reply.batch, id: reply.id, ns: reply.ns }, ok: 1 };
}

/** `cursor: { batchSize }` of aggregate/listCollections/listIndexes. */
export function cursorOption(command: Doc): number | undefined {
  const cursor = optionalDoc(command, 'cursor');
  return cursor ? optionalNonNegative(cursor, 'batchSize') : undefined;
}
