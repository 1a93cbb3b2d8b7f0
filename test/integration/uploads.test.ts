import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { errorHandler } from '../../server/lib/error-handler';
import { localeMiddleware } from '../../server/lib/i18n';
import { silentLogger } from '../../server/lib/logger';
import {
  createAttachmentStore,
  createUploadMiddleware,
  type AttachmentStore,
  type StoredAttachment,
} from '../../server/lib/uploads';
import * as samples from '../support/sample-files';

const MB = 1024 * 1024;
let dir: string;
let store: AttachmentStore;
let app: Express;
const records = new Map<string, StoredAttachment>();

/** The smallest app that uses the upload pieces the way a feature does: parse, save all, answer; download by id. */
function tinyApp(): Express {
  const server = express();
  server.use(localeMiddleware);
  server.post('/api/upload', createUploadMiddleware({ maxFileBytes: 1 * MB, maxFiles: 2 }), async (req, res) => {
    const saved = await store.saveAll((req.files as Express.Multer.File[] | undefined) ?? []);
    for (const s of saved) records.set(s.id, s);
    res.status(201).json({ saved, body: req.body as unknown });
  });
  server.get('/api/files/:id', async (req, res) => {
    const record = records.get(req.params.id);
    await store.sendFile(res, record ?? { storedName: req.params.id, originalName: 'x', mimeType: 'application/pdf' });
  });
  server.use(errorHandler({ logger: silentLogger, showStack: false }));
  return server;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-upload-it-'));
  store = createAttachmentStore(path.join(dir, 'uploads'));
  app = tinyApp();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fs.rmSync(store.dir, { recursive: true, force: true });
});

const filesOnDisk = () => (fs.existsSync(store.dir) ? fs.readdirSync(store.dir) : []);

describe('upload middleware', () => {
  it('when a PDF and a PNG are posted with form fields, then both are stored under generated names with their UTF-8 names', async () => {
    const pdf = await samples.samplePdf([['Pārskats']]);

    const res = await request(app)
      .post('/api/upload')
      .field('title', 'Jauniešu centrs')
      .attach('attachments', pdf, { filename: 'Pārskats Łódź.pdf', contentType: 'application/pdf' })
      .attach('attachments', samples.samplePng(), { filename: 'foto.png', contentType: 'image/png' })
      .expect(201);

    const saved = res.body.saved as StoredAttachment[];
    expect(res.body.body).toEqual({ title: 'Jauniešu centrs' });
    expect(saved.map((s) => [s.originalName, s.mimeType, s.size])).toEqual([
      ['Pārskats Łódź.pdf', 'application/pdf', pdf.length],
      ['foto.png', 'image/png', samples.samplePng().length],
    ]);
    expect(filesOnDisk().sort()).toEqual(saved.map((s) => s.storedName).sort());
    saved.forEach((s) => expect(s.storedName).toMatch(/^[0-9a-f]{32}\.(pdf|png)$/));
  });

  it('when a file is over the size limit, then 413 names the limit in MB and nothing is stored', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MB + 1, 0x20)]);

    const res = await request(app).post('/api/upload').attach('attachments', big, 'big.pdf').expect(413);

    expect(res.body.error).toEqual({ code: 'payload_too_large', message: 'A file is larger than the limit of 1 MB.' });
    expect(filesOnDisk()).toEqual([]);
  });

  it('when a Latvian reader sends a file over the limit, then the message is in Latvian', async () => {
    const big = Buffer.alloc(MB + 1, 0x41);

    const res = await request(app)
      .post('/api/upload')
      .set('Accept-Language', 'lv')
      .attach('attachments', big, 'liels.pdf')
      .expect(413);

    expect(res.body.error.message).toBe('Fails pārsniedz 1 MB ierobežojumu.');
  });

  it('when more files than allowed are posted, then a validation error names the field and nothing is stored', async () => {
    const res = await request(app)
      .post('/api/upload')
      .attach('attachments', samples.samplePng(), 'a.png')
      .attach('attachments', samples.samplePng(), 'b.png')
      .attach('attachments', samples.samplePng(), 'c.png')
      .expect(400);

    expect(res.body.error).toEqual({
      code: 'validation_failed',
      message: 'At most 2 files can be attached.',
      fields: { attachments: ['At most 2 files can be attached.'] },
    });
    expect(filesOnDisk()).toEqual([]);
  });

  it('when a file comes in another field, then it is refused as unexpected', async () => {
    const res = await request(app).post('/api/upload').attach('avatar', samples.samplePng(), 'a.png').expect(400);

    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      fields: { avatar: ['uploads.error.unexpected_file'] },
    });
    expect(res.body.error.message).toBe('Files can only be attached in the attachments field.');
  });

  it.each([
    ['an SVG', samples.sampleSvg(), 'logo.svg', 'image/svg+xml'],
    ['HTML named .pdf', samples.sampleHtml(), 'report.pdf', 'application/pdf'],
    ['an EXE named .png', samples.sampleExe(), 'photo.png', 'image/png'],
    ['a plain ZIP', samples.samplePlainZip(), 'docs.zip', 'application/zip'],
  ])(
    'when %s is posted, then it is refused whatever the browser claims and nothing is stored',
    async (_label, buffer, filename, contentType) => {
      const res = await request(app)
        .post('/api/upload')
        .attach('attachments', buffer, { filename, contentType })
        .expect(400);

      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields).toEqual({ attachments: ['uploads.error.type_not_allowed'] });
      expect(res.body.error.message).toMatch(/^This file type is not accepted\./);
      expect(filesOnDisk()).toEqual([]);
    },
  );

  it('when one good and one refused file are posted together, then neither is stored', async () => {
    await request(app)
      .post('/api/upload')
      .attach('attachments', samples.samplePng(), 'ok.png')
      .attach('attachments', samples.sampleSvg(), 'bad.svg')
      .expect(400);

    expect(filesOnDisk()).toEqual([]);
  });

  it('when a text field is longer than the form allows, then 413 says so and nothing is stored', async () => {
    const res = await request(app)
      .post('/api/upload')
      .field('description', 'ā'.repeat(200 * 1024))
      .attach('attachments', samples.samplePng(), 'a.png')
      .expect(413);

    expect(res.body.error).toEqual({ code: 'payload_too_large', message: 'A field of the form is too long.' });
    expect(filesOnDisk()).toEqual([]);
  });

  it('when the multipart body is cut off, then it is a bad request and nothing is stored', async () => {
    const body =
      '--XyZ\r\nContent-Disposition: form-data; name="attachments"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc';

    const res = await request(app)
      .post('/api/upload')
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send(body)
      .expect(400);

    expect(res.body.error).toEqual({ code: 'bad_request', message: 'The upload could not be read. Please try again.' });
    expect(filesOnDisk()).toEqual([]);
  });
});

