import { Types } from 'mongoose';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser, csrfFrom, signedInAgent } from '../support/factories';
import { draftPractice, fieldErrorText, fieldValue, publishedPractice } from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
let coordinator: User;
let planner: User;
let admin: User;

beforeAll(async () => {
  ctx = await createTestContext();
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
  planner = await createUser(ctx, { role: 'planner' });
  admin = await createUser(ctx, { role: 'admin' });
});

afterAll(async () => {
  await ctx.close();
});

const stored = (id: string) => ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });
const steps = (html: string) => [...html.matchAll(/data-step="([a-z-]+)"/g)].map((m) => m[1]);
const reasonForms = (html: string) =>
  [...html.matchAll(/action="\/practices\/[0-9a-f]{24}\/(request-changes|reject)#\1-reason"/g)].map((m) => m[1]);

/** A signed-in agent on the practice page, with the page and its CSRF token. */
async function onPage(user: User, id: string, query = '') {
  const { agent } = await signedInAgent(ctx.app, user);
  const page = await agent.get(`/practices/${id}${query}`).expect(200);
  return { agent, page, csrf: csrfFrom(page.text) };
}

async function submitted(overrides: Record<string, unknown> = {}) {
  const draft = await draftPractice(ctx, partner, overrides);
  await ctx.services.practices.submit(partner, draft.id);
  return draft;
}

