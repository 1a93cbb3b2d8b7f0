import { CommandError } from './errors';
import {
  collectionName,
  cursorOption,
  cursorResponse,
  database,
  optionalBoolean,
  optionalDoc,
  type CommandContext,
  type CommandTable,
} from './command-context';
import { compileFilter } from './query-engine';
import { LOGICAL_SESSION_TIMEOUT_MINUTES } from './sessions';
import { idIndexSpec } from './indexes';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE_BYTES, MAX_WRITE_BATCH_SIZE } from './wire-protocol';
import type { Doc } from './values';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;

/** Fields every command may carry that do not change what it does on a standalone in-memory server. */
export const GENERIC_FIELDS = new Set([
  'lsid',
  '$clusterTime',
  '$db',
  '$readPreference',
  'writeConcern',
  'readConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'comment',
  'maxTimeMS',
]);

// Collection options whose behaviour (size caps, validation, views, time series...) this server does not have:
// accepting them silently would let a test pass against semantics production does not share.
const UNSUPPORTED_CREATE_OPTIONS = [
  'capped',
  'validator',
  'viewOn',
  'pipeline',
  'timeseries',
  'clusteredIndex',
  'encryptedFields',
  'changeStreamPreAndPostImages',
];

function hello(command: Doc, ctx: CommandContext, legacy: boolean): Doc {
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    ...(command.helloOk === true ? { helloOk: true } : {}),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

function buildInfo(): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'decode-kb-bundled-store',
    versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    javascriptEngine: 'none',
    storageEngines: ['inMemory'],
    modules: [],
    ok: 1,
  };
}

function endSessions(command: Doc, ctx: CommandContext): Doc {
  const lsids = command.endSessions;
  if (!Array.isArray(lsids))
    throw new CommandError('TypeMismatch', "BSON field 'endSessions' is the wrong type, expected type 'array'");
  ctx.cursors.killSessionCursors(ctx.sessions.end(lsids));
  return { ok: 1 };
}

function listDatabases(command: Doc, ctx: CommandContext): Doc {
  if (ctx.dbName !== 'admin')
    throw new CommandError('Unauthorized', 'listDatabases may only be run against the admin database.');
  const filter = optionalDoc(command, 'filter');
  const nameOnly = optionalBoolean(command, 'nameOnly') ?? false;
  let databases: Doc[] = ctx.store.listDatabases().map((db) => ({ name: db.name, sizeOnDisk: 0, empty: false }));
  if (filter) databases = databases.filter(compileFilter(filter));
  if (nameOnly) return { databases: databases.map((db) => ({ name: db.name })), ok: 1 };
  return { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
}

function dropDatabase(_command: Doc, ctx: CommandContext): Doc {
  ctx.store.dropDatabase(ctx.dbName);
  ctx.cursors.killNamespace((ns) => ns.startsWith(`${ctx.dbName}.`));
  return { ok: 1 };
}

function create(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'create', ctx);
  const unsupported = UNSUPPORTED_CREATE_OPTIONS.find(
    (option) => command[option] !== undefined && command[option] !== false,
  );
  if (unsupported) {
    throw new CommandError('NotImplemented', `create option '${unsupported}' is not supported by the bundled store`);
  }
  const options: Doc = {};
  for (const [field, value] of Object.entries(command)) {
    if (field !== 'create' && !GENERIC_FIELDS.has(field)) options[field] = value;
  }
  database(ctx).create(name, options);
  return { ok: 1 };
}

function drop(command: Doc, ctx: CommandContext): Doc {
  const name = collectionName(command, 'drop', ctx);
  const dropped = database(ctx).drop(name);
  // Since 7.0 dropping a missing collection succeeds (SERVER-43894).
  if (!dropped) return { ok: 1 };
  ctx.cursors.killNamespace((ns) => ns === dropped.ns);
  return { nIndexesWas: dropped.indexCount, ns: dropped.ns, ok: 1 };
}

function listCollections(command: Doc, ctx: CommandContext): Doc {
  const filter = optionalDoc(command, 'filter');
  const nameOnly = optionalBoolean(command, 'nameOnly') ?? false;
  let infos: Doc[] = [...database(ctx).collections.values()].map((collection) => ({
    name: collection.name,
    type: 'collection',
    options: { ...collection.options },
    info: { readOnly: false, uuid: collection.uuid },
    idIndex: idIndexSpec(),
  }));
  if (filter) infos = infos.filter(compileFilter(filter));
  if (nameOnly) infos = infos.map((info) => ({ name: info.name, type: info.type }));
  const reply = ctx.cursors.open(`${ctx.dbName}.$cmd.listCollections`, infos, {
    batchSize: cursorOption(command),
    sessionKey: ctx.sessionKey,
  });
  return cursorResponse(reply, true);
}

export const adminCommands: CommandTable = {
  hello: (command, ctx) => hello(command, ctx, false),
  isMaster: (command, ctx) => hello(command, ctx, true),
  ismaster: (command, ctx) => hello(command, ctx, true),
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  endSessions,
  listDatabases,
  dropDatabase,
  create,
  drop,
  listCollections,
};
