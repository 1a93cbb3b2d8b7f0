import { promisify } from 'node:util';
import MongoStore from 'connect-mongo';
import type { SessionData } from 'express-session';
import mongoose, { Schema, Types, type Connection, type Model } from 'mongoose';
import { MongoClient } from 'mongodb';
import { MongoWireServer } from '../../server/bundled-store/server';

type AuthorDoc = { email: string; name: string; createdAt?: Date; updatedAt?: Date };
type PracticeDoc = {
  slug: string;
  title: string;
  author: Types.ObjectId;
  reviewers: Types.ObjectId[];
  country: string;
  score: number;
  views: number;
  tags: string[];
  createdAt?: Date;
  updatedAt?: Date;
};

const authorSchema = new Schema<AuthorDoc>(
  {
    email: { type: String, required: true, unique: true, lowercase: true, match: /^[^@\s]+@[^@\s]+$/ },
    name: { type: String, required: true, minlength: 2 },
  },
  { timestamps: true },
);

const practiceSchema = new Schema<PracticeDoc>(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    author: { type: Schema.Types.ObjectId, ref: 'Author', required: true },
    reviewers: [{ type: Schema.Types.ObjectId, ref: 'Author' }],
    country: { type: String, required: true, enum: ['FR', 'PT', 'IT'] },
    score: { type: Number, min: 0, max: 5, default: 0 },
    views: { type: Number, default: 0 },
    tags: [String],
  },
  { timestamps: true, optimisticConcurrency: true },
);
practiceSchema.index({ country: 1, score: -1 });

