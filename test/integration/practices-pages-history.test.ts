import { Types } from 'mongoose';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, csrfFrom, signedInAgent } from '../support/factories';
import { draftPractice, publishedPractice } from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
});

afterAll(async () => {
  await ctx.close();
});

const stored = (id: string) => ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });
const diffOf = (html: string, field: string) =>
  new RegExp(`<section class="diff-field" data-diff-field="${field}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

describe('history page', () => {
  it('when the authors open the history, then every revision is listed with who, what and which fields', async () => {
    const draft = await draftPractice(ctx, partner);
    await ctx.services.practices.update(partner, draft.id, {
      revision: 1,
      lessons: 'Start with employers and schools.',
    });
    const { agent } = await signedInAgent(ctx.app, partner);

    const res = await agent.get(`/practices/${draft.id}/history`).expect(200);

    expect(res.text).toContain('History of “Return-migration advisers in Latgale”');
    expect(res.text).toMatch(
      /<tr data-revision="2">[\s\S]*?<td>Test partner \d+<\/td>\s*<td>Edited<\/td>\s*<td>Difficulties and lessons learned<\/td>/,
    );
    expect(res.text).toMatch(/<tr data-revision="1">[\s\S]*?<td>Created<\/td>/);
    // The latest two are compared unless the reader picks others.
    expect(res.text).toContain('Changes from revision 1 to revision 2');
    expect(diffOf(res.text, 'lessons')).toContain('employers<ins> and schools</ins>.');
    // Partners may read the history but not restore.
    expect(res.text).not.toContain('/restore"');
  });

  it('when two revisions are compared, then insertions and deletions are marked word by word and every text is escaped', async () => {
    const draft = await draftPractice(ctx, partner, { description: 'Advisers help <b>families</b> return.' });
    await ctx.services.practices.update(partner, draft.id, {
      revision: 1,
      description: 'Advisers help <script>alert(1)</script> families & friends return.',
      themes: ['return-migration-diaspora', 'youth-retention'],
      period: { startYear: 2017, ongoing: true },
    });
    await ctx.services.practices.update(partner, draft.id, { revision: 2, title: 'Return advisers in Latgale' });
    const { agent } = await signedInAgent(ctx.app, partner);

    const res = await agent.get(`/practices/${draft.id}/history?from=1&to=2`).expect(200);

    const description = diffOf(res.text, 'description');
    expect(description).toContain(
      'Advisers help &lt;<del>b</del><ins>script</ins>&gt;<del>families</del><ins>alert(1)</ins>&lt;/',
    );
    expect(description).toContain('<ins>families &amp; friends </ins>return.');
    expect(description).not.toMatch(/<(script|b)>/);
    expect(diffOf(res.text, 'themes')).toMatch(
      /<ins><span class="visually-hidden">added: <\/span>\s*Youth retention\s*<\/ins>/,
    );
    expect(diffOf(res.text, 'period')).toMatch(/<del>\s*2018–ongoing\s*<\/del> → <ins>\s*2017–ongoing\s*<\/ins>/);
    expect(res.text).not.toContain('data-diff-field="title"');
    expect(res.text).toContain('<option value="1" selected>');
  });

  it('when the history is asked for badly or by the wrong people, then 400, 404, 403 or sign-in', async () => {
    const draft = await draftPractice(ctx, partner);
    const { agent } = await signedInAgent(ctx.app, partner);
    const planner = await createUser(ctx, { role: 'planner' });

    await agent.get(`/practices/${draft.id}/history?from=1`).expect(400);
    await agent.get(`/practices/${draft.id}/history?from=1&to=x`).expect(400);
    await agent.get(`/practices/${draft.id}/history?from=1&to=9`).expect(404);
    await agent.get('/practices/5f0000000000000000000000/history').expect(404);
    await (await signedInAgent(ctx.app, planner)).agent.get(`/practices/${draft.id}/history`).expect(403);
    expect((await request(ctx.app).get(`/practices/${draft.id}/history`).expect(303)).headers.location).toMatch(
      /^\/sign-in\?next=/,
    );
  });
});

describe('restoring a revision', () => {
  it('when the coordinator restores an old revision, then it comes back as a new revision and the history shows where from', async () => {
    const practice = await publishedPractice(ctx, partner, coordinator);
    await ctx.services.practices.update(coordinator, practice.id, {
      revision: practice.revision,
      summary: 'A summary that was a mistake.',
    });
    const { agent } = await signedInAgent(ctx.app, coordinator);
    const page = await agent.get(`/practices/${practice.id}/history`).expect(200);
    expect(page.text).toContain(`action="/practices/${practice.id}/history/1/restore"`);

    const res = await agent
      .post(`/practices/${practice.id}/history/1/restore`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), revision: String(practice.revision + 1) })
      .expect(303);
    const after = await agent.get(res.headers.location as string).expect(200);

    const doc = await stored(practice.id);
    expect(doc).toMatchObject({
      revision: practice.revision + 2,
      working: { summary: expect.stringContaining('Regional advisers') },
    });
    expect(doc?.published.summary).toContain('Regional advisers');
    const latest = await ctx.db
      .collection('practice_revisions')
      .findOne({ practiceId: doc!._id }, { sort: { number: -1 } });
    expect(latest).toMatchObject({ kind: 'restore', restoredFrom: 1, changedFields: ['summary'] });
    expect(after.text).toContain('The revision was restored as a new revision.');
    expect(after.text).toContain('(from revision 1)');
  });

  it('when a partner posts a restore, or the page was out of date, then it is refused and nothing changes', async () => {
    const draft = await draftPractice(ctx, partner);
    await ctx.services.practices.update(partner, draft.id, { revision: 1, summary: 'Second version.' });
    const { agent, csrf } = await signedInAgent(ctx.app, partner);
    const coordinatorSession = await signedInAgent(ctx.app, coordinator);

    await agent
      .post(`/practices/${draft.id}/history/1/restore`)
      .type('form')
      .send({ _csrf: csrf, revision: '2' })
      .expect(403);
    const stale = await coordinatorSession.agent
      .post(`/practices/${draft.id}/history/1/restore`)
      .type('form')
      .send({ _csrf: coordinatorSession.csrf, revision: '1' })
      .expect(409);
    await coordinatorSession.agent
      .post(`/practices/${draft.id}/history/abc/restore`)
      .type('form')
      .send({ _csrf: coordinatorSession.csrf })
      .expect(404);

    expect(stale.text).toContain('Someone changed this practice in the meantime');
    expect(await stored(draft.id)).toMatchObject({ revision: 2, working: { summary: 'Second version.' } });
  });
});
