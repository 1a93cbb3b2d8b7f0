import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/lib/config';
import { NotFoundError, ValidationError } from '../../server/lib/errors';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_TYPES,
  AttachmentTypeError,
  contentDisposition,
  createAttachmentStore,
  sanitiseOriginalName,
  sniffAttachmentType,
  type AttachmentStore,
} from '../../server/lib/uploads';
import * as samples from '../support/sample-files';

let dir: string;
let store: AttachmentStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-uploads-'));
  store = createAttachmentStore(path.join(dir, 'uploads'));
});

afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const filesOnDisk = () => (fs.existsSync(store.dir) ? fs.readdirSync(store.dir).sort() : []);

describe('attachment types', () => {
  it('when the list is read, then it holds exactly the eight accepted types with labels', () => {
    expect(ATTACHMENT_TYPES.map((t) => [t.extension, t.mimeType, t.labelKey])).toEqual([
      ['pdf', 'application/pdf', 'uploads.type.pdf'],
      ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'uploads.type.docx'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'uploads.type.xlsx'],
      ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'uploads.type.pptx'],
      ['odt', 'application/vnd.oasis.opendocument.text', 'uploads.type.odt'],
      ['png', 'image/png', 'uploads.type.png'],
      ['jpg', 'image/jpeg', 'uploads.type.jpeg'],
      ['webp', 'image/webp', 'uploads.type.webp'],
    ]);
    expect(ATTACHMENT_TYPES.filter((t) => t.image).map((t) => t.extension)).toEqual(['png', 'jpg', 'webp']);
    expect(Object.isFrozen(ATTACHMENT_TYPES)).toBe(true);
    expect(ATTACHMENT_ACCEPT).toBe('.pdf,.docx,.xlsx,.pptx,.odt,.png,.jpg,.webp,.jpeg');
  });

  it.each([
    ['PDF', () => samples.samplePdf([['Daugavpils']]), 'pdf'],
    ['DOCX', () => samples.sampleDocx(['Kaunas']), 'docx'],
    ['XLSX', () => samples.sampleXlsx(), 'xlsx'],
    ['PPTX', () => samples.samplePptx(), 'pptx'],
    ['ODT', () => samples.sampleOdt(), 'odt'],
    ['PNG', () => samples.samplePng(), 'png'],
    ['JPEG', () => samples.sampleJpeg(), 'jpg'],
    ['WebP', () => samples.sampleWebp(), 'webp'],
    ['HTML behind a valid %PDF header (a polyglot is a PDF)', () => samples.samplePdfPolyglot(), 'pdf'],
  ])('when the content is %s, then it is sniffed as an accepted type', async (_label, build, extension) => {
    const type = await sniffAttachmentType(await build());

    expect(type?.extension).toBe(extension);
  });

  it.each([
    ['SVG with an XML declaration', () => samples.sampleSvg()],
    ['SVG without an XML declaration', () => samples.sampleSvgWithoutXmlDeclaration()],
    ['HTML', () => samples.sampleHtml()],
    ['a plain ZIP archive', () => samples.samplePlainZip()],
    ['a macro-enabled Word document (DOCM)', () => samples.sampleDocm()],
    ['a Windows executable', () => samples.sampleExe()],
    ['plain text', () => Buffer.from('Just words, no format.\n')],
    ['an empty file', () => Buffer.alloc(0)],
    ['a truncated ZIP header', () => Buffer.from('PK\u0003\u0004\u0014\u0000')],
  ])('when the content is %s, then it is not an accepted type', async (_label, build) => {
    await expect(sniffAttachmentType(build())).resolves.toBeUndefined();
  });
});