describe('bundled store (MongoDB wire protocol): Mongoose end to end', () => {
  let server: MongoWireServer;
  let connection: Connection;
  let Author: Model<AuthorDoc>;
  let Practice: Model<PracticeDoc>;
  let ada: mongoose.HydratedDocument<AuthorDoc>;
  let alan: mongoose.HydratedDocument<AuthorDoc>;

  beforeAll(async () => {
    server = await MongoWireServer.start();
    connection = await mongoose.createConnection(server.uri, { dbName: 'wire_mongoose', autoIndex: true }).asPromise();
    Author = connection.model('Author', authorSchema);
    Practice = connection.model('Practice', practiceSchema);
    await Promise.all([Author.init(), Practice.init()]);
    [ada, alan] = (await Author.create([
      { email: 'Ada@Example.org', name: 'Ada' },
      { email: 'alan@example.org', name: 'Alan' },
    ])) as [mongoose.HydratedDocument<AuthorDoc>, mongoose.HydratedDocument<AuthorDoc>];
    await Practice.insertMany([
      {
        slug: 'housing',
        title: 'Housing',
        author: ada._id,
        reviewers: [alan._id],
        country: 'FR',
        score: 4,
        tags: ['housing', 'youth'],
      },
      {
        slug: 'transport',
        title: 'Transport',
        author: ada._id,
        reviewers: [],
        country: 'FR',
        score: 2,
        tags: ['mobility'],
      },
      {
        slug: 'jobs',
        title: 'Jobs',
        author: alan._id,
        reviewers: [ada._id, alan._id],
        country: 'PT',
        score: 5,
        tags: ['youth'],
      },
    ]);
  });

  afterAll(async () => {
    await connection.close();
    await server.stop();
  });

  it('when documents are created, then schema transforms, defaults and timestamps are stored', async () => {
    // Act
    const stored = await Author.findOne({ email: 'ada@example.org' }).lean();
    const raw = await connection.db!.collection('practices').findOne({ slug: 'transport' });

    // Assert
    expect(stored).toMatchObject({ email: 'ada@example.org', name: 'Ada' });
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect(stored?.updatedAt).toEqual(stored?.createdAt);
    expect(raw).toMatchObject({ views: 0, __v: 0 });
  });

  it('when a document violates the schema, then validation fails and nothing is written', async () => {
    // Act
    const attempt = Practice.create({ slug: 'bad', title: 'Bad', author: ada._id, country: 'XX', score: 9 });

    // Assert
    await expect(attempt).rejects.toBeInstanceOf(mongoose.Error.ValidationError);
    expect(await Practice.countDocuments({ slug: 'bad' })).toBe(0);
  });

  it('when a unique field is repeated, then a MongoServerError 11000 carries keyPattern and keyValue', async () => {
    // Act
    const error: unknown = await Author.create({ email: 'ada@example.org', name: 'Imposter' }).then(
      () => undefined,
      (err: unknown) => err,
    );

    // Assert
    expect(error).toMatchObject({
      name: 'MongoServerError',
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'ada@example.org' },
    });
    expect(await Author.countDocuments({ name: 'Imposter' })).toBe(0);
  });

  it('when syncIndexes runs, then the schema indexes exist and stray ones are dropped', async () => {
    // Arrange
    await Practice.collection.createIndex({ title: 1 }, { name: 'stray_title' });

    // Act
    const dropped = await Practice.syncIndexes();
    const indexes = await Practice.listIndexes();

    // Assert
    expect(dropped).toEqual(['stray_title']);
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'country_1_score_-1', 'slug_1']);
    expect(indexes.find((i) => i.name === 'slug_1')).toMatchObject({ unique: true });
  });

  it('when querying with find, findById, select, sort and lean, then the expected documents come back', async () => {
    // Act
    const top = await Practice.find({ country: 'FR' }).sort({ score: -1 }).select('slug score -_id').lean();
    const byId = await Author.findById(alan._id);
    const none = await Practice.findOne({ slug: 'nope' });

    // Assert
    expect(top).toEqual([
      { slug: 'housing', score: 4 },
      { slug: 'transport', score: 2 },
    ]);
    expect(byId?.name).toBe('Alan');
    expect(none).toBeNull();
  });

  it('when populate resolves single and array references, then the authors are embedded', async () => {
    // Act
    const jobs = await Practice.findOne({ slug: 'jobs' })
      .populate<{ author: AuthorDoc; reviewers: AuthorDoc[] }>(['author', 'reviewers'])
      .lean();

    // Assert
    expect(jobs?.author.name).toBe('Alan');
    expect(jobs?.reviewers.map((r) => r.name)).toEqual(['Ada', 'Alan']);
  });

  it('when counting, then countDocuments, estimatedDocumentCount and distinct agree', async () => {
    // Act
    const fr = await Practice.countDocuments({ country: 'FR' });
    const all = await Practice.estimatedDocumentCount();
    const countries = await Practice.distinct('country');

    // Assert
    expect(fr).toBe(2);
    expect(all).toBe(3);
    expect(countries.sort()).toEqual(['FR', 'PT']);
  });

  it('when findOneAndUpdate upserts with runValidators, then it inserts once, updates after, and rejects invalid values', async () => {
    // Act
    const created = await Practice.findOneAndUpdate(
      { slug: 'energy' },
      { $set: { title: 'Energy', author: alan._id, country: 'IT', score: 3 } },
      { returnDocument: 'after', upsert: true, runValidators: true },
    );
    const updated = await Practice.findOneAndUpdate(
      { slug: 'energy' },
      { $set: { score: 1 } },
      { returnDocument: 'after', upsert: true, runValidators: true },
    );
    const invalid = await Practice.findOneAndUpdate(
      { slug: 'energy' },
      { $set: { score: 50 } },
      { returnDocument: 'after', runValidators: true },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );

    // Assert
    expect(created).toMatchObject({ slug: 'energy', title: 'Energy', country: 'IT', score: 3, views: 0 });
    expect(created?.createdAt).toBeInstanceOf(Date);
    expect(updated?._id.equals(created!._id)).toBe(true);
    expect(updated?.score).toBe(1);
    expect(updated!.updatedAt!.getTime()).toBeGreaterThanOrEqual(created!.updatedAt!.getTime());
    expect(invalid).toBeInstanceOf(mongoose.Error.ValidationError);
    expect((await Practice.findOne({ slug: 'energy' }).lean())?.score).toBe(1);
  });

  it('when many clients $inc the same counter concurrently, then no increment is lost', async () => {
    // Act
    await Promise.all(
      Array.from({ length: 25 }, () => Practice.updateOne({ slug: 'housing' }, { $inc: { views: 1 } })),
    );

    // Assert
    expect((await Practice.findOne({ slug: 'housing' }).lean())?.views).toBe(25);
  });

  it('when two copies of a document are saved with optimistic concurrency, then the stale one fails with VersionError', async () => {
    // Arrange
    const first = await Practice.findOne({ slug: 'transport' });
    const second = await Practice.findOne({ slug: 'transport' });

    // Act
    first!.tags.push('rail');
    await first!.save();
    second!.title = 'Stale edit';
    const stale = second!.save();

    // Assert
    await expect(stale).rejects.toBeInstanceOf(mongoose.Error.VersionError);
    expect(await Practice.findOne({ slug: 'transport' }).lean()).toMatchObject({
      title: 'Transport',
      tags: ['mobility', 'rail'],
      __v: 1,
    });
  });

  it('when aggregating with $match, $group, $sort, $lookup, $unwind and $facet, then the report is computed', async () => {
    // Act
    const [report] = await Practice.aggregate<{
      byCountry: { _id: string; avg: number }[];
      byAuthor: { name: string; n: number }[];
    }>([
      { $match: { country: { $in: ['FR', 'PT'] } } },
      {
        $facet: {
          byCountry: [{ $group: { _id: '$country', avg: { $avg: '$score' } } }, { $sort: { _id: 1 } }],
          byAuthor: [
            { $lookup: { from: 'authors', localField: 'author', foreignField: '_id', as: 'a' } },
            { $unwind: '$a' },
            { $group: { _id: '$a.name', n: { $sum: 1 } } },
            { $project: { _id: 0, name: '$_id', n: 1 } },
            { $sort: { name: 1 } },
          ],
        },
      },
    ]);

    // Assert
    expect(report?.byCountry).toEqual([
      { _id: 'FR', avg: 3 },
      { _id: 'PT', avg: 5 },
    ]);
    expect(report?.byAuthor).toEqual([
      { name: 'Ada', n: 2 },
      { name: 'Alan', n: 1 },
    ]);
  });

  it('when a Mongoose cursor iterates over more than 101 documents, then every document arrives through getMore', async () => {
    // Arrange
    const Reading = connection.model('Reading', new Schema({ n: Number }));
    await Reading.insertMany(Array.from({ length: 230 }, (_, n) => ({ n })));

    // Act
    const seen: number[] = [];
    for await (const doc of Reading.find().sort({ n: 1 }).cursor()) seen.push(doc.n as number);

    // Assert
    expect(seen).toHaveLength(230);
    expect(seen[229]).toBe(229);
  });

  it('when bulkWrite upserts reference data twice, then it stays idempotent', async () => {
    // Arrange
    const ops = ['lyon', 'porto'].map((slug, order) => ({
      updateOne: { filter: { slug }, update: { $set: { slug, order } }, upsert: true },
    }));
    const City = connection.model(
      'City',
      new Schema({ slug: { type: String, unique: true }, order: Number }, { timestamps: true }),
    );
    await City.init();

    // Act
    const first = await City.bulkWrite(ops);
    const second = await City.bulkWrite(ops);

    // Assert
    expect(first.upsertedCount).toBe(2);
    expect(second.upsertedCount).toBe(0);
    expect(second.matchedCount).toBe(2);
    expect(await City.find({}, { _id: 0, slug: 1, order: 1 }).sort({ order: 1 }).lean()).toEqual([
      { slug: 'lyon', order: 0 },
      { slug: 'porto', order: 1 },
    ]);
  });

  it('when documents are deleted, then findOneAndDelete returns the document and deleteMany removes the rest', async () => {
    // Act
    const removed = await Practice.findOneAndDelete({ slug: 'energy' });
    const many = await Practice.deleteMany({ country: 'FR' });

    // Assert
    expect(removed?.slug).toBe('energy');
    expect(many.deletedCount).toBe(2);
    expect(await Practice.find().distinct('slug')).toEqual(['jobs']);
  });
});

