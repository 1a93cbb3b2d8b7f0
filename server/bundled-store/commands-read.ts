import { cloneDeep, compare } from 'mingo/util';
import { CommandError } from './errors';
import {
  collectionName,
  cursorOption,
  cursorResponse,
  database,
  existingCollection,
  optionalBoolean,
  optionalDoc,
  optionalNonNegative,
  type CommandContext,
  type CommandTable,
} from './command-context';
import {
  fastMatcher,
  findDocuments,
  runPipeline,
  validatePipeline,
  validateSort,
  type QueryOptions,
} from './query-engine';
import { canonicalKey, collectPathValues, isPlainObject, type Doc } from './values';

export function queryOptions(command: Doc, ctx: CommandContext): QueryOptions {
  const variables = optionalDoc(command, 'let');
  return {
    collation: command.collation,
    ...(variables ? { variables } : {}),
    // Other collections of the same database, for $lookup, $graphLookup and $unionWith; copies, so no stage can
    // write into stored documents.
    resolveCollection: (name) => (database(ctx).get(name)?.all() ?? []).map((doc) => cloneDeep(doc) as Doc),
  };
}

/** The `limit` of count/find may be negative in old clients; its magnitude is what limits. */
function limitOf(command: Doc): number | undefined {
  const value = command.limit;
  if (typeof value === 'number' && value < 0) return optionalNonNegative({ limit: -value }, 'limit');
  return optionalNonNegative(command, 'limit');
}

function find(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'find', ctx);
  if (optionalBoolean(command, 'tailable')) {
    throw new CommandError(
      'BadValue',
      `error processing query: ns=${ctx.dbName}.${name} tailable cursor requested on non capped collection`,
    );
  }
  const unsupported = ['min', 'max', 'returnKey', 'showRecordId'].find((option) => command[option]);
  if (unsupported) {
    throw new CommandError('NotImplemented', `find option '${unsupported}' is not supported by the bundled store`);
  }
  const collection = database(ctx).get(name);
  const filter = optionalDoc(command, 'filter') ?? {};
  const docs = findDocuments(
    collection?.candidates(filter, { collation: command.collation }) ?? [],
    {
      filter,
      sort: validateSort(command.sort),
      skip: optionalNonNegative(command, 'skip'),
      limit: limitOf(command),
      projection: optionalDoc(command, 'projection'),
    },
    queryOptions(command, ctx),
  );
  const reply = ctx.cursors.open(`${ctx.dbName}.${name}`, docs, {
    batchSize: optionalNonNegative(command, 'batchSize'),
    singleBatch: optionalBoolean(command, 'singleBatch') ?? false,
    sessionKey: ctx.sessionKey,
  });
  return cursorResponse(reply, true);
}

function getMore(command: Doc, ctx: CommandContext): Doc {
  const collection = command.collection;
  if (typeof collection !== 'string')
    throw new CommandError('TypeMismatch', "BSON field 'getMore.collection' is missing or not a string");
  const reply = ctx.cursors.getMore(
    command.getMore,
    `${ctx.dbName}.${collection}`,
    optionalNonNegative(command, 'batchSize'),
  );
  return cursorResponse(reply, false);
}

function killCursors(command: Doc, ctx: CommandContext): Doc {
  const name = command.killCursors;
  if (typeof name !== 'string') throw new CommandError('InvalidNamespace', 'killCursors requires a collection name');
  if (!Array.isArray(command.cursors))
    throw new CommandError('TypeMismatch', "BSON field 'killCursors.cursors' is missing or not an array");
  const { killed, notFound } = ctx.cursors.kill(`${ctx.dbName}.${name}`, command.cursors);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function count(command: Doc, ctx: CommandContext): Doc {
  const collection = existingCollection(command, 'count', ctx);
  const query = optionalDoc(command, 'query') ?? {};
  const skip = optionalNonNegative(command, 'skip') ?? 0;
  const limit = limitOf(command);
  if (!collection) return { n: 0, ok: 1 };
  let n: number;
  if (Object.keys(query).length === 0) n = collection.count;
  else
    n = findDocuments(
      collection.candidates(query, { collation: command.collation }),
      { filter: query },
      queryOptions(command, ctx),
    ).length;
  n = Math.max(0, n - skip);
  return { n: limit ? Math.min(n, limit) : n, ok: 1 };
}

function distinct(command: Doc, ctx: CommandContext): Doc {
  const collection = existingCollection(command, 'distinct', ctx);
  const key = command.key;
  if (typeof key !== 'string' || key === '')
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  const query = optionalDoc(command, 'query') ?? {};
  const docs = findDocuments(
    collection?.candidates(query, { collation: command.collation }) ?? [],
    { filter: query },
    queryOptions(command, ctx),
  );
  const values = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of collectPathValues(doc, key)) {
      if (value !== undefined) values.set(canonicalKey(value), value);
    }
  }
  return { values: [...values.values()].sort(compare), ok: 1 };
}

function aggregate(command: Doc, ctx: CommandContext): Doc {
  let pipeline = validatePipeline(command.pipeline);
  if (command.explain) throw new CommandError('NotImplemented', 'explain is not supported by the bundled store');
  if (!isPlainObject(command.cursor)) {
    throw new CommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  let input: Doc[] = [];
  let ns = `${ctx.dbName}.$cmd.aggregate`;
  if (command.aggregate === 1) {
    const first = pipeline[0] ? Object.keys(pipeline[0])[0] : undefined;
    if (first !== '$documents') {
      throw new CommandError(
        'InvalidNamespace',
        `{aggregate: 1} is not valid for '${first ?? 'an empty pipeline'}'; a collection is required.`,
      );
    }
  } else {
    const name = collectionName(command, 'aggregate', ctx);
    ns = `${ctx.dbName}.${name}`;
    // A leading $match reads like a find's filter: through the indexes, and with the fast matcher when it
    // can decide (the driver's countDocuments is exactly such a pipeline).
    const first = pipeline[0]?.$match;
    const collection = database(ctx).get(name);
    if (isPlainObject(first) && collection) {
      input = collection.candidates(first, { collation: command.collation });
      const fast = fastMatcher(first, queryOptions(command, ctx));
      if (fast) {
        input = input.filter(fast);
        pipeline = pipeline.slice(1);
      }
    } else input = collection?.all() ?? [];
  }
  const results = runPipeline(input, pipeline, queryOptions(command, ctx));
  const reply = ctx.cursors.open(ns, results, { batchSize: cursorOption(command), sessionKey: ctx.sessionKey });
  return cursorResponse(reply, true);
}

export const readCommands: CommandTable = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
