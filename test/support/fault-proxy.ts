import net from 'node:net';

export type FaultMode = 'up' | 'refused' | 'frozen';

/**
 * A TCP relay between the app and a real server that can fail on command, whatever the server is (a
 * real mongod from MONGODB_URI or the wire-protocol server): `refused` is a stopped server (the port
 * refuses, open connections drop), `frozen` is a hung one (connections are accepted, nothing ever
 * answers: what a SIGSTOPped process or a dead network path looks like). The data behind it is kept,
 * so `up` is the server coming back with everything it had.
 */
export class FaultProxy {
  private server: net.Server | undefined;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private current: FaultMode = 'up';
  port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  get mode(): FaultMode {
    return this.current;
  }

  /** The target URI with its host and port replaced by the proxy's. */
  uriFor(uri: string): string {
    const url = new URL(uri);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  async set(mode: FaultMode): Promise<void> {
    if (mode === this.current) return;
    const was = this.current;
    this.current = mode;
    if (mode === 'refused') {
      for (const pair of this.pairs) this.drop(pair);
      await this.close();
      return;
    }
    if (was === 'refused') await this.listen(this.port);
    for (const pair of this.pairs) {
      if (mode === 'frozen') {
        pair.client.pause();
        pair.upstream.pause();
      } else {
        pair.client.resume();
        pair.upstream.resume();
      }
    }
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) this.drop(pair);
    await this.close();
  }

  private drop(pair: { client: net.Socket; upstream: net.Socket }): void {
    pair.client.destroy();
    pair.upstream.destroy();
    this.pairs.delete(pair);
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target);
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => this.drop(pair);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (this.current === 'frozen') {
      client.pause();
      upstream.pause();
    }
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        this.server = server;
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
