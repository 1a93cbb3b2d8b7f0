// npm run mongo:test-server [-- --port N] [-- --data-dir DIR]: the bundled store on its own, for the tests, the
// bench and anyone who wants a MongoDB-compatible server without installing MongoDB.
import path from 'node:path';
import { MongoWireServer } from './server';

const DEFAULT_PORT = 27017;

function option(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === `--${name}`) value = argv[i + 1];
    else if (arg.startsWith(`--${name}=`)) value = arg.slice(name.length + 3);
  }
  return value;
}

function requestedPort(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  const raw = option(argv, 'port') ?? env.MONGO_TEST_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port '${raw}'`);
  return port;
}

async function startServer(port: number | undefined, dataDir: string | undefined): Promise<MongoWireServer> {
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  const options = { log, ...(dataDir ? { dataDir } : {}) };
  if (port !== undefined) return MongoWireServer.start({ ...options, port });
  try {
    return await MongoWireServer.start({ ...options, port: DEFAULT_PORT });
  } catch (err) {
    // The conventional port is only a preference: a real mongod may already hold it.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return MongoWireServer.start({ ...options, port: 0 });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = option(argv, 'data-dir');
  const server = await startServer(requestedPort(argv, process.env), dataDir ? path.resolve(dataDir) : undefined);
  const mode = dataDir ? `durable, data in ${path.resolve(dataDir)}` : 'in memory: data is lost when it stops';
  process.stdout.write(`Bundled store (${mode}) listening: ${server.uri}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`failed to stop: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`The bundled store failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