describe('bundled store (MongoDB wire protocol): connect-mongo sessions and a MongoDB rate limiter', () => {
  let server: MongoWireServer;
  let client: MongoClient;

  beforeAll(async () => {
    server = await MongoWireServer.start();
    client = await MongoClient.connect(server.uri);
  });

  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it('when connect-mongo stores, reads, touches and destroys a session, then each step is reflected in MongoDB', async () => {
    // Arrange
    const store = MongoStore.create({
      client,
      dbName: 'wire_sessions',
      collectionName: 'sessions',
      autoRemove: 'native',
      stringify: false,
      ttl: 60,
    });
    const set = promisify(store.set.bind(store)) as (sid: string, session: SessionData) => Promise<void>;
    const get = promisify(store.get.bind(store)) as (sid: string) => Promise<SessionData | null | undefined>;
    const touch = promisify(store.touch.bind(store)) as (sid: string, session: SessionData) => Promise<void>;
    const destroy = promisify(store.destroy.bind(store)) as (sid: string) => Promise<void>;
    const session = {
      cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
    } as unknown as SessionData;
    const sessions = client.db('wire_sessions').collection<{ _id: string; expires: Date }>('sessions');

    // Act
    await set('sid-1', session);
    const loaded = await get('sid-1');
    const before = (await sessions.findOne({ _id: 'sid-1' }))?.expires;
    await touch('sid-1', {
      cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 120_000) },
    } as unknown as SessionData);
    const after = (await sessions.findOne({ _id: 'sid-1' }))?.expires;
    await destroy('sid-1');
    const gone = await get('sid-1');
    const ttl = (await sessions.indexes()).find((i) => i.key.expires === 1);

    // Assert
    expect(loaded?.cookie).toBeDefined();
    expect(after!.getTime()).toBeGreaterThan(before!.getTime());
    expect(gone ?? null).toBeNull();
    expect(ttl?.expireAfterSeconds).toBe(0);
  });

  it('when a session has expired, then connect-mongo no longer returns it', async () => {
    // Arrange
    const store = MongoStore.create({
      client,
      dbName: 'wire_sessions',
      collectionName: 'sessions',
      autoRemove: 'native',
      stringify: false,
    });
    const get = promisify(store.get.bind(store)) as (sid: string) => Promise<SessionData | null | undefined>;
    await get('warm-up'); // waits for the TTL index connect-mongo creates
    const sessions = client.db('wire_sessions').collection<{ _id: string; session: object; expires: Date }>('sessions');
    await sessions.insertOne({ _id: 'old', session: {}, expires: new Date(Date.now() - 1000) });

    // Act
    const loaded = await get('old');

    // Assert
    expect(loaded ?? null).toBeNull();
  });

  it('when a MongoDB rate limiter counts concurrent hits, then $inc with $setOnInsert upserts one counter with every hit', async () => {
    // Arrange
    const counters = client.db('wire_limits').collection<{ _id: string; hits: number; resetAt: Date }>('rate_limits');
    await counters.createIndex({ resetAt: 1 }, { expireAfterSeconds: 0 });
    const resetAt = new Date(Date.now() + 60_000);
    const hit = () =>
      counters.findOneAndUpdate(
        { _id: 'login:1.2.3.4' },
        { $inc: { hits: 1 }, $setOnInsert: { resetAt } },
        { upsert: true, returnDocument: 'after' },
      );

    // Act
    const results = await Promise.all(Array.from({ length: 12 }, hit));

    // Assert
    expect(results.map((doc) => doc?.hits).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    expect(await counters.find().toArray()).toEqual([{ _id: 'login:1.2.3.4', hits: 12, resetAt }]);
  });
});
