import { extractText, MAX_EXTRACTED_CHARS } from '../../server/lib/text-extraction';
import { ATTACHMENT_TYPES } from '../../server/lib/uploads';
import { sampleDocx, samplePdf, samplePng, sampleXlsx } from '../support/sample-files';

const mime = (extension: string) => ATTACHMENT_TYPES.find((t) => t.extension === extension)!.mimeType;

describe('extractText', () => {
  it('when a PDF has Latvian and Polish words on two pages, then all of them are extracted in order', async () => {
    const pdf = await samplePdf([
      ['Reemigrācijas atbalsta centrs Daugavpilī', 'ģimenēm ar bērniem, ļoti ķēriens, ņemt, čaklums, šūpoles, žurnāls'],
      ['Second page: Łódź youth centre'],
    ]);

    const text = await extractText(pdf, mime('pdf'));

    expect(text).toBe(
      'Reemigrācijas atbalsta centrs Daugavpilī\nģimenēm ar bērniem, ļoti ķēriens, ņemt, čaklums, šūpoles, žurnāls\nSecond page: Łódź youth centre',
    );
  });

  it('when a DOCX has paragraphs with diacritics, then their words are extracted', async () => {
    const docx = await sampleDocx(['Jauniešu aizplūšana no reģiona', 'Rezultāts: 120 ģimenes atgriezās']);

    const text = await extractText(docx, mime('docx'));

    expect(text).toBe('Jauniešu aizplūšana no reģiona\n\nRezultāts: 120 ģimenes atgriezās');
  });

  it('when a PDF is corrupt, then the text is empty and the reason is reported, not thrown', async () => {
    const errors: unknown[] = [];
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<'), Buffer.alloc(64, 0x41)]);

    const text = await extractText(corrupt, mime('pdf'), { onError: (e) => errors.push(e) });

    expect(text).toBe('');
    expect(errors).toHaveLength(1);
  });

  it('when a PDF is cut off halfway, then the text is empty', async () => {
    const pdf = await samplePdf([['Truncated words']]);

    await expect(extractText(pdf.subarray(0, Math.floor(pdf.length / 2)), mime('pdf'))).resolves.toBe('');
  });

  it('when a DOCX is corrupt, then the text is empty and the reason is reported', async () => {
    const errors: unknown[] = [];

    const text = await extractText(Buffer.from('PK\u0003\u0004 not really a zip'), mime('docx'), {
      onError: (e) => errors.push(e),
    });

    expect(text).toBe('');
    expect(errors).toHaveLength(1);
  });

  it('when the type has no text reader (image, spreadsheet), then the text is empty', async () => {
    await expect(extractText(samplePng(), mime('png'))).resolves.toBe('');
    await expect(extractText(sampleXlsx(), mime('xlsx'))).resolves.toBe('');
  });

  it('when a document holds more text than the cap, then it is cut at the cap', async () => {
    const paragraph = 'Depopulācija '.repeat(1000).trim();
    const docx = await sampleDocx(Array.from({ length: 20 }, () => paragraph));

    const text = await extractText(docx, mime('docx'));

    expect(text).toHaveLength(MAX_EXTRACTED_CHARS);
    expect(text.startsWith('Depopulācija Depopulācija')).toBe(true);
  });
});
