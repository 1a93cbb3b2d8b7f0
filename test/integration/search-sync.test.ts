import { conceptToken } from '../../server/features/search/search-concepts';
import { silentLogger } from '../../server/lib/logger';
import { Schema, Types } from 'mongoose';
import {
  createLease,
  createOutboxSync,
  mongoOutbox,
  PENDING_FIELD,
  type IndexRead,
  type OutboxSource,
} from '../../server/lib/search-outbox';
import { createAuthors, indexedDoc, publishedPractice, revisionsOf, type Authors } from '../support/search-fixtures';
import { draftPractice } from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let who: Authors;

beforeAll(async () => {
  ctx = await createTestContext();
  who = await createAuthors(ctx);
});

afterAll(async () => {
  await ctx.close();
});

const sync = () => ctx.services.searchIndexing.sync;

async function inIndexOf(id: string): Promise<boolean | undefined> {
  const doc = await ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) }, { projection: { inIndex: 1 } });
  return (doc as { inIndex?: boolean } | null)?.inIndex;
}

describe('search sync', () => {
  it('when a practice is published, then the sync indexes that revision and marks it indexed', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Returnee advisers in Latgale' });
    expect((await revisionsOf(ctx, practice.id)).indexedRevision).toBe(0);

    await sync().drain();

    const { revision, indexedRevision } = await revisionsOf(ctx, practice.id);
    expect(indexedRevision).toBe(revision);
    expect(await indexedDoc(ctx, practice.id)).toMatchObject({
      id: practice.id,
      revision,
      title: 'Returnee advisers in Latgale',
    });
  });

  it('when a draft is saved, then nothing about it reaches the index, yet its revision is settled', async () => {
    const draft = await ctx.services.practices.create(who.partner, { title: 'A private draft about housing' });

    await sync().drain();

    expect(await indexedDoc(ctx, draft.id)).toBeUndefined();
    const { revision, indexedRevision } = await revisionsOf(ctx, draft.id);
    expect(indexedRevision).toBe(revision);
  });

  it('when a draft is created and submitted, then the sync settles it without sending Meilisearch any task', async () => {
    await sync().drain();
    const draft = await draftPractice(ctx, who.partner, { title: 'A draft the index never holds' });
    await ctx.services.practices.submit(who.partner, draft.id);

    const result = await sync().runOnce();

    expect(result).toEqual({ leased: true, upserted: 0, removed: 0, skipped: 1 });
    const { revision, indexedRevision } = await revisionsOf(ctx, draft.id);
    expect(indexedRevision).toBe(revision);
    expect(await inIndexOf(draft.id)).toBe(false);
  });

  it('when whether the index holds an unlisted record is not known, then the sync sends its removal', async () => {
    await sync().drain();
    const draft = await ctx.services.practices.create(who.partner, { title: 'A draft from before the index state' });
    await sync().drain();
    // As a record written before the sync kept the index state: pending, state unknown.
    await ctx.db.collection('practices').updateOne(
      { _id: new Types.ObjectId(draft.id) },
      { $unset: { inIndex: 1 }, $set: { indexedRevision: 0, pendingSince: new Date() } },
    );

    const result = await sync().runOnce();

    expect(result).toEqual({ leased: true, upserted: 0, removed: 1, skipped: 0 });
    expect(await inIndexOf(draft.id)).toBe(false);
  });

  it('when a published practice is archived after being indexed, then its removal is sent and its state recorded', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Indexed, then archived' });
    await sync().drain();
    expect(await inIndexOf(practice.id)).toBe(true);

    await ctx.services.practices.archive(who.coordinator, practice.id);
    const result = await sync().runOnce();

    expect(result).toMatchObject({ removed: 1 });
    expect(await indexedDoc(ctx, practice.id)).toBeUndefined();
    expect(await inIndexOf(practice.id)).toBe(false);
  });

  it('when a practice is archived, then it is removed from the index', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Soon archived practice' });
    await sync().drain();

    await ctx.services.practices.archive(who.coordinator, practice.id);
    await sync().drain();

    expect(await indexedDoc(ctx, practice.id)).toBeUndefined();
  });

  it('when edits and publishes race with the sync, then the index ends with the newest revision (no stale overwrite)', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Version 0' });
    const practices = ctx.services.practices;
    const editAndPublish = async (n: number) => {
      const current = await practices.get(who.coordinator, practice.id);
      const updated = await practices.update(who.coordinator, practice.id, {
        title: `Version ${n}`,
        revision: current.revision,
      });
      // A coordinator's edit of a published practice goes live at once; otherwise it takes the workflow.
      if (updated.status !== 'published') {
        await practices.submit(who.coordinator, practice.id);
        await practices.publish(who.coordinator, practice.id);
      }
    };

    const edits = (async () => {
      for (let n = 1; n <= 6; n += 1) await editAndPublish(n);
    })();
    const syncing = (async () => {
      for (let i = 0; i < 8; i += 1) await sync().runOnce();
    })();
    await Promise.all([edits, syncing]);
    await sync().drain();

    const { revision, indexedRevision } = await revisionsOf(ctx, practice.id);
    expect(indexedRevision).toBe(revision);
    expect(await indexedDoc(ctx, practice.id)).toMatchObject({ title: 'Version 6', revision });
  });

  it('when another instance holds the lease, then this one does not sync', async () => {
    const other = createLease(ctx.db, 'practices-sync', 60_000, 'other-instance');
    await sync().stop(); // releases ours
    expect(await other.acquire()).toBe(true);
    await publishedPractice(ctx, who, { title: 'Waits for the lease' });

    const result = await sync().runOnce();

    expect(result.leased).toBe(false);
    expect((await sync().status()).pending).toBeGreaterThan(0);
    await other.release();
    await sync().drain();
    expect((await sync().status()).pending).toBe(0);
  });

  it('when each sync prepares before its first pass, then it applies its own index’s synonyms and leaves the other index’s alone', async () => {
    const recommendations = ctx.search.client.index(ctx.search.indexUid('recommendations'));
    await recommendations.updateSynonyms({}).waitTask();
    await sync().stop();

    await sync().runOnce();

    expect(await recommendations.getSynonyms()).toEqual({});
    const other = ctx.services.searchIndexing.recommendations.sync;
    await other.stop();
    await other.runOnce();
    expect((await recommendations.getSynonyms()).youth).toEqual(expect.arrayContaining(['jaunieši', 'młodzież']));
    await other.stop();
  });

  it('when the index is first synced, then practices carry the concepts of the base synonym groups and a changed set sends them again', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Jauniešu centrs Daugavpilī' });
    await sync().drain();

    const doc = await ctx.search.index('practices').getDocument<{ stemmed: { title: string } }>(practice.id);
    expect(doc.stemmed.title).toContain(conceptToken('youth'));

    await ctx.db
      .collection('search_state')
      .updateOne({ _id: 'practices-concepts' as never }, { $set: { version: 'older' } });
    await sync().stop();
    const pass = await sync().runOnce();

    expect(pass.upserted).toBeGreaterThan(0);
    expect((await sync().status()).pending).toBe(0);
    expect((await ctx.db.collection('search_state').findOne({ _id: 'practices-concepts' as never }))?.version).not.toBe(
      'older',
    );
  });
});

