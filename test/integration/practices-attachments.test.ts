import fs from 'node:fs';
import { Types } from 'mongoose';
import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createPracticeVia, createUser, signedInAgent } from '../support/factories';
import { samplePdf, sampleDocx, sampleHtml, samplePng, sampleSvg } from '../support/sample-files';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;
const auth = { partner: '', otherPartner: '', coordinator: '' };

beforeAll(async () => {
  ctx = await createTestContext({ MAX_UPLOAD_MB: '1', MAX_ATTACHMENTS: '3' });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  auth.partner = await bearerFor(ctx, partner);
  auth.otherPartner = await bearerFor(ctx, await createUser(ctx, { role: 'partner', city: 'kaunas' }));
  auth.coordinator = await bearerFor(ctx, await createUser(ctx, { role: 'coordinator' }));
});

afterAll(async () => {
  await ctx.close();
});

const api = () => request(ctx.app);
const uploadsDir = () => ctx.config.uploadsDir;
const filesOnDisk = () =>
  fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).filter((f) => !f.startsWith('.')) : [];
const stored = (id: string) => ctx.db.collection('practices').findOne({ _id: new Types.ObjectId(id) });

function upload(
  id: string,
  who: string,
  files: { buffer: Buffer; name: string }[],
  fields: Record<string, string> = {},
) {
  let req = api().post(`/api/practices/${id}/attachments`).set('Authorization', who);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const file of files) req = req.attach('attachments', file.buffer, file.name);
  return req;
}

describe('uploading', () => {
  it('when a PDF and a DOCX are attached, then both are stored with their text extracted for search and never sent to clients', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice with reports' });
    const before = filesOnDisk().length;
    const pdf = await samplePdf([['Remigrācijas koordinatori Latgalē', 'Sixty-eight families returned']]);
    const docx = await sampleDocx(['Jauniešu dome Daugavpilī', 'Youth council minutes']);

    const res = await upload(id, auth.partner, [
      { buffer: pdf, name: 'Pārskats 2019.pdf' },
      { buffer: docx, name: 'minutes.docx' },
    ]).expect(201);

    expect(res.body.revision).toBe(2);
    expect(res.body.working.attachments).toEqual([
      expect.objectContaining({
        originalName: 'Pārskats 2019.pdf',
        mimeType: 'application/pdf',
        hasText: true,
        size: pdf.length,
      }),
      expect.objectContaining({ originalName: 'minutes.docx', extension: 'docx', hasText: true }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/storedName|Sixty-eight|"text"/);
    const doc = await stored(id);
    const texts = (doc!.working.attachments as { text: string }[]).map((a) => a.text);
    expect(texts[0]).toContain('Sixty-eight families returned');
    expect(texts[0]).toContain('Remigrācijas');
    expect(texts[1]).toContain('Jauniešu dome');
    expect(filesOnDisk().length).toBe(before + 2);
    const revision = await ctx.db.collection('practice_revisions').findOne({ practiceId: doc!._id, number: 2 });
    expect(revision).toMatchObject({ kind: 'attachments', changedFields: ['attachments'] });
    expect(JSON.stringify(revision!.snapshot)).not.toContain('Sixty-eight');
  });

  it.each([
    ['an SVG', () => sampleSvg(), 'drawing.svg'],
    ['an HTML page', () => sampleHtml(), 'page.pdf'],
  ])(
    'when %s is attached, then it is refused with 400 and no file or change is left behind',
    async (_name, make, fileName) => {
      const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice refusing files' });
      const before = filesOnDisk();

      const res = await upload(id, auth.partner, [
        { buffer: await samplePdf([['fine']]), name: 'fine.pdf' },
        { buffer: make(), name: fileName },
      ]).expect(400);

      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields.attachments).toHaveLength(1);
      expect(filesOnDisk()).toEqual(before);
      expect(await stored(id)).toMatchObject({ revision: 1, working: { attachments: [] } });
    },
  );

  it('when a file is larger than allowed, then 413 and nothing is stored', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice with a huge file' });
    const before = filesOnDisk();
    const huge = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);

    const res = await upload(id, auth.partner, [{ buffer: huge, name: 'huge.pdf' }]);

    expect(res.status).toBe(413);
    expect(filesOnDisk()).toEqual(before);
    expect(await stored(id)).toMatchObject({ revision: 1 });
  });

  it('when a practice would have more attachments than allowed, then 400 and no file is left', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice at its limit' });
    await upload(
      id,
      auth.partner,
      [1, 2].map((n) => ({ buffer: samplePng([n, n, n]), name: `photo${n}.png` })),
    ).expect(201);
    const before = filesOnDisk();

    const res = await upload(
      id,
      auth.partner,
      [3, 4].map((n) => ({ buffer: samplePng([n, n, n]), name: `photo${n}.png` })),
    ).expect(400);

    expect(res.body.error.fields.attachments).toEqual([
      'This practice cannot take more attachments: remove one first.',
    ]);
    expect(filesOnDisk()).toEqual(before);
  });

  it('when the upload names a revision that is no longer current, then 409 and the files are removed again', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice edited meanwhile' });
    await api()
      .patch(`/api/practices/${id}`)
      .set('Authorization', auth.partner)
      .send({ revision: 1, summary: 'Changed.' })
      .expect(200);
    const before = filesOnDisk();

    await upload(id, auth.partner, [{ buffer: samplePng(), name: 'late.png' }], { revision: '1' }).expect(409);

    expect(filesOnDisk()).toEqual(before);
  });

  it('when someone who may not edit uploads, then they are refused before the file is read', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice of Daugavpils' });
    const before = filesOnDisk();

    await upload(id, auth.otherPartner, [{ buffer: samplePng(), name: 'x.png' }]).expect(403);
    await api().post(`/api/practices/${id}/attachments`).attach('attachments', samplePng(), 'x.png').expect(401);

    expect(filesOnDisk()).toEqual(before);
  });

  it('when a signed-in browser uploads, then the CSRF token in the form is required (checked after Multer)', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice uploaded from a browser' });
    const { agent, csrf } = await signedInAgent(ctx.app, partner);
    const before = filesOnDisk();

    const forged = await agent.post(`/api/practices/${id}/attachments`).attach('attachments', samplePng(), 'x.png');
    expect(forged.status).toBe(403);
    expect(filesOnDisk()).toEqual(before);

    await agent
      .post(`/api/practices/${id}/attachments`)
      .field('_csrf', csrf)
      .attach('attachments', samplePng(), 'x.png')
      .expect(201);
    expect(filesOnDisk().length).toBe(before.length + 1);
  });
});

