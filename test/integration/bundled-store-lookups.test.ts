import fc from 'fast-check';
import { Double, Long, MongoClient, ObjectId, type Collection, type Db, type Document, type Filter } from 'mongodb';
import { MongoWireServer } from '../../server/bundled-store/server';

/**
 * Indexes narrow which documents a query reads. Whatever they narrow, a query must answer exactly what a
 * scan answers: the same documents, in the same (natural) order. Each case runs on two collections with
 * the same documents, one indexed and one not, and compares.
 */
describe('bundled store (MongoDB wire protocol): queries read through indexes', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    server = await MongoWireServer.start();
    client = await MongoClient.connect(server.uriFor('wire_lookups'));
    db = client.db('wire_lookups');
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  async function pair(name: string, indexes: Document[]): Promise<[Collection, Collection]> {
    const indexed = db.collection(`${name}_indexed`);
    const scanned = db.collection(`${name}_scanned`);
    for (const key of indexes) await indexed.createIndex(key, key.pendingSince ? { sparse: true } : {});
    return [indexed, scanned];
  }

  const both = async (collections: [Collection, Collection], filter: Filter<Document>, options: Document = {}) =>
    Promise.all(collections.map((c) => c.find(filter, options).toArray()));

  it('when equality, $eq, $in and $exists name an indexed field, then the answer equals a scan, in natural order, through updates and deletes', async () => {
    const statuses = ['draft', 'submitted', 'published', 'archived'];
    const tags = ['a', 'b', 'c', 'd'];
    const docArb = fc.record({
      status: fc.constantFrom(...statuses),
      tags: fc.subarray(tags),
      city: fc.record({ slug: fc.constantFrom('riga', 'kaunas', 'vejle') }),
      n: fc.integer({ min: 0, max: 3 }),
      pending: fc.boolean(),
    });
    const filterArb = fc.oneof(
      fc.constantFrom(...statuses).map((s) => ({ status: s })),
      fc.subarray(statuses).map((list) => ({ status: { $in: list } })),
      fc.constantFrom(...tags).map((t) => ({ tags: t })),
      fc.constantFrom(...tags).map((t) => ({ tags: { $eq: t }, status: { $ne: 'archived' } })),
      fc.constantFrom('riga', 'kaunas').map((slug) => ({ 'city.slug': slug })),
      fc.integer({ min: 0, max: 3 }).map((n) => ({ n: new Double(n) })),
      fc.constant({ pendingSince: { $exists: true } }),
      fc.constant({ pendingSince: { $exists: false } }),
      fc.constantFrom(...statuses).map((s) => ({ status: s, n: { $gte: 1 } })),
    );
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { minLength: 1, maxLength: 40 }),
        fc.array(filterArb, { minLength: 1, maxLength: 6 }),
        async (docs, filters) => {
          const collections = await pair(`prop${round++}`, [
            { status: 1 },
            { tags: 1 },
            { 'city.slug': 1, n: 1 },
            { n: 1 },
            { pendingSince: 1 },
          ]);
          const stored = docs.map(({ pending, ...doc }, i) => ({
            _id: new ObjectId(),
            ...doc,
            ...(pending ? { pendingSince: new Date(1_700_000_000_000 + i) } : {}),
          }));
          for (const c of collections) await c.insertMany(stored.map((d) => ({ ...d })));
          // Moves between postings: some documents change status, lose their queue mark, or go.
          for (const c of collections) {
            await c.updateMany({ status: 'draft' }, { $set: { status: 'submitted' }, $unset: { pendingSince: 1 } });
            await c.deleteMany({ tags: 'd', status: 'archived' });
            await c.updateOne({ status: 'published' }, { $push: { tags: 'c' } as never });
          }
          for (const filter of filters) {
            const [viaIndex, viaScan] = await both(collections, filter as Filter<Document>);
            expect(viaIndex).toEqual(viaScan);
            const [counted, scanCounted] = await Promise.all(
              collections.map((c) => c.countDocuments(filter as Filter<Document>)),
            );
            expect(counted).toBe(scanCounted);
          }
        },
      ),
      { numRuns: 25, seed: 20261201 },
    );
  });

  it('when a number is stored as one BSON type and asked for as another, then the index still finds it', async () => {
    const collections = await pair('numbers', [{ n: 1 }]);
    for (const c of collections)
      await c.insertMany([{ n: 1 }, { n: new Double(2) }, { n: Long.fromNumber(3) }, { n: 4 }]);

    const results = await Promise.all(
      [{ n: new Double(1) }, { n: 2 }, { n: { $in: [3, new Double(4)] } }].map((filter) => both(collections, filter)),
    );

    const numbers = (docs: Document[] | undefined) => (docs ?? []).map((d) => Number(d.n));
    expect(results.map(([indexed]) => numbers(indexed))).toEqual([[1], [2], [3, 4]]);
    expect(results.map(([, scanned]) => numbers(scanned))).toEqual([[1], [2], [3, 4]]);
  });

  it('when a query names an indexed field by pattern or by null, then every match is found, as a scan finds it', async () => {
    const collections = await pair('patterns', [{ name: 1 }]);
    for (const c of collections) await c.insertMany([{ name: 'Riga' }, { name: 'riga' }, { other: 1 }, { name: null }]);

    const [byPattern, byNull] = await Promise.all([
      both(collections, { name: /^r/i }),
      both(collections, { name: null }),
    ]);

    expect(byPattern.map((docs) => docs.map((d) => d.name))).toEqual([
      ['Riga', 'riga'],
      ['Riga', 'riga'],
    ]);
    expect(byNull.map((docs) => docs.length)).toEqual([2, 2]);
  });

  it('when an aggregation starts with $match on an indexed field, then it reads the same documents a scan would', async () => {
    const collections = await pair('aggregate', [{ status: 1 }]);
    for (const c of collections) {
      await c.insertMany(
        Array.from({ length: 30 }, (_, i) => ({ status: i % 3 === 0 ? 'published' : 'draft', city: `c${i % 4}` })),
      );
    }
    const pipeline = [
      { $match: { status: 'published' } },
      { $group: { _id: '$city', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ];

    const [indexed, scanned] = await Promise.all(collections.map((c) => c.aggregate(pipeline).toArray()));

    expect(indexed).toEqual([
      { _id: 'c0', n: 3 },
      { _id: 'c1', n: 2 },
      { _id: 'c2', n: 2 },
      { _id: 'c3', n: 3 },
    ]);
    expect(indexed).toEqual(scanned);
  });
});
