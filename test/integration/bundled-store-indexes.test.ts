import { MongoBulkWriteError, MongoClient, MongoServerError, type Db } from 'mongodb';
import { MongoWireServer } from '../../server/bundled-store/server';

/** The rejection of an operation, awaited at once so no rejected promise is left unobserved. */
async function failure(operation: Promise<unknown>): Promise<unknown> {
  return operation.then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('bundled store (MongoDB wire protocol): indexes', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    server = await MongoWireServer.start();
    client = await MongoClient.connect(server.uriFor('wire_indexes'));
    db = client.db('wire_indexes');
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  async function usersWithUniqueEmail(name: string) {
    const users = db.collection(name);
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([
      { email: 'ada@example.org', n: 1 },
      { email: 'alan@example.org', n: 2 },
    ]);
    return users;
  }

  it('when an insert repeats a unique key, then it fails with E11000, keyPattern and keyValue, and nothing is stored', async () => {
    // Arrange
    const users = await usersWithUniqueEmail('dup_insert');

    // Act
    const error = await failure(users.insertOne({ email: 'ada@example.org', n: 3 }));

    // Assert
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({
      code: 11000,
      errmsg:
        'E11000 duplicate key error collection: wire_indexes.dup_insert index: email_1 dup key: { email: "ada@example.org" }',
      keyPattern: { email: 1 },
      keyValue: { email: 'ada@example.org' },
    });
    expect(await users.countDocuments({ n: 3 })).toBe(0);
  });

  it('when an update would duplicate a unique key, then it fails and the document keeps its old value', async () => {
    // Arrange
    const users = await usersWithUniqueEmail('dup_update');

    // Act
    const attempt = users.updateOne({ n: 2 }, { $set: { email: 'ada@example.org' } });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 11000, keyValue: { email: 'ada@example.org' } });
    expect(await users.findOne({ n: 2 }, { projection: { _id: 0 } })).toEqual({ email: 'alan@example.org', n: 2 });
  });

  it('when an upsert would insert a duplicate unique key, then it fails and inserts nothing', async () => {
    // Arrange
    const users = await usersWithUniqueEmail('dup_upsert');

    // Act
    const attempt = users.updateOne({ n: 99 }, { $set: { email: 'alan@example.org' } }, { upsert: true });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 11000 });
    expect(await users.countDocuments()).toBe(2);
  });

  it('when findOneAndUpdate would duplicate a unique key, then the command fails with 11000 and keyValue', async () => {
    // Arrange
    const users = await usersWithUniqueEmail('dup_fam');

    // Act
    const update = await failure(users.findOneAndUpdate({ n: 1 }, { $set: { email: 'alan@example.org' } }));
    const upsert = await failure(
      users.findOneAndUpdate({ n: 7 }, { $set: { email: 'ada@example.org' } }, { upsert: true }),
    );

    // Assert
    expect(update).toMatchObject({
      code: 11000,
      codeName: 'DuplicateKey',
      keyPattern: { email: 1 },
      keyValue: { email: 'alan@example.org' },
    });
    expect(upsert).toMatchObject({ code: 11000 });
    expect(
      await users
        .find({}, { projection: { _id: 0 } })
        .sort({ n: 1 })
        .toArray(),
    ).toEqual([
      { email: 'ada@example.org', n: 1 },
      { email: 'alan@example.org', n: 2 },
    ]);
  });

  it('when updateMany hits a duplicate half-way, then the documents before it stay updated and the rest are untouched', async () => {
    // Arrange
    const coll = db.collection('dup_many');
    await coll.createIndex({ slot: 1 }, { unique: true });
    await coll.insertMany([
      { n: 1, slot: 'a' },
      { n: 2, slot: 'b' },
      { n: 3, slot: 'c' },
    ]);

    // Act
    const attempt = coll.updateMany({}, { $set: { slot: 'same' } });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 11000 });
    expect(
      (
        await coll
          .find({}, { projection: { _id: 0 } })
          .sort({ n: 1 })
          .toArray()
      ).map((d) => d.slot),
    ).toEqual(['same', 'b', 'c']);
  });

  it('when a unique index is created over existing duplicates, then createIndexes fails with 11000 and no index is added', async () => {
    // Arrange
    const coll = db.collection('dup_build');
    await coll.insertMany([{ sku: 'x' }, { sku: 'x' }]);

    // Act
    const attempt = coll.createIndex({ sku: 1 }, { unique: true });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 11000, keyValue: { sku: 'x' } });
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('when a compound unique index exists, then only the full key combination must be unique', async () => {
    // Arrange
    const coll = db.collection('compound');
    await coll.createIndex({ city: 1, slug: 1 }, { unique: true, name: 'city_slug' });
    await coll.insertMany([
      { city: 'A', slug: 's' },
      { city: 'B', slug: 's' },
    ]);

    // Act
    const attempt = coll.insertOne({ city: 'A', slug: 's' });

    // Assert
    await expect(attempt).rejects.toMatchObject({
      code: 11000,
      errmsg:
        'E11000 duplicate key error collection: wire_indexes.compound index: city_slug dup key: { city: "A", slug: "s" }',
      keyPattern: { city: 1, slug: 1 },
      keyValue: { city: 'A', slug: 's' },
    });
  });

  it('when a unique index is sparse or partial, then documents outside it never conflict', async () => {
    // Arrange
    const sparse = db.collection('sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    const partial = db.collection('partial');
    await partial.createIndex({ handle: 1 }, { unique: true, partialFilterExpression: { active: true } });
    const plain = db.collection('plain_unique');
    await plain.createIndex({ code: 1 }, { unique: true });

    // Act
    await sparse.insertMany([{ a: 1 }, { a: 2 }]);
    await partial.insertMany([
      { handle: 'h', active: false },
      { handle: 'h', active: false },
      { handle: 'h', active: true },
    ]);
    const partialDuplicate = await failure(partial.insertOne({ handle: 'h', active: true }));
    await plain.insertOne({ a: 1 });
    const missingTwice = await failure(plain.insertOne({ a: 2 }));

    // Assert
    expect(await sparse.countDocuments()).toBe(2);
    expect(partialDuplicate).toMatchObject({ code: 11000 });
    expect(missingTwice).toMatchObject({ code: 11000, keyValue: { code: null } });
  });

  it('when a unique index covers an array field, then every element is a key', async () => {
    // Arrange
    const coll = db.collection('multikey');
    await coll.createIndex({ tags: 1 }, { unique: true });
    await coll.insertOne({ tags: ['a', 'b'] });

    // Act
    const attempt = coll.insertOne({ tags: ['c', 'b'] });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 11000, keyValue: { tags: 'b' } });
  });

  it('when an insertMany batch contains a duplicate, then the bulk error reports the failing index', async () => {
    // Arrange
    const users = await usersWithUniqueEmail('dup_bulk');

    // Act
    const error = await failure(users.insertMany([{ email: 'new@example.org' }, { email: 'ada@example.org' }]));

    // Assert
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect((error as MongoBulkWriteError).writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
    expect(await users.countDocuments({ email: 'new@example.org' })).toBe(1);
  });

  it('when indexes are listed and dropped, then listIndexes reflects the changes and _id_ cannot be dropped', async () => {
    // Arrange
    const coll = db.collection('catalog');
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: -1 }, name: 'b_desc', sparse: true }]);

    // Act
    const listed = await coll.listIndexes().toArray();
    await coll.dropIndex('a_1');
    const afterDrop = (await coll.indexes()).map((i) => i.name);
    const dropId = await failure(coll.dropIndex('_id_'));
    const dropMissing = await failure(coll.dropIndex('nope'));

    // Assert
    expect(listed).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1 }, name: 'a_1' },
      { v: 2, key: { b: -1 }, name: 'b_desc', sparse: true },
    ]);
    expect(afterDrop).toEqual(['_id_', 'b_desc']);
    expect(dropId).toMatchObject({ code: 72 });
    expect(dropMissing).toMatchObject({ code: 27 });
  });

  it('when the same index is created twice or with a conflicting name, then the repeat is a no-op and the conflict fails', async () => {
    // Arrange
    const coll = db.collection('repeat');
    await coll.createIndex({ k: 1 });

    // Act
    const again = await coll.createIndex({ k: 1 });
    const renamed = await failure(coll.createIndex({ k: 1 }, { name: 'other_name' }));
    const changed = await failure(coll.createIndex({ k: 1 }, { unique: true }));

    // Assert
    expect(again).toBe('k_1');
    expect(renamed).toMatchObject({ code: 85 });
    expect(changed).toMatchObject({ code: 85 });
  });

  it('when listIndexes targets a missing collection, then it fails with NamespaceNotFound', async () => {
    // Act
    const attempt = db.collection('does_not_exist').listIndexes().toArray();

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 26 });
  });

  it('when a TTL index exists, then expired documents disappear and the option is listed', async () => {
    // Arrange
    const sessions = db.collection<{ _id: string; expires?: Date }>('ttl');
    await sessions.createIndex({ expires: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertMany([
      { _id: 'old', expires: new Date(Date.now() - 1000) },
      { _id: 'fresh', expires: new Date(Date.now() + 60_000) },
      { _id: 'forever' },
    ]);

    // Act
    const remaining = (await sessions.find().toArray()).map((d) => d._id);
    const ttlIndex = (await sessions.indexes()).find((i) => i.name === 'expires_1');

    // Assert
    expect(remaining).toEqual(['fresh', 'forever']);
    expect(ttlIndex?.expireAfterSeconds).toBe(0);
  });
});
