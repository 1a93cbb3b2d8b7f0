import net from 'node:net';
import { BSON, Long } from 'bson';
import { MongoClient } from 'mongodb';
import { crc32c } from '../../server/bundled-store/crc32c';
import { MongoWireServer } from '../../server/bundled-store/server';

type Doc = Record<string, unknown>;

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

function header(length: number, requestId: number, opCode: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(0, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

function opQuery(requestId: number, collection: string, query: Doc): Buffer {
  const body = Buffer.concat([
    Buffer.alloc(4), // flags
    Buffer.from(`${collection}\0`, 'utf8'),
    Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), // numberToSkip 0, numberToReturn -1
    BSON.serialize(query),
  ]);
  return Buffer.concat([header(16 + body.length, requestId, OP_QUERY), body]);
}

function opMsg(
  requestId: number,
  body: Doc,
  options: { sequences?: Record<string, Doc[]>; checksum?: boolean; moreToCome?: boolean } = {},
): Buffer {
  const sections: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const [identifier, docs] of Object.entries(options.sequences ?? {})) {
    const payload = Buffer.concat([
      Buffer.from(`${identifier}\0`, 'utf8'),
      ...docs.map((d) => Buffer.from(BSON.serialize(d))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + payload.length);
    sections.push(Buffer.from([1]), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE((options.checksum ? 1 : 0) | (options.moreToCome ? 2 : 0));
  const content = Buffer.concat([flags, ...sections]);
  const length = 16 + content.length + (options.checksum ? 4 : 0);
  const message = Buffer.concat([header(length, requestId, OP_MSG), content]);
  if (!options.checksum) return message;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c(message));
  return Buffer.concat([message, crc]);
}

/** A bare TCP client reading whole replies, to check the bytes the server puts on the wire. */
class RawClient {
  private buffered = Buffer.alloc(0);
  private waiting: ((message: Buffer) => void) | undefined;
  closed: Promise<void>;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.drain();
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: Buffer): void {
    this.socket.write(message);
  }

  next(): Promise<Buffer> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.drain();
    });
  }

  end(): Promise<void> {
    this.socket.end();
    return this.closed;
  }

  private drain(): void {
    if (!this.waiting || this.buffered.length < 4) return;
    const length = this.buffered.readInt32LE(0);
    if (this.buffered.length < length) return;
    const message = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve(message);
  }
}

function replyBody(message: Buffer): Doc {
  expect(message.readInt32LE(12)).toBe(OP_MSG);
  expect(message.readUInt8(20)).toBe(0);
  // Keep Longs as Long so the BSON type of cursor ids stays visible.
  return BSON.deserialize(message.subarray(21), { promoteLongs: false }) as Doc;
}