describe('search sync with damaged records', () => {
  it('when a stored practice lacks optional parts, then it is still indexed', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Practice without a budget' });
    await ctx.db.collection('practices').updateOne(
      { _id: new (await import('mongodb')).ObjectId(practice.id) },
      {
        $unset: { 'published.budget': 1, 'published.period': 1, 'published.indicators': 1 },
        $inc: { revision: 1 },
        // A write that bumps the revision marks it pending, as the store does.
        $set: { pendingSince: new Date() },
      },
    );

    await sync().drain();

    expect(await indexedDoc(ctx, practice.id)).toMatchObject({
      title: 'Practice without a budget',
      budgetEur: null,
      hasIndicators: false,
    });
  });

  it('when one practice cannot be turned into a document, then the others are indexed and it is reported', async () => {
    const { ObjectId } = await import('mongodb');
    const good = await publishedPractice(ctx, who, { title: 'Indexed despite a broken neighbour' });
    const broken = await publishedPractice(ctx, who, { title: 'Broken record' });
    await ctx.db
      .collection('practices')
      .updateOne(
        { _id: new ObjectId(broken.id) },
        { $set: { 'published.attachments': 'not a list', pendingSince: new Date() }, $inc: { revision: 1 } },
      );

    await sync().drain();

    expect(await indexedDoc(ctx, good.id)).toMatchObject({ title: 'Indexed despite a broken neighbour' });
    const status = await sync().status();
    expect(status.unindexable).toEqual([broken.id]);
    expect(status.pending).toBe(1);
    await ctx.db.collection('practices').deleteOne({ _id: new ObjectId(broken.id) });
  });

  it('when more records wait than one batch holds, then one pass sends several batches, marks each after its own task, and reads the queue on past them', async () => {
    // The MongoDB side as a queue in memory (its own tests cover the Mongo outbox); Meilisearch is real.
    const waiting = Array.from({ length: 7 }, (_, i) => ({
      id: `batching-${i}`,
      since: new Date(1_700_000_000_000 + Math.floor(i / 3)),
    }));
    const marked: string[][] = [];
    const reads: string[][] = [];
    const source = {
      pendingForIndex(limit: number, after?: { id: string; since: Date }) {
        const rest = after
          ? waiting.filter(
              (w) => w.since > after.since || (w.since.getTime() === after.since.getTime() && w.id > after.id),
            )
          : waiting;
        return Promise.resolve(rest.slice(0, limit));
      },
      readForIndexing(ids: string[]): Promise<IndexRead<{ title: string }>[]> {
        reads.push(ids);
        return Promise.resolve(ids.map((id) => ({ id, revision: 1, record: { title: `Batch record ${id}` } })));
      },
      markIndexed(entries: { id: string; revision: number; inIndex: boolean }[]) {
        marked.push(entries.map((e) => e.id));
        return Promise.resolve();
      },
    } as unknown as OutboxSource<{ title: string }>;
    const toDocument = (record: { title: string }) => ({
      id: record.title.split(' ').pop() as string,
      title: record.title,
    });
    const batching = createOutboxSync({
      connection: ctx.db,
      search: ctx.search,
      index: 'recommendations',
      source,
      documents: () => Promise.resolve(toDocument),
      logger: silentLogger,
      batchSize: 2,
      leaseMs: 60_000,
    });

    const result = await batching.runOnce();

    expect(result).toEqual({ leased: true, upserted: 7, removed: 0, skipped: 0 });
    expect(reads).toEqual([
      ['batching-0', 'batching-1'],
      ['batching-2', 'batching-3'],
      ['batching-4', 'batching-5'],
      ['batching-6'],
    ]);
    expect(marked).toEqual(reads);
    const indexed = await ctx.search.index('recommendations').getDocuments({ fields: ['id'], limit: 20 });
    expect(
      indexed.results
        .map((d) => d.id)
        .filter((id) => String(id).startsWith('batching-'))
        .sort(),
    ).toEqual(waiting.map((w) => w.id));
    await batching.stop();
  });

  it('when a task of one batch fails, then the batches before it are marked, it and those after stay pending, and the pass fails', async () => {
    // An id with a space is refused by Meilisearch when it applies the task: the batch's task fails.
    const waiting = ['failing-0', 'failing-1', 'failing 2', 'failing-3', 'failing-4'].map((id) => ({
      id,
      since: new Date(1_700_000_100_000),
    }));
    const marked: string[][] = [];
    const source = {
      pendingForIndex(limit: number, after?: { id: string; since: Date }) {
        const at = after ? waiting.findIndex((w) => w.id === after.id) + 1 : 0;
        return Promise.resolve(waiting.slice(at, at + limit));
      },
      readForIndexing(ids: string[]): Promise<IndexRead<{ title: string }>[]> {
        return Promise.resolve(ids.map((id) => ({ id, revision: 1, record: { title: id } })));
      },
      markIndexed(entries: { id: string; revision: number; inIndex: boolean }[]) {
        marked.push(entries.map((e) => e.id));
        return Promise.resolve();
      },
    } as unknown as OutboxSource<{ title: string }>;
    const failing = createOutboxSync({
      connection: ctx.db,
      search: ctx.search,
      index: 'recommendations',
      source,
      documents: () => Promise.resolve((record: { title: string }) => ({ id: record.title, title: record.title })),
      logger: silentLogger,
      batchSize: 2,
      leaseMs: 60_000,
    });

    await expect(failing.runOnce()).rejects.toThrow(/Meilisearch task failed/);

    expect(marked).toEqual([['failing-0', 'failing-1']]);
    await failing.stop();
  });

  it('when the queue is read on after a place in it, then records that started waiting at the same moment come in id order, none twice', async () => {
    const Queued = ctx.db.model(
      'QueuedRecord',
      new Schema({ revision: Number, indexedRevision: Number, ...PENDING_FIELD }, { collection: 'queued_records' }),
    );
    const at = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-01-01T00:00:01Z');
    const ids = Array.from({ length: 5 }, () => new Types.ObjectId());
    await Queued.insertMany([
      ...ids.map((_id, i) => ({ _id, revision: 1, indexedRevision: 0, pendingSince: i < 4 ? at : later })),
      { revision: 1, indexedRevision: 1 },
    ]);
    const queue = mongoOutbox(Queued as never, { listed: () => true, listedFields: [], toIndexable: (d) => d });

    const first = await queue.pendingForIndex(3);
    const second = await queue.pendingForIndex(3, first[first.length - 1]);

    const sorted = ids.map((id) => id.toHexString());
    expect([...first, ...second].map((p) => p.id)).toEqual([...sorted.slice(0, 4).sort(), sorted[4]]);
    expect(await queue.pendingForIndex(3, second[second.length - 1])).toEqual([]);
  });

  it('when every record is queued again, then those already waiting keep their place and the others join behind them', async () => {
    const Requeued = ctx.db.model(
      'RequeuedRecord',
      new Schema({ revision: Number, indexedRevision: Number, ...PENDING_FIELD }, { collection: 'requeued_records' }),
    );
    const since = new Date('2026-01-01T00:00:00Z');
    const waiting = new Types.ObjectId();
    const indexed = new Types.ObjectId();
    await Requeued.insertMany([
      { _id: indexed, revision: 1, indexedRevision: 1, inIndex: true },
      { _id: waiting, revision: 2, indexedRevision: 1, pendingSince: since },
    ]);
    const queue = mongoOutbox(Requeued as never, { listed: () => true, listedFields: [], toIndexable: (d) => d });

    await queue.requeueAll();

    const state = async (_id: Types.ObjectId) => Requeued.findById(_id, { _id: 0, pendingSince: 1 }).lean();
    expect(await state(waiting)).toEqual({ pendingSince: since });
    expect((await state(indexed))?.pendingSince?.getTime()).toBeGreaterThan(since.getTime());
    expect((await queue.pendingForIndex(10)).map((p) => p.id)).toEqual([waiting.toHexString(), indexed.toHexString()]);
  });

  it('when a batch at several revisions is marked indexed, then each record caught up stays so and one changed meanwhile waits on', async () => {
    const Marked = ctx.db.model(
      'MarkedRecord',
      new Schema(
        { revision: Number, indexedRevision: Number, ...PENDING_FIELD },
        { collection: 'marked_records' },
      ),
    );
    const since = new Date('2026-01-01T00:00:00Z');
    const atTwo = new Types.ObjectId();
    const atFive = new Types.ObjectId();
    const changed = new Types.ObjectId();
    const removed = new Types.ObjectId();
    await Marked.insertMany([
      { _id: atTwo, revision: 2, indexedRevision: 0, pendingSince: since },
      { _id: atFive, revision: 5, indexedRevision: 3, pendingSince: since },
      // Sent at revision 2, saved again (revision 3) before the task was done.
      { _id: changed, revision: 3, indexedRevision: 1, pendingSince: since },
      { _id: removed, revision: 2, indexedRevision: 1, pendingSince: since },
    ]);
    const queue = mongoOutbox(Marked as never, { listed: () => true, listedFields: [], toIndexable: (d) => d });

    await queue.markIndexed([
      { id: atTwo.toHexString(), revision: 2, inIndex: true },
      { id: atFive.toHexString(), revision: 5, inIndex: true },
      { id: changed.toHexString(), revision: 2, inIndex: true },
      { id: removed.toHexString(), revision: 2, inIndex: false },
    ]);

    const state = async (_id: Types.ObjectId) =>
      Marked.findById(_id, { _id: 0, revision: 1, indexedRevision: 1, inIndex: 1, pendingSince: 1 }).lean();
    expect(await state(atTwo)).toEqual({ revision: 2, indexedRevision: 2, inIndex: true });
    expect(await state(atFive)).toEqual({ revision: 5, indexedRevision: 5, inIndex: true });
    expect(await state(changed)).toEqual({ revision: 3, indexedRevision: 2, inIndex: true, pendingSince: since });
    expect(await state(removed)).toEqual({ revision: 2, indexedRevision: 2, inIndex: false });
    expect((await queue.pendingForIndex(10)).map((p) => p.id)).toEqual([changed.toHexString()]);
  });
});
