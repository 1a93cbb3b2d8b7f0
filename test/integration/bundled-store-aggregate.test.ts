import { MongoClient, ObjectId, type Db } from 'mongodb';
import { MongoWireServer } from '../../server/bundled-store/server';

describe('bundled store (MongoDB wire protocol): aggregation and catalog', () => {
  let server: MongoWireServer;
  let client: MongoClient;
  let db: Db;
  const cityIds = { lyon: new ObjectId(), porto: new ObjectId() };

  beforeAll(async () => {
    server = await MongoWireServer.start();
    client = await MongoClient.connect(server.uriFor('wire_agg'));
    db = client.db('wire_agg');
    await db.collection('cities').insertMany([
      { _id: cityIds.lyon, name: 'Lyon', country: 'FR' },
      { _id: cityIds.porto, name: 'Porto', country: 'PT' },
    ]);
    await db.collection('practices').insertMany([
      { title: 'Housing', city: cityIds.lyon, score: 4, tags: ['housing', 'youth'] },
      { title: 'Transport', city: cityIds.lyon, score: 2, tags: ['mobility'] },
      { title: 'Jobs', city: cityIds.porto, score: 5, tags: ['youth'] },
    ]);
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('when $match, $group and $sort run, then the groups are computed per key', async () => {
    // Act
    const groups = await db
      .collection('practices')
      .aggregate([
        { $match: { score: { $gte: 2 } } },
        { $group: { _id: '$city', total: { $sum: '$score' }, n: { $sum: 1 } } },
        { $sort: { total: -1 } },
      ])
      .toArray();

    // Assert
    expect(groups).toEqual([
      { _id: cityIds.lyon, total: 6, n: 2 },
      { _id: cityIds.porto, total: 5, n: 1 },
    ]);
  });

  it('when $lookup joins another collection of the same database, then the foreign documents are embedded', async () => {
    // Act
    const joined = await db
      .collection('practices')
      .aggregate([
        { $match: { title: 'Jobs' } },
        { $lookup: { from: 'cities', localField: 'city', foreignField: '_id', as: 'cityDoc' } },
        { $unwind: '$cityDoc' },
        { $project: { _id: 0, title: 1, cityName: '$cityDoc.name' } },
      ])
      .toArray();

    // Assert
    expect(joined).toEqual([{ title: 'Jobs', cityName: 'Porto' }]);
  });

  it('when $lookup with a sub-pipeline and $facet run, then each facet sees the full input', async () => {
    // Act
    const [facets] = await db
      .collection('cities')
      .aggregate([
        {
          $lookup: {
            from: 'practices',
            let: { id: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$city', '$$id'] } } }, { $count: 'n' }],
            as: 'counts',
          },
        },
        {
          $facet: { names: [{ $sort: { name: 1 } }, { $project: { _id: 0, name: 1 } }], total: [{ $count: 'cities' }] },
        },
      ])
      .toArray();

    // Assert
    expect(facets).toEqual({ names: [{ name: 'Lyon' }, { name: 'Porto' }], total: [{ cities: 2 }] });
  });

  it('when tags are unwound and counted, then each tag is counted once per document', async () => {
    // Act
    const counts = await db
      .collection('practices')
      .aggregate([{ $unwind: '$tags' }, { $sortByCount: '$tags' }, { $sort: { count: -1, _id: 1 } }])
      .toArray();

    // Assert
    expect(counts).toEqual([
      { _id: 'youth', count: 2 },
      { _id: 'housing', count: 1 },
      { _id: 'mobility', count: 1 },
    ]);
  });

  it('when an aggregation result exceeds the batch size, then getMore streams the rest', async () => {
    // Arrange
    const numbers = db.collection('numbers');
    await numbers.insertMany(Array.from({ length: 150 }, (_, i) => ({ i })));

    // Act
    const doubled = await numbers
      .aggregate([{ $project: { _id: 0, d: { $multiply: ['$i', 2] } } }], { batchSize: 40 })
      .toArray();

    // Assert
    expect(doubled).toHaveLength(150);
    expect(doubled[149]).toEqual({ d: 298 });
  });

  it('when $out or $merge is used, then the server refuses instead of silently dropping the output', async () => {
    // Act
    const out = db
      .collection('practices')
      .aggregate([{ $out: 'copy' }])
      .toArray();

    // Assert
    await expect(out).rejects.toMatchObject({ code: 238 });
    expect(await db.listCollections({ name: 'copy' }).toArray()).toEqual([]);
  });

  it('when an unknown stage is used, then it fails like mongod does', async () => {
    // Act
    const attempt = db
      .collection('practices')
      .aggregate([{ $nope: {} }])
      .toArray();

    // Assert
    await expect(attempt).rejects.toMatchObject({ code: 40324 });
  });

  it('when collections are created, listed and dropped, then listCollections follows', async () => {
    // Arrange
    const scratch = client.db('wire_catalog');
    await scratch.createCollection('alpha');
    await scratch.collection('beta').insertOne({ b: 1 });

    // Act
    const names = (await scratch.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    const filtered = await scratch.listCollections({ name: 'beta' }).toArray();
    const dropped = await scratch.collection('alpha').drop();
    const droppedMissing = await scratch.collection('never').drop();
    const after = (await scratch.listCollections().toArray()).map((c) => c.name);

    // Assert
    expect(names).toEqual(['alpha', 'beta']);
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toMatchObject({ name: 'beta', type: 'collection', options: {}, info: { readOnly: false } });
    expect(dropped).toBe(true);
    expect(droppedMissing).toBe(true);
    expect(after).toEqual(['beta']);
  });

  it('when a collection is created twice, then identical options succeed and different ones fail with NamespaceExists', async () => {
    // Arrange
    const scratch = client.db('wire_catalog');
    await scratch.createCollection('twice');

    // Act
    const again = scratch.createCollection('twice');
    await expect(again).resolves.toBeDefined();
    const different = scratch.command({ create: 'twice', collation: { locale: 'fr' } });

    // Assert
    await expect(different).rejects.toMatchObject({ code: 48 });
  });

  it('when a database is dropped, then its collections are gone and other databases are untouched', async () => {
    // Arrange
    const doomed = client.db('wire_doomed');
    await doomed.collection('x').insertOne({ a: 1 });

    // Act
    await doomed.dropDatabase();
    const remaining = await doomed.listCollections().toArray();
    const databases = await client.db('admin').admin().listDatabases({ nameOnly: true });

    // Assert
    expect(remaining).toEqual([]);
    expect(databases.databases.map((d) => d.name)).not.toContain('wire_doomed');
    expect(databases.databases.map((d) => d.name)).toContain('wire_agg');
    expect(await db.collection('cities').countDocuments()).toBe(2);
  });

  it('when several clients write to separate databases concurrently, then each sees only its own data', async () => {
    // Arrange
    const clients = await Promise.all([1, 2, 3].map(() => MongoClient.connect(server.uri)));

    // Act
    await Promise.all(
      clients.map((c, i) =>
        c
          .db(`wire_tenant_${i}`)
          .collection('docs')
          .insertMany(Array.from({ length: 20 }, (_, n) => ({ n, tenant: i }))),
      ),
    );
    const counts = await Promise.all(
      clients.map((c, i) => c.db(`wire_tenant_${i}`).collection('docs').countDocuments({ tenant: i })),
    );
    const foreign = await Promise.all(
      clients.map((c, i) =>
        c
          .db(`wire_tenant_${i}`)
          .collection('docs')
          .countDocuments({ tenant: { $ne: i } }),
      ),
    );
    await Promise.all(clients.map((c) => c.close()));

    // Assert
    expect(counts).toEqual([20, 20, 20]);
    expect(foreign).toEqual([0, 0, 0]);
  });
});
