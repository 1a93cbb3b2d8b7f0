import { Types } from 'mongoose';
import type { User } from '../../server/features/users/users.service';
import { createUser, signedInAgent } from '../support/factories';
import { draftPractice } from '../support/practice-pages';
import { completeRecommendationBody, publishedPractice } from '../support/recommendations';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;
let planner: User;

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  planner = await createUser(ctx, { role: 'planner' });
});

afterAll(async () => {
  await ctx.close();
});

const practices = () => ctx.services.practices;
const rowOf = (html: string, id: string) => html.match(new RegExp(`<tr data-practice="${id}">[\\s\\S]*?</tr>`))?.[0] ?? '';
const deskCount = (html: string, key: string) => Number(html.match(new RegExp(`data-desk-count="${key}">(\\d+)<`))?.[1]);

/** A practice submitted, sent back with a request for changes, edited and submitted again. */
async function resubmitted(title: string) {
  const draft = await draftPractice(ctx, partner, { title });
  await practices().submit(partner, draft.id);
  await practices().requestChanges(coordinator, draft.id, { reason: 'Please give the 2019 figures.' });
  await practices().update(partner, draft.id, { revision: 3, summary: 'Young people took over an empty school and ran it as a youth centre in 2019.' });
  await practices().submit(partner, draft.id);
  return draft.id;
}

describe('the review queue', () => {
  it('when a practice comes back after changes were requested, then the queue marks it as a resubmission, oldest first, with its waiting time', async () => {
    const first = await draftPractice(ctx, partner, { title: 'First in: family allowance' });
    await practices().submit(partner, first.id);
    const again = await resubmitted('Second in: youth centre');

    const queue = await (await signedInAgent(ctx.app, coordinator)).agent.get('/review').expect(200);

    expect(queue.text.indexOf(`data-practice="${first.id}"`)).toBeLessThan(queue.text.indexOf(`data-practice="${again}"`));
    expect(rowOf(queue.text, again)).toContain('data-resubmitted');
    expect(rowOf(queue.text, again)).toContain('resubmitted after changes were requested');
    expect(rowOf(queue.text, again)).toMatch(/<td data-waiting>today<\/td>/);
    expect(rowOf(queue.text, first.id)).not.toContain('data-resubmitted');
    const api = await (await signedInAgent(ctx.app, coordinator)).agent.get('/api/review-queue').expect(200);
    const items = (api.body as { items: { id: string; resubmitted: boolean }[] }).items;
    expect(items.find((i) => i.id === again)?.resubmitted).toBe(true);
    expect(items.find((i) => i.id === first.id)?.resubmitted).toBe(false);
  });

  it('when a resubmitted practice is published, then the mark is gone from the stored practice', async () => {
    const id = await resubmitted('Published after a second round');
    await practices().publish(coordinator, id);

    const stored = await ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });
    expect(stored).not.toHaveProperty('changesRequestedRevision');
  });
});

describe('what changed since changes were requested', () => {
  it('when the reviewer opens a resubmitted practice, then the page shows by default the diff since their request', async () => {
    const id = await resubmitted('Youth centre in an empty school');

    const page = await (await signedInAgent(ctx.app, coordinator)).agent.get(`/practices/${id}?version=working`).expect(200);

    const since = page.text.match(/<details class="diff since-changes" open data-since-changes>[\s\S]*?<\/details>/)?.[0] ?? '';
    expect(since).toContain('What changed since changes were requested (revision 2)');
    expect(since).toContain('data-diff-field="summary"');
    expect(since).toContain('<ins>');
    expect(since).not.toContain('data-diff-field="title"');
  });

  it('when the author or a first-time submission is opened, then no such diff is shown', async () => {
    const id = await resubmitted('Only reviewers see the diff');
    const fresh = await draftPractice(ctx, partner, { title: 'Fresh submission' });
    await practices().submit(partner, fresh.id);

    const asAuthor = await (await signedInAgent(ctx.app, partner)).agent.get(`/practices/${id}`).expect(200);
    const firstTime = await (await signedInAgent(ctx.app, coordinator)).agent.get(`/practices/${fresh.id}`).expect(200);

    expect(asAuthor.text).not.toContain('data-since-changes');
    expect(firstTime.text).not.toContain('data-since-changes');
  });
});

describe("the coordinator's home page", () => {
  it('when things wait for the coordinator, then the home page counts equal the data, and others see no such section', async () => {
    const local = await createTestContext();
    try {
      const author = await createUser(local, { role: 'partner', city: 'daugavpils' });
      const boss = await createUser(local, { role: 'coordinator' });
      const reader = await createUser(local, { role: 'planner' });
      const p = local.services.practices;
      for (const title of ['Waiting one', 'Waiting two']) {
        const d = await draftPractice(local, author, { title });
        await p.submit(author, d.id);
      }
      const kept = await publishedPractice(local, { author, reviewer: boss }, { title: 'Still listed' });
      const archived = await publishedPractice(local, { author, reviewer: boss }, { title: 'Archived later' });
      const r = local.services.recommendations;
      const rec = await r.create(boss, completeRecommendationBody());
      await r.cite(boss, rec.id, { practiceId: kept, reason: 'It shows the effect.' });
      await r.cite(boss, rec.id, { practiceId: archived, reason: 'It shows it too.' });
      await r.openConsultation(boss, rec.id);
      await p.archive(boss, archived);
      await r.addComment(reader, rec.id, { body: 'What does the adviser cost?' });
      await r.addComment(author, rec.id, { body: 'We did this in Łódź.' });
      const thread = await r.addComment(reader, rec.id, { body: 'Answered already.' });
      await r.answerComment(boss, rec.id, thread[2]!.id, { body: 'About one post.' });
      await r.markComment(boss, rec.id, thread[1]!.id, { taken: true });

      const home = await (await signedInAgent(local.app, boss)).agent.get('/').expect(200);
      const asPlanner = await (await signedInAgent(local.app, reader)).agent.get('/').expect(200);

      expect(deskCount(home.text, 'reviews')).toBe(await local.db.collection('practices').countDocuments({ status: 'submitted', deleted: false }));
      expect(deskCount(home.text, 'reviews')).toBe(2);
      expect(deskCount(home.text, 'comments')).toBe(1);
      expect(deskCount(home.text, 'withdrawn-citations')).toBe(1);
      expect(home.text).toContain('Waiting on your desk');
      expect(asPlanner.text).not.toContain('data-desk');
    } finally {
      await local.close();
    }
  });

  it('when a planner asks the counts of the service directly, then they are refused', async () => {
    await expect(ctx.services.practices.reviewCount(planner)).rejects.toMatchObject({ status: 403 });
    await expect(ctx.services.recommendations.openCommentCount(planner)).rejects.toMatchObject({ status: 403 });
  });
});