describe('multipart bodies outside the upload routes', () => {
  it('when a signed-in browser sends a multipart form to a route that takes no files, then it needs the token like any form and nothing changes', async () => {
    const { id } = await createPracticeVia(
      ctx.app,
      auth.partner,
      completePracticeBody({ title: 'Practice a forged form tries to submit' }),
    );
    const { agent, csrf } = await signedInAgent(ctx.app, partner);

    const forged = await agent.post(`/practices/${id}/submit`).field('revision', '1');
    const stored = await api().get(`/api/practices/${id}`).set('Authorization', auth.partner).expect(200);

    expect(forged.status).toBe(403);
    expect(stored.body.status).toBe('draft');
    const withHeader = await agent.post(`/practices/${id}/submit`).set('x-csrf-token', csrf).field('revision', '1');
    expect(withHeader.status).not.toBe(403);
  });
});

describe('downloading and removing', () => {
  it('when an attachment is downloaded, then it comes as an attachment with its sniffed type and nosniff, only for readers', async () => {
    const { id } = await createPracticeVia(
      ctx.app,
      auth.partner,
      completePracticeBody({ title: 'Practice with a download' }),
    );
    const pdf = await samplePdf([['Download me']]);
    const uploaded = await upload(id, auth.partner, [{ buffer: pdf, name: 'report.html' }]).expect(201);
    const url = uploaded.body.working.attachments[0].url as string;

    await api().get(url).expect(401);
    await api().get(url).set('Authorization', auth.otherPartner).expect(403);
    const res = await api()
      .get(url)
      .set('Authorization', auth.partner)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);

    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="report.html"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(res.body as Buffer, pdf)).toBe(0);

    await api().post(`/api/practices/${id}/submit`).set('Authorization', auth.partner).send({}).expect(200);
    await api().post(`/api/practices/${id}/publish`).set('Authorization', auth.coordinator).send({}).expect(200);
    await api().get(url).expect(200);
    await api()
      .get(`/api/practices/${id}/attachments/${'0'.repeat(32)}`)
      .expect(404);
    await api().get(`/api/practices/${id}/attachments/not-an-id`).expect(404);
  });

  it('when an attachment is removed, then it leaves the working copy but its file stays for the history', async () => {
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice losing a file' });
    const uploaded = await upload(id, auth.partner, [{ buffer: samplePng(), name: 'old.png' }]).expect(201);
    const attachment = uploaded.body.working.attachments[0] as { id: string };
    const before = filesOnDisk();

    const res = await api()
      .delete(`/api/practices/${id}/attachments/${attachment.id}`)
      .set('Authorization', auth.partner)
      .send({})
      .expect(200);

    expect(res.body).toMatchObject({ revision: 3, working: { attachments: [] } });
    expect(filesOnDisk()).toEqual(before);
    await api()
      .delete(`/api/practices/${id}/attachments/${attachment.id}`)
      .set('Authorization', auth.partner)
      .expect(404);
  });

  it('when an admin purges a practice, then its files are deleted too', async () => {
    const admin = await bearerFor(ctx, await createUser(ctx, { role: 'admin' }));
    const { id } = await createPracticeVia(ctx.app, auth.partner, { title: 'Practice whose files go' });
    const uploaded = await upload(id, auth.partner, [{ buffer: samplePng(), name: 'a.png' }]).expect(201);
    const removed = uploaded.body.working.attachments[0] as { id: string };
    await api().delete(`/api/practices/${id}/attachments/${removed.id}`).set('Authorization', auth.partner).expect(200);
    const before = filesOnDisk();
    await api().delete(`/api/practices/${id}`).set('Authorization', auth.partner).expect(200);

    await api().post(`/api/practices/${id}/purge`).set('Authorization', admin).expect(204);

    expect(filesOnDisk()).toEqual(before.filter((f) => !f.startsWith(removed.id)));
    expect(filesOnDisk().length).toBe(before.length - 1);
  });
});