describe('sanitiseOriginalName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\anna\\Atskaite 2019.pdf', 'Atskaite 2019.pdf'],
    ['re\u0000po\u0007rt\u001f.pdf', 'report.pdf'],
    ['a:b*c?d"e<f>g|h.pdf', 'abcdefgh.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  ..hidden.pdf  ', 'hidden.pdf'],
    ['Łódź – pārskats.docx', 'Łódź – pārskats.docx'],
    ['../..', 'attachment.pdf'],
    ['', 'attachment.pdf'],
  ])('when the client sends %p, then %p is kept', (raw, expected) => {
    expect(sanitiseOriginalName(raw, 'pdf')).toBe(expected);
  });

  it('when a name is decomposed Unicode, then it is stored NFC-normalised', () => {
    const decomposed = 'Daugavpils pa\u0304rskats.pdf'; // a + combining macron

    expect(sanitiseOriginalName(decomposed)).toBe('Daugavpils pārskats.pdf');
    expect(sanitiseOriginalName(decomposed)).toHaveLength('Daugavpils pārskats.pdf'.length);
  });

  it('when a name is longer than 200 characters, then it is cut to 200 keeping the extension', () => {
    const name = sanitiseOriginalName(`${'ā'.repeat(300)}.pdf`);

    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('ā.pdf')).toBe(true);
  });

  it('when a long name has emoji, then no surrogate pair is split', () => {
    const name = sanitiseOriginalName('😀'.repeat(250));

    expect(Array.from(name)).toHaveLength(200);
    expect(name).toBe('😀'.repeat(200));
  });
});

describe('contentDisposition', () => {
  it('when the name is ASCII, then both forms carry it', () => {
    expect(contentDisposition('report 2019.pdf')).toBe(
      `attachment; filename="report 2019.pdf"; filename*=UTF-8''report%202019.pdf`,
    );
  });

  it('when the name has diacritics, quotes and parentheses, then the fallback is ASCII and the UTF-8 form exact', () => {
    expect(contentDisposition('Pārskats "Łódź" (v2).pdf')).toBe(
      `attachment; filename="Parskats __odz_ (v2).pdf"; filename*=UTF-8''P%C4%81rskats%20%22%C5%81%C3%B3d%C5%BA%22%20%28v2%29.pdf`,
    );
  });
});

