import { MongoWireServer } from './server';

const DEFAULT_PORT = 27017;

function requestedPort(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--port') raw = argv[i + 1];
    else if (arg.startsWith('--port=')) raw = arg.slice('--port='.length);
  }
  raw ??= env.MONGO_TEST_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port '${raw}'`);
  return port;
}

async function startServer(port: number | undefined): Promise<MongoWireServer> {
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  if (port !== undefined) return MongoWireServer.start({ port, log });
  try {
    return await MongoWireServer.start({ port: DEFAULT_PORT, log });
  } catch (err) {
    // The conventional port is only a preference: a real mongod may already hold it.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return MongoWireServer.start({ port: 0, log });
  }
}

async function main(): Promise<void> {
  const server = await startServer(requestedPort(process.argv.slice(2), process.env));
  process.stdout.write(`MongoDB wire-protocol test server listening: ${server.uri}\n`);
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
  process.stderr.write(
    `MongoDB wire-protocol test server failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