describe('downloads', () => {
  async function upload(buffer: Buffer, filename: string): Promise<StoredAttachment> {
    const res = await request(app).post('/api/upload').attach('attachments', buffer, filename).expect(201);
    return (res.body.saved as StoredAttachment[])[0]!;
  }

  it('when a stored file is downloaded, then type, disposition, nosniff and length are exactly as specified', async () => {
    const pdf = await samples.samplePdf([['Gada pārskats']]);
    const saved = await upload(pdf, 'Gada pārskats (2019).pdf');

    const res = await request(app)
      .get(`/api/files/${saved.id}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Gada parskats (2019).pdf"; filename*=UTF-8''Gada%20p%C4%81rskats%20%282019%29.pdf`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect((res.body as Buffer).equals(pdf)).toBe(true);
  });

  it('when an HTML-carrying PDF polyglot is downloaded, then it goes out as a PDF attachment that browsers may not sniff', async () => {
    const saved = await upload(samples.samplePdfPolyglot(), 'page.html');

    const res = await request(app).get(`/api/files/${saved.id}`).expect(200);

    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="page\.html"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when a HEAD request is made, then the headers come without a body', async () => {
    const saved = await upload(samples.samplePng(), 'a.png');

    const res = await request(app).head(`/api/files/${saved.id}`).expect(200);

    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(samples.samplePng().length));
  });

  it.each([
    ['a generated name whose file is gone', '0123456789abcdef0123456789abcdef.pdf'],
    ['a path traversal', '..%2F..%2Fetc%2Fpasswd'],
    ['a name that was never generated', 'passwd'],
  ])('when %s is asked for, then 404', async (_label, id) => {
    const res = await request(app).get(`/api/files/${id}`).expect(404);

    expect(res.body.error.code).toBe('not_found');
  });
});