describe('createAttachmentStore', () => {
  it('when an accepted file is saved, then it gets a generated name, sniffed type, checksum and mode 0640', async () => {
    const pdf = await samples.samplePdf([['Rezultāti']]);

    const saved = await store.save(pdf, '../../Rezultāti.exe');

    expect(saved.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(saved.storedName).toBe(`${saved.id}.pdf`);
    expect(saved).toMatchObject({
      originalName: 'Rezultāti.exe',
      mimeType: 'application/pdf',
      extension: 'pdf',
      size: pdf.length,
    });
    expect(saved.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(fs.readFileSync(store.path(saved.storedName)).equals(pdf)).toBe(true);
    expect(fs.statSync(store.path(saved.storedName)).mode & 0o777).toBe(0o640);
    expect(filesOnDisk()).toEqual([saved.storedName]);
  });

  it('when a PNG arrives named .pdf, then the stored extension and type follow the content', async () => {
    const saved = await store.save(samples.samplePng(), 'chart.pdf');

    expect(saved).toMatchObject({ extension: 'png', mimeType: 'image/png', originalName: 'chart.pdf' });
    expect(saved.storedName.endsWith('.png')).toBe(true);
  });

  it.each([
    ['an SVG', samples.sampleSvg(), 'logo.svg'],
    ['HTML named .pdf', samples.sampleHtml(), 'report.pdf'],
    ['a plain ZIP', samples.samplePlainZip(), 'photos.zip'],
    ['an EXE named .png', samples.sampleExe(), 'photo.png'],
  ])(
    'when %s is saved, then it is refused with type_not_allowed and nothing is written',
    async (_label, buffer, name) => {
      const error = await store.save(buffer, name).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toBeInstanceOf(AttachmentTypeError);
      expect((error as AttachmentTypeError).message).toBe('uploads.error.type_not_allowed');
      expect((error as AttachmentTypeError).fields).toEqual({ attachments: ['uploads.error.type_not_allowed'] });
      expect((error as AttachmentTypeError).originalName).toBe(name);
      expect(filesOnDisk()).toEqual([]);
    },
  );

  it('when an empty file is saved, then it is refused as empty', async () => {
    await expect(store.save(Buffer.alloc(0), 'empty.pdf')).rejects.toMatchObject({
      message: 'uploads.error.empty_file',
    });
  });

  it('when a batch holds one refused file, then none of the batch is written', async () => {
    const files = [
      { buffer: samples.samplePng(), originalname: 'a.png' },
      { buffer: samples.sampleJpeg(), originalname: 'b.jpg' },
      { buffer: samples.sampleSvg(), originalname: 'c.svg' },
    ];

    await expect(store.saveAll(files)).rejects.toMatchObject({ originalName: 'c.svg' });
    expect(filesOnDisk()).toEqual([]);
  });

  it('when writing fails halfway through a batch, then the files already written are removed and the error rethrown', async () => {
    const rename = fs.promises.rename;
    let calls = 0;
    jest.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      calls += 1;
      if (calls === 3) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return rename(from, to);
    });
    const files = [samples.samplePng(), samples.sampleJpeg(), samples.sampleWebp()].map((buffer, i) => ({
      buffer,
      originalname: `${i}.img`,
    }));

    await expect(store.saveAll(files)).rejects.toThrow('ENOSPC');
    expect(calls).toBe(3);
    expect(filesOnDisk()).toEqual([]);
  });

  it('when a batch is accepted, then every file is saved in order', async () => {
    const saved = await store.saveAll([
      { buffer: await samples.sampleDocx(['Vejle']), originalname: 'plan.docx' },
      { buffer: samples.sampleWebp(), originalname: 'photo.webp' },
    ]);

    expect(saved.map((s) => [s.originalName, s.extension])).toEqual([
      ['plan.docx', 'docx'],
      ['photo.webp', 'webp'],
    ]);
    expect(filesOnDisk()).toEqual(saved.map((s) => s.storedName).sort());
  });

  it('when files are removed, then they are gone and removing again is harmless', async () => {
    const [a, b] = await store.saveAll([
      { buffer: samples.samplePng(), originalname: 'a.png' },
      { buffer: samples.samplePng([1, 2, 3]), originalname: 'b.png' },
    ]);

    await store.remove(a!.storedName);
    const failed = await store.removeAll([a!.storedName, b!.storedName]);

    expect(failed).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it('when a saved file is read back, then its bytes are returned', async () => {
    const png = samples.samplePng();
    const saved = await store.save(png, 'a.png');

    await expect(store.read(saved.storedName)).resolves.toEqual(png);
  });

  it.each([
    '../uploads/x.pdf',
    '../../etc/passwd',
    '/etc/passwd',
    '0123456789abcdef0123456789abcdef.svg',
    '0123456789abcdef0123456789abcdef.pdf/../../x.pdf',
    '0123456789ABCDEF0123456789ABCDEF.pdf',
    '0123456789abcdef0123456789abcdef.pdf\u0000.png',
    'report.pdf',
    '',
  ])('when the path of %p is asked for, then it is refused as not found', (name) => {
    expect(() => store.path(name)).toThrow(NotFoundError);
  });

  it('when removeAll is given a name that is not generated, then it reports it instead of throwing', async () => {
    await expect(store.removeAll(['../../etc/passwd'])).resolves.toEqual(['../../etc/passwd']);
  });
});

describe('upload configuration', () => {
  it('when nothing is set, then 20 MB per file and 10 files are allowed', () => {
    expect(loadConfig({}).uploads).toEqual({ maxFileBytes: 20 * 1024 * 1024, maxFiles: 10 });
    expect(Object.isFrozen(loadConfig({}).uploads)).toBe(true);
  });

  it('when MAX_UPLOAD_MB and MAX_ATTACHMENTS are set, then they are used', () => {
    expect(loadConfig({ MAX_UPLOAD_MB: '5', MAX_ATTACHMENTS: '3' }).uploads).toEqual({
      maxFileBytes: 5 * 1024 * 1024,
      maxFiles: 3,
    });
  });

  it('when they are not positive whole numbers, then both are reported by name', () => {
    const error = (() => {
      try {
        loadConfig({ MAX_UPLOAD_MB: '0', MAX_ATTACHMENTS: 'many' });
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^MAX_UPLOAD_MB /), expect.stringMatching(/^MAX_ATTACHMENTS /)]),
    );
  });
});
