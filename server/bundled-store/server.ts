import net from 'node:net';
import { CommandDispatcher } from './command-dispatcher';
import { WireConnection } from './connection';
import { CursorManager } from './cursors';
import { SessionRegistry } from './sessions';
import { MemoryStore } from './store';

export interface MongoWireServerOptions {
  /** Interface to bind; loopback by default because the server has no authentication. */
  host?: string;
  /** 0 (the default) picks a free port; read it back from `port` or `uri`. */
  port?: number;
  /** Diagnostics: dropped connections and internal errors. Silent by default. */
  log?: (message: string) => void;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * An in-memory MongoDB 7.0-compatible standalone speaking the wire protocol (OP_MSG, plus the legacy OP_QUERY
 * handshake), for tests and local runs where no mongod binary is available.
 *
 *   const server = await MongoWireServer.start();
 *   await mongoose.connect(server.uriFor('my-test-db'));
 *   ...
 *   await server.stop();
 */
export class MongoWireServer {
  /** The data, exposed so tests can inspect or reset state without going through a client. */
  readonly store = new MemoryStore();
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
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log(`server error: ${err.message}`));
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
    return this;
  }

  /** Closes every client connection and the listening socket; data is discarded. Safe to call twice. */
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
