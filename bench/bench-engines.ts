import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { MongoMemoryServer } from 'mongodb-memory-server-core';
import mongoose from 'mongoose';
import createApp, { createServices, type AppDeps, type Services } from '../server/app';
import { loadConfig } from '../server/lib/config';
import { connectMongo, type Connection } from '../server/lib/db';
import { startEmbeddedMeilisearch } from '../server/lib/embedded/meilisearch';
import { mongodBinaryAvailable } from '../server/lib/embedded/mongod';
import { silentLogger } from '../server/lib/logger';
import { SearchEngine } from '../server/lib/search';
import { childPid } from './process-cpu';

export type MongoKind = 'MONGODB_URI' | 'mongod' | 'wire-test-server';

export type BenchContext = {
  baseUrl: string;
  db: Connection;
  search: SearchEngine;
  services: Services;
  mongo: { kind: MongoKind; description: string; pid: number | undefined };
  meiliVersion: string;
  /** The engines' processes, for CPU accounting (undefined when they are not children of this one). */
  pids: { meilisearch: number | undefined; mongo: number | undefined };
  close(): Promise<void>;
};

type Stop = () => Promise<unknown>;

/**
 * The bundled store (in memory) in a process of its own, as under Jest (global setup vs. workers):
 * its in-memory engine then competes with the app for the CPU, not for the app's event loop.
 */
async function startWireServerProcess(): Promise<{ uri: string; child: ChildProcess }> {
  const cli = path.join(__dirname, '..', 'server', 'bundled-store', 'cli.ts');
  const child = spawn(process.execPath, [...process.execArgv, cli, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`bundled store did not start: ${err}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening: (mongodb:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bundled store exited (${code}): ${err}`));
    });
  });
  return { uri, child };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** MongoDB chosen as the test harness chooses it (test/support/global-setup.ts). */
async function startMongo(
  stops: Stop[],
): Promise<{ uri: string; kind: MongoKind; description: string; pid: number | undefined }> {
  if (process.env.MONGODB_URI) {
    const shown = process.env.MONGODB_URI.replace(/\/\/[^@/]*@/, '//***@');
    return {
      uri: process.env.MONGODB_URI,
      kind: 'MONGODB_URI',
      description: `MongoDB from MONGODB_URI (${shown})`,
      pid: undefined,
    };
  }
  if (await mongodBinaryAvailable()) {
    const { MongoMemoryServer: Server } = await import('mongodb-memory-server-core');
    const mongod: MongoMemoryServer = await Server.create({
      instance: { storageEngine: 'wiredTiger', ip: '127.0.0.1' },
    });
    stops.push(() => mongod.stop());
    return {
      uri: mongod.getUri(),
      kind: 'mongod',
      description: `a real mongod (mongodb-memory-server, ${mongod.getUri()})`,
      pid: mongod.instanceInfo?.instance.mongodProcess?.pid,
    };
  }
  const wire = await startWireServerProcess();
  stops.push(() => stopChild(wire.child));
  return {
    uri: wire.uri,
    kind: 'wire-test-server',
    description: `the bundled store in memory (${wire.uri}, own process): NOT MongoDB's numbers; set MONGODB_URI for those`,
    pid: wire.child.pid,
  };
}

/**
 * Engines and app as the test harness builds them (global-setup.ts + test-context.ts): a real embedded
 * Meilisearch in a temp dir, MongoDB as above, `createServices` + `createApp`, here listening on
 * 127.0.0.1 on a free port. The app runs as `npm start` does (NODE_ENV=production: Express caches
 * compiled views), with a silent logger so logging does not weigh on the numbers.
 */
export async function startBenchContext(): Promise<BenchContext> {
  const stops: Stop[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-bench-'));
  stops.push(() => Promise.resolve(fs.rmSync(tmp, { recursive: true, force: true })));
  const closeAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error('cleanup failed:', err));
  };
  try {
    const meili = await startEmbeddedMeilisearch({ dataDir: tmp, logger: silentLogger });
    stops.push(() => meili.stop());
    const mongo = await startMongo(stops);

    const name = `bench_${randomBytes(5).toString('hex')}`;
    const sessionSecret = randomBytes(32).toString('hex');
    // Express reads NODE_ENV when the app is created: production turns its view cache on.
    process.env.NODE_ENV = 'production';
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATA_DIR: tmp,
      UPLOADS_DIR: path.join(tmp, 'uploads'),
      MONGODB_URI: mongo.uri,
      MEILI_HOST: meili.host,
      MEILI_MASTER_KEY: meili.masterKey,
      MEILI_INDEX_PREFIX: `${name}_`,
      SESSION_SECRET: sessionSecret,
      // As deployed: behind a TLS-terminating reverse proxy on the same host, which says https in
      // X-Forwarded-Proto, so the production session cookie (Secure) works for the signed-in clients.
      TRUST_PROXY: 'loopback',
    });
    const db = await connectMongo(mongo.uri, { dbName: name });
    stops.push(async () => {
      // A database given through MONGODB_URI belongs to someone: leave nothing of ours in it.
      if (db.readyState === mongoose.ConnectionStates.connected) await db.dropDatabase();
      await db.close();
    });
    const search = await SearchEngine.connect(meili.host, meili.masterKey, config.meili.indexPrefix);
    await search.ensureIndexes();
    const deps: AppDeps = { config, logger: silentLogger, db, search, sessionSecret };
    const services = createServices(deps);
    await services.network.ensureReferenceData();
    await services.events.ensureReferenceData();
    await services.vocabularies.ensureReferenceData();
    const app = createApp(deps, services);

    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    stops.push(() => services.searchIndexing.stop());
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      db,
      search,
      services,
      mongo: { kind: mongo.kind, description: mongo.description, pid: mongo.pid },
      meiliVersion: await search.version(),
      pids: { meilisearch: childPid('meilisearch'), mongo: mongo.pid },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