describe('workflow buttons', () => {
  it('when each kind of member opens a practice, then they see exactly the steps the policy allows them', async () => {
    const draft = await draftPractice(ctx, partner);
    const inReview = await submitted();
    const published = await publishedPractice(ctx, partner, coordinator);

    expect(steps((await onPage(partner, draft.id)).page.text)).toEqual(['submit', 'delete']);
    expect(steps((await onPage(partner, inReview.id)).page.text)).toEqual([]);
    expect(steps((await onPage(coordinator, inReview.id)).page.text)).toEqual(['publish', 'delete']);
    expect(reasonForms((await onPage(coordinator, inReview.id)).page.text)).toEqual(['request-changes', 'reject']);
    expect(reasonForms((await onPage(partner, inReview.id)).page.text)).toEqual([]);
    expect(steps((await onPage(coordinator, published.id)).page.text)).toEqual(['archive', 'delete']);
    expect((await onPage(planner, published.id)).page.text).not.toContain('id="workflow"');
    expect((await onPage(admin, draft.id)).page.text).not.toContain('action="/practices/' + draft.id + '/purge');
  });

  it('when the partner submits from the page, then it waits for review and the coordinator’s queue lists it, oldest first', async () => {
    const first = await submitted({ title: 'Submitted first: youth council' });
    const draft = await draftPractice(ctx, partner, { title: 'Submitted second: housing grants' });
    const { agent, csrf } = await onPage(partner, draft.id);

    const res = await agent
      .post(`/practices/${draft.id}/submit`)
      .type('form')
      .send({ _csrf: csrf, revision: '1' })
      .expect(303);
    const queue = await (await signedInAgent(ctx.app, coordinator)).agent.get('/review').expect(200);

    expect(res.headers.location).toBe(`/practices/${draft.id}?version=working&notice=submitted`);
    expect(await stored(draft.id)).toMatchObject({ status: 'submitted' });
    const firstAt = queue.text.indexOf(`data-practice="${first.id}"`);
    const secondAt = queue.text.indexOf(`data-practice="${draft.id}"`);
    expect(firstAt).toBeGreaterThan(-1);
    expect(secondAt).toBeGreaterThan(firstAt);
    expect(queue.text).toMatch(/<td data-waiting>today<\/td>/);
    expect(queue.text).toMatch(/<time class="date-label" data-date="submitted" datetime="[^"]+">\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC<\/time>/);
    await (await signedInAgent(ctx.app, partner)).agent.get('/review').expect(403);
  });

  it('when an incomplete draft is submitted from the page, then 422 lists what is missing with a link to the form', async () => {
    const draft = await ctx.services.practices.create(partner, { title: 'Just a title' });
    const { agent, csrf } = await onPage(partner, draft.id);

    const res = await agent
      .post(`/practices/${draft.id}/submit`)
      .type('form')
      .send({ _csrf: csrf, revision: '1' })
      .expect(422);

    expect(res.text).toContain('Some required information is missing');
    expect(res.text).toContain('Short summary: This is required before the practice can be submitted.');
    expect(res.text).toContain(`href="/practices/${draft.id}/edit"`);
    expect(await stored(draft.id)).toMatchObject({ status: 'draft', revision: 1 });
  });

  it('when the coordinator requests changes with a comment, then the partner finds it on "my city" with the comment and in the thread', async () => {
    const practice = await submitted({ title: 'Needs more numbers' });
    const { agent, csrf } = await onPage(coordinator, practice.id, '?version=working');

    await agent
      .post(`/practices/${practice.id}/request-changes`)
      .type('form')
      .send({ _csrf: csrf, revision: '2', reason: 'Please add the 2019 figures\nand the budget source.' })
      .expect(303);
    const { agent: partnerAgent } = await signedInAgent(ctx.app, partner);
    const myCity = await partnerAgent.get('/my-city').expect(200);
    const page = await partnerAgent.get(`/practices/${practice.id}`).expect(200);

    expect(await stored(practice.id)).toMatchObject({
      status: 'changes_requested',
      reviewNote: 'Please add the 2019 figures\nand the budget source.',
    });
    expect(myCity.text).toMatch(/data-date="updated" datetime="[^"]+">Updated \d{1,2} [A-Z][a-z]{2} \d{4}<\/time>/);
    const awaiting = myCity.text.slice(
      myCity.text.indexOf('id="awaiting-heading"'),
      myCity.text.indexOf('id="all-heading"'),
    );
    expect(awaiting).toContain('Needs more numbers');
    expect(awaiting).toContain('Please add the 2019 figures\nand the budget source.');
    expect(awaiting).toContain(`href="/practices/${practice.id}/edit"`);
    expect(page.text).toContain('data-comment-kind="changes-requested"');
    expect(page.text).toContain('The reviewer asks for changes');
    expect(steps(page.text)).toEqual(['submit']);
  });

  it('when a reason is left empty, then the page comes back with 422 and the message beside the reason field', async () => {
    const practice = await submitted();
    const { agent, csrf } = await onPage(coordinator, practice.id);

    const res = await agent
      .post(`/practices/${practice.id}/reject`)
      .type('form')
      .send({ _csrf: csrf, revision: '2', reason: '   ' })
      .expect(422);

    expect(fieldErrorText(res.text, 'reason')).toBe('Please give a reason.');
    expect(res.text).toContain('id="reject-reason"');
    expect(await stored(practice.id)).toMatchObject({ status: 'submitted' });
  });

  it('when a step far down the page is refused, then its form posts to its message, and the summary at the top links there', async () => {
    const practice = await submitted();
    const { agent, page, csrf } = await onPage(coordinator, practice.id);
    expect(page.text).toContain(`action="/practices/${practice.id}/reject#reject-reason"`);
    expect(page.text).toContain(`action="/practices/${practice.id}/publish#workflow-error"`);

    const res = await agent
      .post(`/practices/${practice.id}/reject`)
      .type('form')
      .send({ _csrf: csrf, revision: '2', reason: '' })
      .expect(422);

    expect(res.text).toMatch(/<p class="alert alert-error" data-problem-summary>[^<]*<a href="#reject-reason">Go to the message<\/a><\/p>/);
    expect(res.text).toMatch(/<textarea id="reject-reason" name="reason"[^>]*aria-invalid="true"/);
  });

  it('when published practices are listed, then each date says it is the publication date', async () => {
    const published = await publishedPractice(ctx, partner, coordinator);

    await ctx.services.searchIndexing.sync.drain();
    const list = await request(ctx.app).get('/search').set('Accept-Language', 'de').expect(200);

    expect(list.text).toMatch(
      new RegExp(`data-hit="${published.id}"[\\s\\S]*?<time class="date-label" data-date="published" datetime="\\d{4}-\\d\\d-\\d\\dT[^"]*">Veröffentlicht am \\d\\d\\.\\d\\d\\.\\d{4}</time>`),
    );
  });

  it('when a member may delete a practice, then the delete button asks first, behind a disclosure that needs no script', async () => {
    const draft = await draftPractice(ctx, partner);

    const { page } = await onPage(partner, draft.id, '?version=working');

    const confirm = /<details class="confirm-step">\s*<summary class="button danger">Delete<\/summary>\s*<div class="confirm-panel">\s*<p>Delete this practice\?[^<]*<\/p>[\s\S]*?data-step="delete">Yes, delete the practice<\/button>/;
    expect(page.text).toMatch(confirm);
    expect(page.text.match(/data-step="delete"/g)).toHaveLength(1);
  });

  it('when the coordinator publishes, then visitors can read it; when archived, it leaves the list but members can still open it', async () => {
    const practice = await submitted({ title: 'Published then archived' });
    const { agent, csrf } = await onPage(coordinator, practice.id);

    await agent.post(`/practices/${practice.id}/publish`).type('form').send({ _csrf: csrf, revision: '2' }).expect(303);
    await ctx.services.searchIndexing.sync.drain();
    const listed = await request(ctx.app).get('/search').expect(200);
    await agent.post(`/practices/${practice.id}/archive`).type('form').send({ _csrf: csrf, revision: '3' }).expect(303);
    await ctx.services.searchIndexing.sync.drain();
    const unlisted = await request(ctx.app).get('/search').expect(200);
    const asPlanner = await (await signedInAgent(ctx.app, planner)).agent.get(`/practices/${practice.id}`).expect(200);

    expect(listed.text).toContain('Published then archived');
    expect(unlisted.text).not.toContain('Published then archived');
    expect(asPlanner.text).toContain('data-status="archived"');
    expect(await stored(practice.id)).toMatchObject({ status: 'archived' });
    await request(ctx.app).get(`/practices/${practice.id}`).expect(303);
  });

  it('when a step is sent from a page that is out of date, then 409 explains it and nothing changes', async () => {
    const practice = await submitted();
    const { agent, csrf } = await onPage(coordinator, practice.id);
    await ctx.services.practices.addComment(partner, practice.id, { body: 'unrelated' });
    await ctx.services.practices.update(coordinator, practice.id, {
      revision: 2,
      lessons: 'Edited by the coordinator meanwhile.',
    });

    const res = await agent
      .post(`/practices/${practice.id}/publish`)
      .type('form')
      .send({ _csrf: csrf, revision: '2' })
      .expect(409);

    expect(res.text).toContain('Someone changed this practice in the meantime');
    expect(await stored(practice.id)).toMatchObject({ status: 'submitted', revision: 3 });
  });

  it('when a partner deletes a draft, then it goes to "my city", which offers the undo; the coordinator can still open it and bring it back', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'Deleted by mistake' });
    const { agent, csrf } = await onPage(partner, draft.id);

    const res = await agent
      .post(`/practices/${draft.id}/delete`)
      .type('form')
      .send({ _csrf: csrf, revision: '1' })
      .expect(303);
    const myCity = await agent.get(res.headers.location as string).expect(200);
    await agent.get(`/practices/${draft.id}`).expect(404);
    const { agent: coordinatorAgent, page, csrf: coordinatorCsrf } = await onPage(coordinator, draft.id);
    await coordinatorAgent
      .post(`/practices/${draft.id}/undelete`)
      .type('form')
      .send({ _csrf: coordinatorCsrf, revision: '2' })
      .expect(303);

    expect(res.headers.location).toBe('/my-city?notice=deleted');
    // The list no longer has it; the undo offer names it (practices-undo.test.ts follows the undo through).
    expect(myCity.text).toContain(`data-undo="${draft.id}"`);
    expect(myCity.text).toContain('You deleted “Deleted by mistake”.');
    expect(myCity.text).not.toContain(`data-practice="${draft.id}"`);
    expect(page.text).toContain('status-deleted');
    expect(steps(page.text)).toEqual(['undelete']);
    expect(await stored(draft.id)).toMatchObject({ deleted: false, revision: 3 });
  });

  it('when an admin purges a deleted practice, then confirmation is required and afterwards nothing of it remains', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'To be purged' });
    await ctx.services.practices.remove(partner, draft.id);
    const { agent, csrf, page } = await onPage(admin, draft.id);
    expect(page.text).toContain(`action="/practices/${draft.id}/purge#workflow-error"`);

    const unconfirmed = await agent.post(`/practices/${draft.id}/purge`).type('form').send({ _csrf: csrf }).expect(422);
    const purged = await agent
      .post(`/practices/${draft.id}/purge`)
      .type('form')
      .send({ _csrf: csrf, confirm: 'yes' })
      .expect(303);

    const published = await publishedPractice(ctx, partner, coordinator);
    const asCoordinator = await signedInAgent(ctx.app, coordinator);
    await asCoordinator.agent
      .post(`/practices/${published.id}/purge`)
      .type('form')
      .send({ _csrf: asCoordinator.csrf })
      .expect(403);
    expect(fieldErrorText(unconfirmed.text, 'confirm')).toMatch(/confirm/);
    expect(purged.headers.location).toBe('/review?notice=purged');
    expect(await stored(draft.id)).toBeNull();
    expect(
      await ctx.db.collection('practice_revisions').countDocuments({ practiceId: new Types.ObjectId(draft.id) }),
    ).toBe(0);
  });
});