describe('bundled store (MongoDB wire protocol): protocol', () => {
  let server: MongoWireServer;

  beforeAll(async () => {
    server = await MongoWireServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('when a legacy OP_QUERY isMaster arrives, then it answers with an OP_REPLY describing a writable standalone', async () => {
    // Arrange
    const client = await RawClient.connect(server.port);

    // Act
    client.send(opQuery(7, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    const reply = await client.next();
    await client.end();

    // Assert
    expect(reply.readInt32LE(8)).toBe(7); // responseTo
    expect(reply.readInt32LE(12)).toBe(OP_REPLY);
    expect(reply.readInt32LE(32)).toBe(1); // numberReturned
    const doc = BSON.deserialize(reply.subarray(36)) as Doc;
    expect(doc).toMatchObject({
      ismaster: true,
      helloOk: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      logicalSessionTimeoutMinutes: 30,
      maxBsonObjectSize: 16 * 1024 * 1024,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      ok: 1,
    });
    expect(doc.localTime).toBeInstanceOf(Date);
    expect(typeof doc.connectionId).toBe('number');
  });

  it('when OP_QUERY carries anything but the handshake, then it is refused with UnsupportedOpQueryCommand', async () => {
    // Arrange
    const client = await RawClient.connect(server.port);

    // Act
    client.send(opQuery(8, 'app.$cmd', { find: 'things' }));
    const reply = await client.next();
    await client.end();

    // Assert
    expect(BSON.deserialize(reply.subarray(36))).toMatchObject({
      ok: 0,
      code: 352,
      codeName: 'UnsupportedOpQueryCommand',
    });
  });

  it('when an insert sends its documents as a kind-1 sequence with a checksum, then they are stored and findable', async () => {
    // Arrange
    const client = await RawClient.connect(server.port);

    // Act
    client.send(
      opMsg(
        1,
        { insert: 'raw', $db: 'wire_raw' },
        {
          sequences: {
            documents: [
              { _id: 1, a: 'x' },
              { _id: 2, a: 'y' },
            ],
          },
          checksum: true,
        },
      ),
    );
    const inserted = replyBody(await client.next());
    client.send(opMsg(2, { find: 'raw', filter: { a: 'y' }, $db: 'wire_raw' }));
    const found = replyBody(await client.next());
    await client.end();

    // Assert
    expect(inserted).toEqual({ n: 2, ok: 1 });
    const cursor = found.cursor as Doc;
    expect(cursor.firstBatch).toEqual([{ _id: 2, a: 'y' }]);
    expect(cursor.id).toBeInstanceOf(Long);
    expect(cursor.id).toEqual(Long.ZERO);
    expect(cursor.ns).toBe('wire_raw.raw');
  });

  it('when a message sets moreToCome, then it is executed without a reply', async () => {
    // Arrange
    const client = await RawClient.connect(server.port);

    // Act
    client.send(opMsg(1, { insert: 'quiet', documents: [{ _id: 'w0' }], $db: 'wire_raw' }, { moreToCome: true }));
    client.send(opMsg(2, { count: 'quiet', $db: 'wire_raw' }));
    const reply = await client.next();
    await client.end();

    // Assert: the first reply on the socket answers request 2
    expect(reply.readInt32LE(8)).toBe(2);
    expect(replyBody(reply)).toEqual({ n: 1, ok: 1 });
  });

  it('when the checksum does not match, then the connection is closed', async () => {
    // Arrange
    const client = await RawClient.connect(server.port);
    const message = opMsg(1, { ping: 1, $db: 'admin' }, { checksum: true });
    message.writeUInt32LE((message.readUInt32LE(message.length - 4) + 1) >>> 0, message.length - 4);

    // Act
    client.send(message);

    // Assert
    await expect(client.closed).resolves.toBeUndefined();
  });

  it('when $db is missing from an OP_MSG, then the command fails instead of guessing a database', async () => {
    // Arrange
    const client = await RawClient.connect(server.port);

    // Act
    client.send(opMsg(1, { ping: 1 }));
    const reply = replyBody(await client.next());
    await client.end();

    // Assert
    expect(reply).toMatchObject({ ok: 0, code: 40571 });
  });

  describe('through the official driver', () => {
    let client: MongoClient;

    beforeAll(async () => {
      client = await MongoClient.connect(server.uriFor('wire_handshake'));
    });

    afterAll(async () => {
      await client.close();
    });

    it('when the driver connects and pings, then hello and ping succeed', async () => {
      // Act
      const hello = await client.db('admin').command({ hello: 1 });
      const ping = await client.db('wire_handshake').command({ ping: 1 });

      // Assert
      expect(hello).toMatchObject({ isWritablePrimary: true, maxWireVersion: 21, readOnly: false, ok: 1 });
      expect(ping).toEqual({ ok: 1 });
    });

    it('when buildInfo is asked, then it reports version 7.0.0', async () => {
      // Act
      const info = await client.db('admin').command({ buildInfo: 1 });

      // Assert
      expect(info.version).toBe('7.0.0');
      expect(info.versionArray).toEqual([7, 0, 0, 0]);
    });

    it('when an unknown command is run, then it fails with CommandNotFound (59) rather than pretending', async () => {
      // Act
      const run = client.db('wire_handshake').command({ someUnknownCommand: 1 });

      // Assert
      await expect(run).rejects.toMatchObject({
        code: 59,
        codeName: 'CommandNotFound',
        message: "no such command: 'someUnknownCommand'",
      });
    });

    it('when a transaction is attempted on the standalone, then it is refused as a real standalone refuses it', async () => {
      // Arrange
      const session = client.startSession();

      // Act
      const attempt = session.withTransaction(async () => {
        await client.db('wire_handshake').collection('tx').insertOne({ a: 1 }, { session });
      });

      // Assert: the driver rewords mongod's IllegalOperation (20) "Transaction numbers are only allowed..." this way
      await expect(attempt).rejects.toThrow('This MongoDB deployment does not support retryable writes');
      await session.endSession();
      expect(await client.db('wire_handshake').collection('tx').countDocuments()).toBe(0);
    });
  });
});
