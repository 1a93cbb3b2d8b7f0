import fs from 'node:fs';
import { Types } from 'mongoose';
import request, { type Test } from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { bearerFor, completePracticeBody, createUser, csrfFrom, signedInAgent } from '../support/factories';
import {
  completeFormValues,
  decodeEntities,
  draftPractice,
  fieldErrorText,
  fieldValue,
  practiceFormPairs,
  type Pair,
} from '../support/practice-pages';
import { samplePdf, samplePng, sampleSvg } from '../support/sample-files';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let partner: User;

beforeAll(async () => {
  ctx = await createTestContext({ MAX_UPLOAD_MB: '1', MAX_ATTACHMENTS: '3' });
  partner = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
});

afterAll(async () => {
  await ctx.close();
});

const practices = () => ctx.db.collection('practices');
const idFrom = (location: string) => /\/practices\/([0-9a-f]{24})/.exec(location)?.[1] ?? '';
const filesOnDisk = () =>
  fs.existsSync(ctx.config.uploadsDir) ? fs.readdirSync(ctx.config.uploadsDir).filter((f) => !f.startsWith('.')) : [];

type File = { buffer: Buffer; name: string };

/**
 * The new-practice form as a browser sends it: multipart, the token first, the files after the fields; the
 * answer once it has the expected status.
 */
async function sendForm(pairs: readonly Pair[], files: readonly File[], status: number, options: { csrf?: boolean } = {}) {
  const { agent } = await signedInAgent(ctx.app, partner);
  const form = await agent.get('/practices/new').expect(200);
  let req: Test = agent.post('/practices');
  if (options.csrf !== false) req = req.field('_csrf', csrfFrom(form.text));
  for (const [name, value] of pairs) req = req.field(name, value);
  for (const file of files) req = req.attach('attachments', file.buffer, file.name);
  return req.field('intent', 'draft').expect(status);
}

/** What must hold after any refusal: no practice was written and no file is left on disk. */
async function nothingStored(before: { practices: number; files: string[] }) {
  expect(await practices().countDocuments()).toBe(before.practices);
  expect(filesOnDisk()).toEqual(before.files);
}
const snapshot = async () => ({ practices: await practices().countDocuments(), files: filesOnDisk() });

