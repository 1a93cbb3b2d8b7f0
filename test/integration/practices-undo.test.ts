import { Types } from 'mongoose';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, createUser, csrfFrom, signedInAgent } from '../support/factories';
import { decodeEntities, draftPractice } from '../support/practice-pages';
import { samplePng } from '../support/sample-files';
import { createTestContext, type TestContext } from '../support/test-context';

// The app's clock, moved by the tests: deletions and removals are stamped with it and the undo window is read by it.
const START = new Date('2026-01-10T12:00:00.000Z');
let now = START;
const minutesLater = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

let ctx: TestContext;
let partner: User;
let colleague: User;
let coordinator: User;

beforeAll(async () => {
  ctx = await createTestContext({}, { clock: () => now });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  colleague = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  coordinator = await createUser(ctx, { role: 'coordinator' });
});

beforeEach(() => {
  now = START;
});

afterAll(async () => {
  await ctx.close();
});

const stored = (id: string) => ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });
const lastRevision = (id: string) =>
  ctx.db.collection('practice_revisions').findOne({ practiceId: new Types.ObjectId(id) }, { sort: { number: -1 } });
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
/** The undo offer on a page for a practice or an attachment: its form's action and revision. */
function undoOffer(html: string, key: string) {
  const block = new RegExp(`<div class="alert alert-ok undo-offer" role="status" data-undo="${key}">([\\s\\S]*?)</div>`).exec(html)?.[1];
  if (!block) return undefined;
  return {
    text: text(block).trim(),
    action: decodeEntities(/<form method="post" action="([^"]+)"/.exec(block)?.[1] ?? ''),
    revision: /name="revision" value="(\d+)"/.exec(block)?.[1] ?? '',
  };
}

async function signedIn(user: User, page = '/my-city') {
  const { agent } = await signedInAgent(ctx.app, user);
  const res = await agent.get(page).expect(200);
  return { agent, page: res, csrf: csrfFrom(res.text) };
}

describe('undoing a deletion', () => {
  it('when a partner deletes their draft, then their city page offers Undo until a stated time, and Undo brings it back as an undelete revision', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'Deleted by mistake' });
    const { agent, csrf } = await signedIn(partner, `/practices/${draft.id}`);

    const deleted = await agent.post(`/practices/${draft.id}/delete`).type('form').send({ _csrf: csrf, revision: '1' }).expect(303);
    const myCity = await agent.get(deleted.headers.location as string).expect(200);
    const offer = undoOffer(myCity.text, draft.id);

    expect(deleted.headers.location).toBe('/my-city?notice=deleted');
    expect(offer).toEqual({
      text: 'You deleted “Deleted by mistake”. You can undo this until 10 Jan 2026, 12:30 UTC (30 minutes after the change). Undo',
      action: `/practices/${draft.id}/undelete`,
      revision: '2',
    });
    // Gone from the city's list meanwhile: only the offer names it.
    expect(myCity.text).not.toContain(`data-practice="${draft.id}"`);

    now = minutesLater(29);
    const undone = await agent.post(offer!.action).type('form').send({ _csrf: csrf, revision: offer!.revision }).expect(303);
    const page = await agent.get(undone.headers.location as string).expect(200);

    expect(undone.headers.location).toBe(`/practices/${draft.id}?version=working&notice=undeleted`);
    expect(page.text).toContain('The practice was brought back.');
    const doc = await stored(draft.id);
    expect(doc).toMatchObject({ deleted: false, revision: 3, status: 'draft' });
    expect(doc).not.toHaveProperty('deletedAt');
    expect(doc).not.toHaveProperty('deletedBy');
    expect(await lastRevision(draft.id)).toMatchObject({ number: 3, kind: 'undelete', by: new Types.ObjectId(partner.id) });
    expect(undoOffer((await agent.get('/my-city').expect(200)).text, draft.id)).toBeUndefined();
  });

  it('when another partner of the same city tries to undo the deletion, then they are offered nothing and refused', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'Deleted by a colleague' });
    await ctx.services.practices.remove(partner, draft.id);
    const { agent, page, csrf } = await signedIn(colleague);

    const res = await agent.post(`/practices/${draft.id}/undelete`).type('form').send({ _csrf: csrf, revision: '2' }).expect(403);
    const api = await request(ctx.app)
      .post(`/api/practices/${draft.id}/undelete`)
      .set('Authorization', await bearerFor(ctx, colleague))
      .send({})
      .expect(403);

    expect(undoOffer(page.text, draft.id)).toBeUndefined();
    expect(res.text).toContain('You are not allowed to do that.');
    expect(api.body.error.code).toBe('forbidden');
    expect(await stored(draft.id)).toMatchObject({ deleted: true, revision: 2 });
  });

  it('when the undo window has passed, then the offer is gone and the undo is refused as too late; a coordinator can still bring it back', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'Deleted long ago' });
    await ctx.services.practices.remove(partner, draft.id);
    const { agent, page, csrf } = await signedIn(partner);
    expect(undoOffer(page.text, draft.id)).toBeDefined();

    now = minutesLater(30);
    const late = await agent.get('/my-city').expect(200);
    const res = await agent.post(`/practices/${draft.id}/undelete`).type('form').send({ _csrf: csrf, revision: '2' }).expect(403);
    const api = await request(ctx.app)
      .post(`/api/practices/${draft.id}/undelete`)
      .set('Authorization', await bearerFor(ctx, partner))
      .send({})
      .expect(403);

    expect(undoOffer(late.text, draft.id)).toBeUndefined();
    expect(res.text).toContain('It is too late to undo this deletion. A coordinator can still bring the practice back.');
    expect(api.body.error.message).toBe('It is too late to undo this deletion. A coordinator can still bring the practice back.');
    expect(await stored(draft.id)).toMatchObject({ deleted: true, revision: 2 });
    await ctx.services.practices.undelete(coordinator, draft.id);
    expect(await stored(draft.id)).toMatchObject({ deleted: false, revision: 3 });
  });

  it('when a partner deletes through the API, then the answer says until when they may undo, and the API undo works', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'Deleted by a script' });
    const auth = await bearerFor(ctx, partner);

    const res = await request(ctx.app).delete(`/api/practices/${draft.id}`).set('Authorization', auth).send({}).expect(200);
    const undone = await request(ctx.app).post(`/api/practices/${draft.id}/undelete`).set('Authorization', auth).send({ revision: 2 }).expect(200);

    expect(res.body).toMatchObject({ id: draft.id, undoUntil: minutesLater(30).toISOString() });
    expect(res.body).not.toHaveProperty('working');
    expect(undone.body).toMatchObject({ deleted: false, revision: 3 });
    expect(undone.body).not.toHaveProperty('undoUntil');
  });

  it('when a coordinator deletes a practice, then its page says so with an Undo that has no time limit', async () => {
    const draft = await draftPractice(ctx, partner, { title: 'Deleted by the coordinator' });
    const { agent, csrf } = await signedIn(coordinator, `/practices/${draft.id}`);

    const res = await agent.post(`/practices/${draft.id}/delete`).type('form').send({ _csrf: csrf, revision: '1' }).expect(303);
    const page = await agent.get(res.headers.location as string).expect(200);

    expect(undoOffer(page.text, draft.id)).toEqual({
      text: 'You deleted “Deleted by the coordinator”. You can bring it back at any time. Undo',
      action: `/practices/${draft.id}/undelete#workflow-error`,
      revision: '2',
    });
  });
});