describe('review thread', () => {
  it('when the partner replies, then the comment is in the thread; an empty comment comes back with 422', async () => {
    const practice = await submitted();
    const { agent, csrf } = await onPage(partner, practice.id);

    await agent
      .post(`/practices/${practice.id}/comments`)
      .type('form')
      .send({ _csrf: csrf, body: 'We added the figures.' })
      .expect(303);
    const empty = await agent
      .post(`/practices/${practice.id}/comments`)
      .type('form')
      .send({ _csrf: csrf, body: '  ' })
      .expect(422);
    const page = await agent.get(`/practices/${practice.id}`).expect(200);

    expect(page.text).toContain('<p class="comment-body preserve-lines">We added the figures.</p>');
    expect(fieldErrorText(empty.text, 'body')).toBe('Please write a comment.');
    expect(fieldValue(empty.text, 'comment-body')).toBe('  ');
    const other = await createUser(ctx, { role: 'partner', city: 'kaunas' });
    const { agent: otherAgent, csrf: otherCsrf } = await signedInAgent(ctx.app, other);
    await otherAgent
      .post(`/practices/${practice.id}/comments`)
      .type('form')
      .send({ _csrf: otherCsrf, body: 'Hi' })
      .expect(403);
  });
});

describe('my city and the review queue', () => {
  it('when a partner opens "my city", then every practice of their city is listed with its status, and only theirs', async () => {
    const city = await createUser(ctx, { role: 'partner', city: 'vejle' });
    const draft = await draftPractice(ctx, city, { title: 'Vejle draft', city: 'vejle' });
    const published = await publishedPractice(ctx, city, coordinator, { title: 'Vejle published', city: 'vejle' });
    await draftPractice(ctx, partner, { title: 'Daugavpils only' });

    const res = await (await signedInAgent(ctx.app, city)).agent.get('/my-city').expect(200);

    expect(res.text).toContain('<h1>Practices of Vejle</h1>');
    expect(res.text).toMatch(new RegExp(`data-practice="${draft.id}">[\\s\\S]*?data-status="draft"`));
    expect(res.text).toMatch(new RegExp(`data-practice="${published.id}">[\\s\\S]*?data-status="published"`));
    expect(res.text).not.toContain('Daugavpils only');
  });

  it('when someone without a city or a visitor opens "my city", then they are refused or sent to sign in', async () => {
    await (await signedInAgent(ctx.app, planner)).agent.get('/my-city').expect(403);
    await (await signedInAgent(ctx.app, coordinator)).agent.get('/my-city').expect(403);
    const visitor = await request(ctx.app).get('/my-city').expect(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Fmy-city');
  });

  it('when the navigation is shown, then each role sees its own entries', async () => {
    const asPartner = (await (await signedInAgent(ctx.app, partner)).agent.get('/').expect(200)).text;
    const asCoordinator = (await (await signedInAgent(ctx.app, coordinator)).agent.get('/').expect(200)).text;
    const asVisitor = (await request(ctx.app).get('/').expect(200)).text;

    expect(asPartner).toContain('href="/my-city"');
    expect(asPartner).toContain('href="/practices/new"');
    expect(asPartner).not.toContain('href="/review"');
    expect(asCoordinator).toContain('href="/review"');
    expect(asCoordinator).not.toContain('href="/my-city"');
    expect(asCoordinator).not.toContain('href="/practices/new"');
    expect(asVisitor).toContain('href="/search"');
    expect(asVisitor).not.toContain('href="/review"');
  });
});
