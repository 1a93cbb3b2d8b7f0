import net from 'node:net';
import { CommandDispatcher } from './command-dispatcher';
import { WireConnection } from './connection';
import { CursorManager } from './cursors';
import { DiskStorage } from './disk/disk-storage';
import { inMemory, type Durability } from './durability';
import { SessionRegistry } from './sessions';
import { MemoryStore } from './store';

export interface MongoWireServerOptions {
  /** Interface to bind; loopback by default because the server has no authentication. */
  host?: string;
  /** 0 (the default) picks a free port; read it back from `port` or `uri`. */
  port?: number;
  /** Diagnostics: dropped connections, internal errors, what was loaded from disk. Silent by default. */
  log?: (message: string) => void;
  /**
   * The durable mode: data in this folder (snapshot + journal), each write on disk before its reply, the folder
   * locked against a second process. Without it the data lives in memory only.
   */
  dataDir?: string;
  /** Journal size that starts a compaction into a new snapshot (default 64 MiB). */
  compactAfterBytes?: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * A MongoDB 7.0-compatible standalone speaking the wire protocol (OP_MSG, plus the legacy OP_QUERY handshake):
 * the bundled store `npm start` runs on when no MongoDB can be had, durable with `dataDir`, and the tests'
 * in-memory server without it.
 *
 *   const server = await MongoWireServer.start({ dataDir: 'data/bundled-store' });
 *   await mongoose.connect(server.uriFor('my-db'));
 *   ...
 *   await server.stop();
 */
export class MongoWireServer {
  /** The data, exposed so tests can inspect or reset state without going through a client. */
  store = new MemoryStore();
  /** The durable mode's files; undefined in memory. */
  storage: DiskStorage | undefined;
  private durability: Durability = inMemory;
  private readonly cursors = new CursorManager();
  private readonly sessions = new SessionRegistry();
  private readonly connections = new Set<WireConnection>();
  private readonly dispatcher: CommandDispatcher;
  private readonly log: (message: string) => void;
  private server: net.Server | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private boundPort: number | undefined;
  private nextConnectionId = 1;

  constructor(private readonly options: MongoWireServerOptions = {}) {
    this.log = options.log ?? (() => undefined);
    this.dispatcher = new CommandDispatcher({
      onInternalError: (err, command) =>
        this.log(
          `internal error in '${Object.keys(command)[0] ?? ''}': ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        ),
    });
  }

  static async start(options: MongoWireServerOptions = {}): Promise<MongoWireServer> {
    return new MongoWireServer(options).start();
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error('MongoWireServer is not listening; call start() first');
    return this.boundPort;
  }

  /** `mongodb://127.0.0.1:<port>/` — append a database name, or use uriFor(). */
  get uri(): string {
    return `mongodb://${this.host}:${this.port}/`;
  }

  uriFor(dbName: string): string {
    return `${this.uri}${encodeURIComponent(dbName)}`;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get openCursorCount(): number {
    return this.cursors.size;
  }

  async start(): Promise<this> {
    if (this.server) throw new Error('MongoWireServer is already started');
    if (this.options.dataDir) {
      this.storage = await DiskStorage.open({
        dir: this.options.dataDir,
        log: this.log,
        ...(this.options.compactAfterBytes ? { compactAfterBytes: this.options.compactAfterBytes } : {}),
      });
      this.store = this.storage.store;
      this.durability = this.storage;
    }
    const server = net.createServer((socket) => this.accept(socket));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.options.port ?? 0, this.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      await this.storage?.close();
      throw err;
    }
    server.on('error', (err) => this.log(`server error: ${err.message}`));
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    return this;
  }

  /**
   * Closes every client connection and the listening socket. In memory the data is discarded; on disk every
   * acknowledged change is already there, and the folder is unlocked. Safe to call twice.
   */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const connection of this.connections) connection.close();
    this.connections.clear();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    this.boundPort = undefined;
    this.cursors.clear();
    this.sessions.clear();
    await this.storage?.close();
    this.store.clear();
  }

  private accept(socket: net.Socket): void {
    const connectionId = this.nextConnectionId++;
    const connection = new WireConnection(
      socket,
      this.dispatcher,
      {
        store: this.store,
        cursors: this.cursors,
        sessions: this.sessions,
        durability: this.durability,
        connectionId,
      },
      this.log,
    );
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
  }

  private sweep(): void {
    this.cursors.sweep();
    this.cursors.killSessionCursors(this.sessions.sweep());
  }
}

export async function startMongoWireServer(options: MongoWireServerOptions = {}): Promise<MongoWireServer> {
  return MongoWireServer.start(options);
}