describe('undoing the removal of an attachment', () => {
  async function withAttachment(title: string) {
    const draft = await draftPractice(ctx, partner, { title });
    const practice = await ctx.services.practices.addAttachments(partner, draft.id, [
      { buffer: samplePng(), originalname: 'Plāns 2019.png' },
    ]);
    const attachment = (await stored(draft.id))!.working.attachments[0] as Record<string, unknown>;
    return { id: draft.id, revision: practice.revision, attachment, attachmentId: attachment.id as string };
  }

  async function removeOnPage(user: User, id: string, attachmentId: string) {
    const { agent, csrf, page } = await signedIn(user, `/practices/${id}?version=working`);
    const revision = /name="revision" value="(\d+)"/.exec(page.text)?.[1] ?? '';
    const res = await agent
      .post(`/practices/${id}/attachments/${attachmentId}/remove`)
      .type('form')
      .send({ _csrf: csrf, revision })
      .expect(303);
    return { agent, csrf, after: await agent.get(res.headers.location as string).expect(200) };
  }

  it('when a partner removes an attachment, then the page offers Undo, and Undo puts the same file back, downloadable again', async () => {
    const { id, attachment, attachmentId } = await withAttachment('Practice with a plan');
    const download = `/practices/${id}/attachments/${attachmentId}`;

    const { agent, csrf, after } = await removeOnPage(partner, id, attachmentId);
    const offer = undoOffer(after.text, attachmentId);
    await agent.get(download).expect(404);
    now = minutesLater(10);
    const res = await agent.post(offer!.action).type('form').send({ _csrf: csrf, revision: offer!.revision }).expect(303);
    const page = await agent.get(res.headers.location as string).expect(200);
    const file = await agent
      .get(download)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);

    expect(offer).toEqual({
      text: 'You removed “Plāns 2019.png”. You can undo this until 10 Jan 2026, 12:30 UTC (30 minutes after the change). Undo',
      action: `/practices/${id}/attachments/${attachmentId}/restore#attachments-error`,
      revision: '3',
    });
    expect(res.headers.location).toBe(`/practices/${id}?version=working&notice=attachment-restored#attachments`);
    expect(page.text).toContain('The attachment is back on the practice.');
    expect(undoOffer(page.text, attachmentId)).toBeUndefined();
    expect(Buffer.compare(file.body as Buffer, samplePng())).toBe(0);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''Pl%C4%81ns%202019.png");
    const doc = await stored(id);
    // The very same attachment: id, stored file, name, uploader and extracted text.
    expect(doc!.working.attachments).toEqual([attachment]);
    expect(doc!.removedAttachments).toEqual([]);
    expect(doc!.revision).toBe(4);
    expect(await lastRevision(id)).toMatchObject({ number: 4, kind: 'attachments', changedFields: ['attachments'] });
  });

  it('when someone else or the remover too late asks for the undo, then it is refused with a clear message and nothing changes', async () => {
    const { id, attachmentId } = await withAttachment('Practice whose plan was removed');
    await ctx.services.practices.removeAttachment(partner, id, attachmentId);
    const colleagueSide = await signedIn(colleague, `/practices/${id}?version=working`);
    const path = `/practices/${id}/attachments/${attachmentId}/restore`;

    const other = await colleagueSide.agent.post(path).type('form').send({ _csrf: colleagueSide.csrf, revision: '3' }).expect(403);
    now = minutesLater(31);
    const authorSide = await signedIn(partner, `/practices/${id}?version=working`);
    const late = await authorSide.agent.post(path).type('form').send({ _csrf: authorSide.csrf, revision: '3' }).expect(403);
    const api = await request(ctx.app)
      .post(`/api/practices/${id}/attachments/${attachmentId}/restore`)
      .set('Authorization', await bearerFor(ctx, partner))
      .send({})
      .expect(403);

    expect(undoOffer(colleagueSide.page.text, attachmentId)).toBeUndefined();
    expect(other.text).toContain('You are not allowed to do that.');
    expect(undoOffer(authorSide.page.text, attachmentId)).toBeUndefined();
    expect(late.text).toContain('It is too late to undo this removal.');
    expect(api.body.error.message).toContain('It is too late to undo this removal.');
    expect(await stored(id)).toMatchObject({ revision: 3, working: { attachments: [] } });
  });

  it('when the practice changed after the removal, then the undo from the older page is a conflict shown at the attachments, and the fresh page offers it again', async () => {
    const { id, attachmentId } = await withAttachment('Practice edited meanwhile');
    const { agent, csrf, after } = await removeOnPage(partner, id, attachmentId);
    const offer = undoOffer(after.text, attachmentId)!;
    await ctx.services.practices.update(colleague, id, { revision: 3, summary: 'Edited meanwhile.' });

    const conflict = await agent.post(offer.action).type('form').send({ _csrf: csrf, revision: offer.revision }).expect(409);
    const fresh = undoOffer(conflict.text, attachmentId);
    await agent.post(fresh!.action).type('form').send({ _csrf: csrf, revision: fresh!.revision }).expect(303);

    expect(conflict.text).toContain('id="attachments-error"');
    expect(conflict.text).toContain('Someone changed this practice in the meantime.');
    expect(fresh!.revision).toBe('4');
    const doc = await stored(id);
    expect(doc!.working.summary).toBe('Edited meanwhile.');
    expect(doc!.working.attachments.map((a: { id: string }) => a.id)).toEqual([attachmentId]);
  });

  it('when the removal and its undo go through the API, then the removal lists what may be put back and the undo puts it back', async () => {
    const { id, attachmentId } = await withAttachment('Practice handled by a script');
    const auth = await bearerFor(ctx, partner);

    const removed = await request(ctx.app).delete(`/api/practices/${id}/attachments/${attachmentId}`).set('Authorization', auth).send({}).expect(200);
    const restored = await request(ctx.app)
      .post(`/api/practices/${id}/attachments/${attachmentId}/restore`)
      .set('Authorization', auth)
      .send({ revision: removed.body.revision })
      .expect(200);
    const again = await request(ctx.app)
      .post(`/api/practices/${id}/attachments/${attachmentId}/restore`)
      .set('Authorization', auth)
      .send({})
      .expect(409);

    expect(removed.body.restorableAttachments).toEqual([
      { id: attachmentId, originalName: 'Plāns 2019.png', undoUntil: minutesLater(30).toISOString() },
    ]);
    expect(JSON.stringify(removed.body)).not.toMatch(/storedName|removedBy/);
    expect(restored.body.working.attachments).toEqual([expect.objectContaining({ id: attachmentId, originalName: 'Plāns 2019.png' })]);
    expect(restored.body.restorableAttachments).toEqual([]);
    expect(again.body.error.code).toBe('attachment_present');
  });
});
