import { CommandError, toCommandError } from './errors';
import type { CommandContext, CommandHandler, CommandTable } from './command-context';
import { adminCommands } from './commands-admin';
import { findAndModifyCommands } from './commands-find-and-modify';
import { indexCommands } from './commands-index';
import { readCommands } from './commands-read';
import { writeCommands } from './commands-write';
import type { Doc } from './values';

const COMMANDS: CommandTable = {
  ...adminCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...indexCommands,
};

/** Commands a legacy OP_QUERY may carry: only the handshake, as on mongod 5.1+. */
const OP_QUERY_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

const TRANSACTION_FIELDS = ['txnNumber', 'startTransaction', 'autocommit'];

export type DispatchContext = Omit<CommandContext, 'dbName' | 'sessionKey'>;

export interface DispatcherOptions {
  /** Called with failures that are bugs or gaps of this server rather than client mistakes. */
  onInternalError?: (err: unknown, command: Doc) => void;
}

function lookup(name: string | undefined): CommandHandler {
  const handler =
    name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name ?? ''}'`);
  return handler;
}

/** Runs one command synchronously, so every command is atomic with respect to other connections. */
export class CommandDispatcher {
  constructor(private readonly options: DispatcherOptions = {}) {}

  /** An OP_MSG command; its database comes from `$db`. */
  run(command: Doc, base: DispatchContext): Doc {
    return this.guard(command, () => {
      const handler = lookup(Object.keys(command)[0]);
      const dbName = command.$db;
      if (typeof dbName !== 'string') throw new CommandError('Location40571', 'OP_MSG requests require a $db argument');
      return this.invoke(handler, command, base, dbName);
    });
  }

  /** A legacy OP_QUERY on `<db>.$cmd`. */
  runLegacy(command: Doc, fullCollectionName: string, base: DispatchContext): Doc {
    return this.guard(command, () => {
      const name = Object.keys(command)[0];
      if (name === undefined || !OP_QUERY_COMMANDS.has(name) || !fullCollectionName.endsWith('.$cmd')) {
        throw new CommandError(
          'UnsupportedOpQueryCommand',
          `Unsupported OP_QUERY command: ${name ?? ''}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
        );
      }
      return this.invoke(lookup(name), command, base, fullCollectionName.slice(0, -'.$cmd'.length));
    });
  }

  private invoke(handler: CommandHandler, command: Doc, base: DispatchContext, dbName: string): Doc {
    const failure = base.durability.failure;
    if (failure) {
      throw new CommandError(
        'UnknownError',
        `the bundled store stopped: its journal could not be written (${failure.message}); restart it once the disk is fixed`,
      );
    }
    if (TRANSACTION_FIELDS.some((field) => command[field] !== undefined)) {
      throw new CommandError(
        'IllegalOperation',
        'Transaction numbers are only allowed on a replica set member or mongos',
      );
    }
    const sessionKey = base.sessions.touch(command.lsid);
    const reply = handler(command, { ...base, dbName, sessionKey });
    return 'ok' in reply ? reply : { ...reply, ok: 1 };
  }

  private guard(command: Doc, run: () => Doc): Doc {
    try {
      return run();
    } catch (err) {
      const error = toCommandError(err);
      if (error.codeName === 'InternalError') this.options.onInternalError?.(err, command);
      return error.toReply();
    }
  }
}