describe('files on the new-practice form', () => {
  it('when the form is opened, then it is multipart with a file field saying the files are saved with the practice; the edit form is not', async () => {
    const { agent } = await signedInAgent(ctx.app, partner);
    const draft = await draftPractice(ctx, partner);

    const page = await agent.get('/practices/new').expect(200);
    const edit = await agent.get(`/practices/${draft.id}/edit`).expect(200);

    expect(page.text).toMatch(/<form method="post" action="\/practices" class="form practice-form" enctype="multipart\/form-data"/);
    expect(page.text).toMatch(/<input id="attachments" name="attachments" type="file" multiple accept="[^"]*\.pdf/);
    expect(decodeEntities(page.text)).toContain('up to 3 files of at most 1 MB each. The files are saved together with the practice');
    expect(edit.text).not.toContain('enctype="multipart/form-data"');
    expect(edit.text).not.toContain('type="file"');
  });

  it('when a practice is sent with two valid files, then it is stored with both attachments in its first revision', async () => {
    const before = await snapshot();
    const pdf = await samplePdf([['Jauniešu dome', 'Youth council minutes']]);

    const res = await sendForm(practiceFormPairs(completeFormValues({ title: 'Practice with its files' })), [
      { buffer: pdf, name: 'Protokols.pdf' },
      { buffer: samplePng(), name: 'photo.png' },
    ], 303);

    const id = idFrom(res.headers.location as string);
    expect(res.headers.location).toBe(`/practices/${id}?version=working&notice=created`);
    const doc = await practices().findOne({ _id: new Types.ObjectId(id) });
    expect(doc).toMatchObject({ revision: 1, status: 'draft', working: { title: 'Practice with its files' } });
    expect(doc!.working.attachments).toEqual([
      expect.objectContaining({ originalName: 'Protokols.pdf', mimeType: 'application/pdf', size: pdf.length, uploadedBy: new Types.ObjectId(partner.id) }),
      expect.objectContaining({ originalName: 'photo.png', mimeType: 'image/png' }),
    ]);
    expect(doc!.working.attachments[0].text).toContain('Youth council minutes');
    const first = await ctx.db.collection('practice_revisions').findOne({ practiceId: doc!._id, number: 1 });
    expect(first).toMatchObject({ kind: 'create' });
    expect(first!.changedFields).toContain('attachments');
    expect(first!.snapshot.attachments.map((a: { originalName: string }) => a.originalName)).toEqual(['Protokols.pdf', 'photo.png']);
    expect(filesOnDisk()).toHaveLength(before.files.length + 2);
    expect(await practices().countDocuments()).toBe(before.practices + 1);
  });

  it('when a field is invalid and a valid file is sent, then 422 with the message beside the field, the typed values kept, no practice and no file', async () => {
    const before = await snapshot();

    const res = await sendForm(
      practiceFormPairs(completeFormValues({ title: 'Kept title', startYear: 'nineteen' })),
      [{ buffer: samplePng(), name: 'kept-in-mind.png' }],
      422,
    );

    await nothingStored(before);
    expect(fieldErrorText(res.text, 'period.startYear')).toBeTruthy();
    expect(fieldValue(res.text, 'title')).toBe('Kept title');
    expect(fieldValue(res.text, 'period-startYear')).toBe('nineteen');
    const said = decodeEntities(res.text);
    expect(said).toContain('Please choose your files again: nothing was saved');
    expect(said).toContain('You had chosen: kept-in-mind.png.');
  });

  it('when a file is of a refused type, then 422 naming it beside the file field, the fields kept, no practice and nothing on disk', async () => {
    const before = await snapshot();

    const res = await sendForm(practiceFormPairs(completeFormValues({ title: 'Practice with a drawing' })), [
      { buffer: samplePng(), name: 'fine.png' },
      { buffer: sampleSvg(), name: 'drawing.svg' },
    ], 422);

    await nothingStored(before);
    expect(decodeEntities(fieldErrorText(res.text, 'attachments') ?? '')).toMatch(/^“drawing\.svg”: This file type is not accepted/);
    expect(res.text).toMatch(/<input id="attachments"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('href="#attachments"');
    expect(fieldValue(res.text, 'title')).toBe('Practice with a drawing');
  });

  it('when more files are sent than allowed, then 422 with the limit beside the file field, the fields kept and nothing stored', async () => {
    const before = await snapshot();
    const files = ['a', 'b', 'c', 'd'].map((n) => ({ buffer: samplePng(), name: `${n}.png` }));

    const res = await sendForm(practiceFormPairs(completeFormValues({ title: 'Too many photos' })), files, 422);

    await nothingStored(before);
    expect(fieldErrorText(res.text, 'attachments')).toBe('At most 3 files can be attached.');
    expect(fieldValue(res.text, 'title')).toBe('Too many photos');
    expect(decodeEntities(res.text)).toContain('Please choose your files again');
  });

  it('when a file is larger than allowed, then 422 with the size limit beside the file field and nothing stored', async () => {
    const before = await snapshot();
    const big = Buffer.concat([samplePng(), Buffer.alloc(1024 * 1024 + 10)]);

    const res = await sendForm(practiceFormPairs(completeFormValues({ title: 'Huge scan' })), [{ buffer: big, name: 'scan.png' }], 422);

    await nothingStored(before);
    expect(fieldErrorText(res.text, 'attachments')).toBe('A file is larger than the limit of 1 MB.');
    expect(fieldValue(res.text, 'title')).toBe('Huge scan');
  });

  it('when the multipart form comes without its CSRF token, then it is refused and nothing is stored', async () => {
    const before = await snapshot();

    await sendForm(practiceFormPairs(completeFormValues()), [{ buffer: samplePng(), name: 'x.png' }], 403, { csrf: false });

    await nothingStored(before);
  });

  it('when the multipart form is sent without files, then the practice is saved as before, with no attachments', async () => {
    const res = await sendForm(practiceFormPairs(completeFormValues({ title: 'No files yet' })), [], 303);

    const doc = await practices().findOne({ _id: new Types.ObjectId(idFrom(res.headers.location as string)) });
    expect(doc).toMatchObject({ working: { title: 'No files yet', attachments: [] } });
  });
});

describe('files with a practice created through the API', () => {
  let auth = '';
  beforeAll(async () => {
    auth = await bearerFor(ctx, partner);
  });
  const create = () => request(ctx.app).post('/api/practices').set('Authorization', auth);

  it('when the practice comes as JSON in a multipart body with a file, then both are stored together', async () => {
    const res = await create()
      .field('practice', JSON.stringify(completePracticeBody({ title: 'Created by a script with a photo' })))
      .attach('attachments', samplePng(), 'photo.png')
      .expect(201);

    expect(res.body).toMatchObject({ revision: 1, working: { title: 'Created by a script with a photo' } });
    expect(res.body.working.attachments).toEqual([expect.objectContaining({ originalName: 'photo.png', mimeType: 'image/png' })]);
  });

  it('when the multipart body has no readable practice or a refused file, then 400 and nothing is stored', async () => {
    const before = await snapshot();

    const noJson = await create().field('practice', '{"title": ').attach('attachments', samplePng(), 'a.png').expect(400);
    const refused = await create()
      .field('practice', JSON.stringify({ title: 'With a drawing' }))
      .attach('attachments', sampleSvg(), 'drawing.svg')
      .expect(400);
    const badField = await create()
      .field('practice', JSON.stringify({ title: 'Bad year', period: { startYear: 1200 } }))
      .attach('attachments', samplePng(), 'b.png')
      .expect(400);

    await nothingStored(before);
    expect(noJson.body.error.fields.practice[0]).toMatch(/JSON text in the “practice” field/);
    expect(refused.body.error.fields.attachments[0]).toMatch(/This file type is not accepted/);
    expect(Object.keys(badField.body.error.fields)).toEqual(['period.startYear']);
  });
});
