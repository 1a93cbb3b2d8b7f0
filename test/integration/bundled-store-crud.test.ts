import { Decimal128, MongoClient, ObjectId, type Db } from 'mongodb';
import { MongoWireServer } from '../../server/bundled-store/server';

type Counter = {
  _id: string;
  count: number;
  tags: string[];
  set: number[];
  obsolete?: boolean;
  profile?: { name: string };
  history?: string[];
};

describe('bundled store (MongoDB wire protocol): CRUD through the driver', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    server = await MongoWireServer.start();
    client = await MongoClient.connect(server.uriFor('wire_crud'));
    db = client.db('wire_crud');
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('when a document is inserted without _id, then an ObjectId is generated and stored first', async () => {
    // Arrange
    const items = db.collection('autoid');

    // Act
    const { insertedId } = await items.insertOne({ name: 'first' });
    const stored = await items.findOne({ name: 'first' });

    // Assert
    expect(insertedId).toBeInstanceOf(ObjectId);
    expect(Object.keys(stored ?? {})).toEqual(['_id', 'name']);
    expect(stored?._id.equals(insertedId)).toBe(true);
  });

  it('when filtering on ObjectId, Date and Decimal128 values, then equality compares by value', async () => {
    // Arrange
    const refs = db.collection('typed');
    const owner = new ObjectId();
    const when = new Date('2024-05-01T10:00:00Z');
    await refs.insertMany([
      { owner, when, price: Decimal128.fromString('9.99'), label: 'match' },
      {
        owner: new ObjectId(),
        when: new Date('2024-05-02T10:00:00Z'),
        price: Decimal128.fromString('1.00'),
        label: 'other',
      },
    ]);

    // Act: fresh instances, never the ones inserted
    const byOwner = await refs.find({ owner: new ObjectId(owner.toHexString()) }).toArray();
    const byDate = await refs.find({ when: new Date(when.getTime()) }).toArray();
    const byPrice = await refs.find({ price: Decimal128.fromString('9.99') }).toArray();
    const byIn = await refs.find({ owner: { $in: [new ObjectId(owner.toHexString())] } }).toArray();
    const byRange = await refs.find({ when: { $gt: new Date('2024-05-01T12:00:00Z') } }).toArray();

    // Assert
    expect(byOwner.map((d) => d.label)).toEqual(['match']);
    expect(byDate.map((d) => d.label)).toEqual(['match']);
    expect(byPrice.map((d) => d.label)).toEqual(['match']);
    expect(byIn.map((d) => d.label)).toEqual(['match']);
    expect(byRange.map((d) => d.label)).toEqual(['other']);
    expect(byOwner[0]?.when).toEqual(when);
  });

  it('when a find uses a nested exclusion projection, then the stored document keeps the excluded fields', async () => {
    // Arrange
    const items = db.collection('projection_copies');
    await items.insertOne({ _id: new ObjectId(), working: { title: 'T', description: 'long text' } });

    // Act
    const projected = await items.findOne({}, { projection: { 'working.description': 0 } });
    const full = await items.findOne({});

    // Assert
    expect(projected?.working).toEqual({ title: 'T' });
    expect(full?.working).toEqual({ title: 'T', description: 'long text' });
  });

  it('when a caller mutates an object after inserting it, then the stored document is unaffected', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; nested: { tags: string[] } }>('copies');
    const doc = { _id: 'c1', nested: { tags: ['a'] } };
    await coll.insertOne(doc);

    // Act
    doc.nested.tags.push('mutated');
    const first = await coll.findOne({ _id: 'c1' });
    first?.nested.tags.push('mutated-again');
    const second = await coll.findOne({ _id: 'c1' });

    // Assert
    expect(second?.nested.tags).toEqual(['a']);
  });

  it('when update operators are applied, then $set, $inc, $push, $pull, $addToSet and $unset change the stored document', async () => {
    // Arrange
    const coll = db.collection<Counter>('operators');
    await coll.insertOne({ _id: 'u1', count: 1, tags: ['a', 'b', 'c'], set: [1], obsolete: true });

    // Act
    const result = await coll.updateOne(
      { _id: 'u1' },
      {
        $set: { 'profile.name': 'Ada' },
        $inc: { count: 4 },
        $push: { history: { $each: ['x', 'y'] } },
        $pull: { tags: 'b' },
        $addToSet: { set: { $each: [1, 2, 2] } },
        $unset: { obsolete: '' },
      },
    );
    const stored = await coll.findOne({ _id: 'u1' });

    // Assert
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(stored).toEqual({
      _id: 'u1',
      count: 5,
      tags: ['a', 'c'],
      set: [1, 2],
      profile: { name: 'Ada' },
      history: ['x', 'y'],
    });
  });

  it('when only whole top-level fields are set and unset, then they change in place, the field order stays, and nested values stay intact', async () => {
    // Arrange
    const items = db.collection<{
      _id: string;
      revision: number;
      pending?: Date;
      indexed?: boolean;
      working: { title: string; tags: string[] };
      last: number;
    }>('toplevel');
    await items.insertOne({
      _id: 'p1',
      revision: 3,
      pending: new Date('2026-01-01'),
      working: { title: 'A', tags: ['x'] },
      last: 1,
    });

    // Act
    const result = await items.updateOne(
      { _id: 'p1', revision: 3 },
      { $set: { revision: 4, indexed: true }, $unset: { pending: 1 } },
    );
    await items.updateOne({ _id: 'p1' }, { $push: { 'working.tags': 'y' } });
    const stored = await items.findOne({ _id: 'p1' });

    // Assert
    expect(result.modifiedCount).toBe(1);
    expect(Object.keys(stored ?? {})).toEqual(['_id', 'revision', 'working', 'last', 'indexed']);
    expect(stored).toMatchObject({ revision: 4, indexed: true, last: 1, working: { title: 'A', tags: ['x', 'y'] } });
    await expect(items.updateOne({ _id: 'p1' }, { $set: { _id: 'other' } })).rejects.toThrow(/_id/);
  });

  it('when a find keeps or drops whole top-level fields, then the answer has those fields in stored order and the stored document keeps all', async () => {
    // Arrange
    const items = db.collection('projected');
    await items.insertOne({ _id: new ObjectId(), a: 1, b: { c: 2 }, d: 'x' });

    // Act
    const kept = await items.findOne({}, { projection: { d: 1, b: 1 } });
    const dropped = await items.findOne({}, { projection: { b: 0 } });
    const bare = await items.findOne({}, { projection: { _id: 0, a: 1 } });
    const full = await items.findOne({});

    // Assert
    expect(Object.keys(kept ?? {})).toEqual(['_id', 'b', 'd']);
    expect(Object.keys(dropped ?? {})).toEqual(['_id', 'a', 'd']);
    expect(bare).toEqual({ a: 1 });
    expect(full).toMatchObject({ a: 1, b: { c: 2 }, d: 'x' });
    await expect(items.findOne({}, { projection: { a: 1, b: 0 } })).rejects.toThrow();
  });

  it('when $addToSet with duplicate $each values targets a missing field, then each value is added once', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; tags?: string[] }>('addtoset');
    await coll.insertOne({ _id: 'a1' });

    // Act
    await coll.updateOne({ _id: 'a1' }, { $addToSet: { tags: { $each: ['x', 'x', 'y'] } } });

    // Assert
    expect(await coll.findOne({ _id: 'a1' })).toEqual({ _id: 'a1', tags: ['x', 'y'] });
  });

  it('when a filter names documents by ObjectId, then the rest of the filter still decides, and $in keeps natural order', async () => {
    // Arrange: filters by _id are looked up by id rather than scanned; the result must be the same.
    const items = db.collection<{ _id: ObjectId; revision: number }>('by_id');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await items.insertMany(ids.map((_id, i) => ({ _id, revision: i + 1 })));

    // Act
    const stale = await items.updateOne({ _id: ids[0]!, revision: 5 }, { $set: { revision: 9 } });
    const current = await items.updateOne({ _id: ids[0]!, revision: 1 }, { $set: { revision: 2 } });
    const batch = await items.find({ _id: { $in: [ids[2]!, new ObjectId(), ids[0]!] } }).toArray();
    const missing = await items.findOneAndUpdate({ _id: new ObjectId() }, { $set: { revision: 1 } });

    // Assert
    expect(stale.matchedCount).toBe(0);
    expect(current.modifiedCount).toBe(1);
    expect(batch.map((d) => [d._id.toHexString(), d.revision])).toEqual([
      [ids[0]!.toHexString(), 2],
      [ids[2]!.toHexString(), 3],
    ]);
    expect(missing).toBeNull();
  });

  it('when an update matches nothing, then nothing is modified', async () => {
    // Act
    const result = await db.collection<Counter>('operators').updateOne({ _id: 'missing' }, { $set: { count: 1 } });

    // Assert
    expect(result).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
  });

  it('when upserting with $setOnInsert, then the filter equality and $setOnInsert seed the insert but not a later update', async () => {
    // Arrange
    const coll = db.collection('upserts');

    // Act
    const inserted = await coll.updateOne(
      { key: 'k1', kind: { $eq: 'counter' } },
      { $inc: { hits: 1 }, $setOnInsert: { createdBy: 'first' } },
      { upsert: true },
    );
    const updated = await coll.updateOne(
      { key: 'k1', kind: 'counter' },
      { $inc: { hits: 1 }, $setOnInsert: { createdBy: 'second' } },
      { upsert: true },
    );
    const stored = await coll.find({ key: 'k1' }).toArray();

    // Assert
    expect(inserted).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
    expect(updated).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      _id: inserted.upsertedId,
      key: 'k1',
      kind: 'counter',
      hits: 2,
      createdBy: 'first',
    });
  });

  it('when a replacement document is used, then the document is replaced and keeps its _id', async () => {
    // Arrange
    const coll = db.collection('replace');
    const { insertedId } = await coll.insertOne({ a: 1, b: 2 });

    // Act
    await coll.replaceOne({ _id: insertedId }, { c: 3 });

    // Assert
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
  });

  it('when an update would change _id, then it fails with ImmutableField (66) and the document is unchanged', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; v: number }>('immutable');
    await coll.insertOne({ _id: 'fixed', v: 1 });

    // Act
    const attempt = coll.updateOne({ _id: 'fixed' }, { $set: { _id: 'moved', v: 2 } });

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 66 });
    expect(await coll.find().toArray()).toEqual([{ _id: 'fixed', v: 1 }]);
  });

  it('when $inc targets a string, then it fails with TypeMismatch (14)', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; name: string }>('types');
    await coll.insertOne({ _id: 't', name: 'text' });

    // Act: a raw command, since the driver's typings already forbid $inc on a string field
    const reply = await db.command({ update: 'types', updates: [{ q: { _id: 't' }, u: { $inc: { name: 1 } } }] });

    // Assert: the write-error shape, with n counting only successful statements
    expect(reply).toMatchObject({ n: 0, nModified: 0, ok: 1, writeErrors: [{ index: 0, code: 14 }] });
    expect(reply.writeErrors[0].errmsg).toContain('Cannot apply $inc to a value of non-numeric type');
    expect(await coll.findOne({ _id: 't' })).toEqual({ _id: 't', name: 'text' });
  });

  it('when $inc targets a Decimal128 value, then the server refuses instead of corrupting it', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; balance: Decimal128 }>('decimals');
    await coll.insertOne({ _id: 'acct', balance: Decimal128.fromString('10.50') });

    // Act
    const reply = await db.command({
      update: 'decimals',
      updates: [{ q: { _id: 'acct' }, u: { $inc: { balance: 1 } } }],
    });

    // Assert
    expect(reply).toMatchObject({ n: 0, writeErrors: [{ index: 0, code: 238 }] });
    expect((await coll.findOne({ _id: 'acct' }))?.balance.toString()).toBe('10.50');
  });

  it('when arrayFilters select array elements, then only those elements are updated', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; grades: { score: number; passed?: boolean }[] }>('arrayfilters');
    await coll.insertOne({ _id: 'g', grades: [{ score: 50 }, { score: 90 }] });

    // Act
    await coll.updateOne(
      { _id: 'g' },
      { $set: { 'grades.$[low].passed': false } },
      { arrayFilters: [{ 'low.score': { $lt: 60 } }] },
    );

    // Assert
    expect((await coll.findOne({ _id: 'g' }))?.grades).toEqual([{ score: 50, passed: false }, { score: 90 }]);
  });

  it('when a pipeline update is sent, then its stages compute the new document', async () => {
    // Arrange
    const coll = db.collection<{ _id: string; first: string; last: string; full?: string }>('pipeline');
    await coll.insertOne({ _id: 'p', first: 'Ada', last: 'Lovelace' });

    // Act
    await coll.updateOne({ _id: 'p' }, [{ $set: { full: { $concat: ['$first', ' ', '$last'] } } }]);

    // Assert
    expect(await coll.findOne({ _id: 'p' })).toEqual({
      _id: 'p',
      first: 'Ada',
      last: 'Lovelace',
      full: 'Ada Lovelace',
    });
  });

  it('when updateMany and deleteMany match several documents, then all of them are affected', async () => {
    // Arrange
    const coll = db.collection('many');
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }]);

    // Act
    const updated = await coll.updateMany({ g: 1 }, { $set: { seen: true } });
    const deleted = await coll.deleteMany({ seen: true });
    const deletedOne = await coll.deleteOne({ g: { $gte: 0 } });

    // Assert
    expect(updated).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(deleted.deletedCount).toBe(2);
    expect(deletedOne.deletedCount).toBe(1);
    expect(await coll.countDocuments()).toBe(0);
  });

  it('when find uses sort, skip, limit and projection, then the page is sorted before being projected', async () => {
    // Arrange
    const coll = db.collection('paging');
    await coll.insertMany([5, 3, 9, 1, 7].map((rank) => ({ rank, name: `n${rank}`, secret: 's' })));

    // Act
    const page = await coll
      .find({}, { projection: { _id: 0, name: 1 } })
      .sort({ rank: -1 })
      .skip(1)
      .limit(3)
      .toArray();
    const excluded = await coll.find({ rank: 1 }, { projection: { secret: 0, _id: 0 } }).toArray();

    // Assert
    expect(page).toEqual([{ name: 'n7' }, { name: 'n5' }, { name: 'n3' }]);
    expect(excluded).toEqual([{ rank: 1, name: 'n1' }]);
  });

  it('when 250 documents are read with the default batch size, then getMore delivers them all and closes the cursor', async () => {
    // Arrange
    const coll = db.collection('bulk');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const batches: number[] = [];
    const listener = (event: {
      commandName: string;
      reply: { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } };
    }): void => {
      const cursor = event.reply.cursor;
      if (cursor) batches.push((cursor.firstBatch ?? cursor.nextBatch ?? []).length);
    };
    const monitored = await MongoClient.connect(server.uriFor('wire_crud'), { monitorCommands: true });
    monitored.on('commandSucceeded', listener);

    // Act
    const seen: number[] = [];
    for await (const doc of monitored.db('wire_crud').collection('bulk').find().sort({ i: 1 }))
      seen.push(doc.i as number);
    await monitored.close();

    // Assert
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(batches[0]).toBe(101);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(250);
    expect(server.openCursorCount).toBe(0);
  });

  it('when batchSize is set and the cursor is closed early, then killCursors frees it', async () => {
    // Arrange
    await db.collection('early_close').insertMany(Array.from({ length: 30 }, (_, i) => ({ i })));
    const cursor = db.collection('early_close').find().batchSize(10);

    // Act
    const first = await cursor.next();
    const openWhileReading = server.openCursorCount;
    await cursor.close();

    // Assert
    expect(first).toMatchObject({ i: 0 });
    expect(openWhileReading).toBe(1);
    expect(server.openCursorCount).toBe(0);
  });

  it('when a session ends, then the cursors opened in it are killed', async () => {
    // Arrange
    await db.collection('session_cursor').insertMany(Array.from({ length: 20 }, (_, i) => ({ i })));
    const session = client.startSession();
    const cursor = db.collection('session_cursor').find({}, { session, batchSize: 5 });
    await cursor.next();

    // Act
    await client.db('admin').command({ endSessions: [session.id] });
    const error = await cursor.toArray().then(
      () => undefined,
      (err: unknown) => err,
    );
    await cursor.close();
    await session.endSession();

    // Assert
    expect(error).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('when sorting by $natural, then documents come in insertion order or its reverse', async () => {
    // Arrange
    const coll = db.collection('natural');
    await coll.insertMany([{ n: 'first' }, { n: 'second' }, { n: 'third' }]);

    // Act
    const forward = await coll.find({}, { sort: { $natural: 1 }, projection: { _id: 0 } }).toArray();
    const backward = await coll.find({}, { sort: { $natural: -1 }, projection: { _id: 0 } }).toArray();

    // Assert
    expect(forward.map((d) => d.n)).toEqual(['first', 'second', 'third']);
    expect(backward.map((d) => d.n)).toEqual(['third', 'second', 'first']);
  });

  it('when counting and listing distinct values, then count, countDocuments and distinct agree with the data', async () => {
    // Arrange
    const coll = db.collection('stats');
    await coll.insertMany([{ c: 'FR', t: ['a', 'b'] }, { c: 'DE', t: ['b'] }, { c: 'FR' }, { c: null }]);

    // Act
    const estimated = await coll.estimatedDocumentCount();
    const counted = await coll.countDocuments({ c: 'FR' });
    const countries = await coll.distinct('c');
    const tags = await coll.distinct('t', { c: 'FR' });

    // Assert
    expect(estimated).toBe(4);
    expect(counted).toBe(2);
    expect(countries).toEqual([null, 'DE', 'FR']);
    expect(tags).toEqual(['a', 'b']);
  });

  it('when findOneAndUpdate, findOneAndReplace and findOneAndDelete run, then they return the documents MongoDB would', async () => {
    // Arrange
    const coll = db.collection('fam');
    await coll.insertMany([
      { q: 1, v: 'low' },
      { q: 2, v: 'high' },
    ]);

    // Act
    const before = await coll.findOneAndUpdate(
      {},
      { $set: { v: 'changed' } },
      { sort: { q: -1 }, returnDocument: 'before', projection: { _id: 0 } },
    );
    const after = await coll.findOneAndUpdate(
      { q: 2 },
      { $inc: { q: 10 } },
      { returnDocument: 'after', projection: { _id: 0, q: 1 } },
    );
    const upserted = await coll.findOneAndUpdate(
      { q: 3 },
      { $set: { v: 'new' } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    const replaced = await coll.findOneAndReplace(
      { q: 3 },
      { q: 4, v: 'replaced' },
      { returnDocument: 'after', projection: { _id: 0 } },
    );
    const deleted = await coll.findOneAndDelete({ q: 1 }, { projection: { _id: 0 } });
    const none = await coll.findOneAndDelete({ q: 99 });

    // Assert
    expect(before).toEqual({ q: 2, v: 'high' });
    expect(after).toEqual({ q: 12 });
    expect(upserted.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(upserted.lastErrorObject?.upserted).toEqual(upserted.value?._id);
    expect(upserted.value).toMatchObject({ q: 3, v: 'new' });
    expect(replaced).toEqual({ q: 4, v: 'replaced' });
    expect(deleted).toEqual({ q: 1, v: 'low' });
    expect(none).toBeNull();
    expect(
      await coll
        .find({}, { projection: { _id: 0 } })
        .sort({ q: 1 })
        .toArray(),
    ).toEqual([
      { q: 4, v: 'replaced' },
      { q: 12, v: 'changed' },
    ]);
  });

  it('when ordered inserts hit a duplicate _id, then they stop there and report how many succeeded', async () => {
    // Arrange
    const coll = db.collection<{ _id: number }>('ordered');

    // Act
    const ordered = coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }]);
    await expect(ordered).rejects.toMatchObject({ code: 11000, insertedCount: 2 });
    const unordered = coll.insertMany([{ _id: 4 }, { _id: 1 }, { _id: 5 }], { ordered: false });
    await expect(unordered).rejects.toMatchObject({ code: 11000, insertedCount: 2 });

    // Assert
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 4, 5]);
  });
});
