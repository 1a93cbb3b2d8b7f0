import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph, TextRun } from 'docx';

/**
 * Builders for real sample files, made in the test rather than checked in, so every test can say
 * exactly what a file contains. Office formats are small but real ZIP containers with the entries
 * that identify them; images are valid, decodable 1×1 or 8×8 pictures.
 */

// --- PDF ---------------------------------------------------------------------------------------

/**
 * The standard PDF fonts only encode WinAnsi, which lacks ā, ē, ī, ū, ķ, ļ, ņ, ģ, č, ł…; instead of
 * embedding a TrueType font (machine-dependent), the text uses Helvetica with a /Differences
 * encoding that names each extra glyph, which is how PDF readers map such text back to Unicode.
 */
const EXTRA_GLYPHS: Record<string, string> = {
  ā: 'amacron', Ā: 'Amacron', ē: 'emacron', Ē: 'Emacron', ī: 'imacron', Ī: 'Imacron', ū: 'umacron', Ū: 'Umacron',
  č: 'ccaron', Č: 'Ccaron', š: 'scaron', Š: 'Scaron', ž: 'zcaron', Ž: 'Zcaron', ģ: 'gcommaaccent', Ģ: 'Gcommaaccent',
  ķ: 'kcommaaccent', Ķ: 'Kcommaaccent', ļ: 'lcommaaccent', Ļ: 'Lcommaaccent', ņ: 'ncommaaccent', Ņ: 'Ncommaaccent',
  ą: 'aogonek', ę: 'eogonek', į: 'iogonek', ų: 'uogonek', ė: 'edotaccent', ł: 'lslash', Ł: 'Lslash', ń: 'nacute',
  ó: 'oacute', ś: 'sacute', ź: 'zacute', ż: 'zdotaccent', ć: 'cacute', ä: 'adieresis', ö: 'odieresis', ü: 'udieresis',
  ß: 'germandbls', é: 'eacute', ă: 'abreve', â: 'acircumflex', î: 'icircumflex', ș: 'scommaaccent', ț: 'tcommaaccent',
  à: 'agrave', è: 'egrave', ì: 'igrave', ò: 'ograve', ù: 'ugrave', å: 'aring', æ: 'ae', ø: 'oslash', ñ: 'ntilde',
}; // prettier-ignore

function encodeLine(line: string, codes: Map<string, number>): string {
  let hex = '';
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    let byte: number;
    if (code >= 0x20 && code < 0x7f) byte = code;
    else if (EXTRA_GLYPHS[ch]) byte = codes.get(ch) ?? codes.set(ch, 0x80 + codes.size).get(ch)!;
    else throw new Error(`samplePdf cannot draw ${JSON.stringify(ch)}: add its glyph name to EXTRA_GLYPHS`);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** A PDF (pdfkit) with one page per entry of `pages`, each page's lines drawn as real text. */
export async function samplePdf(pages: readonly (readonly string[])[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Sample' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const codes = new Map<string, number>();
  const font = doc.ref({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' });
  pages.forEach((lines, index) => {
    if (index > 0) doc.addPage();
    (doc.page as unknown as { fonts: Record<string, unknown> }).fonts.FSample = font;
    lines.forEach((line, i) => {
      doc.addContent(`BT /FSample 14 Tf 72 ${760 - i * 24} Td <${encodeLine(line, codes)}> Tj ET`);
    });
  });
  const differences = [...codes].sort((a, b) => a[1] - b[1]).flatMap(([ch, code]) => [code, EXTRA_GLYPHS[ch]!]);
  (font.data as Record<string, unknown>).Encoding = {
    Type: 'Encoding',
    BaseEncoding: 'WinAnsiEncoding',
    Differences: differences,
  };
  font.end(undefined);
  doc.end();
  return done;
}

/** A file that starts like a PDF but carries HTML: sniffed as PDF, so it is stored and served as one. */
export function samplePdfPolyglot(): Buffer {
  return Buffer.from('%PDF-1.4\n%<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n');
}

// --- Office documents --------------------------------------------------------------------------

/** A real Word document (docx package), one paragraph per entry. */
export async function sampleDocx(paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }],
  });
  return Packer.toBuffer(doc);
}

export type ZipEntry = Readonly<{ name: string; data: string | Buffer }>;

const DOS_DATE_1980_01_01 = (1 << 5) | 1;

/** A stored (uncompressed) ZIP with the entries in the given order: enough for any container format. */
export function zipFile(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const RELS = (target: string) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
const CONTENT_TYPES = (part: string, type: string) =>
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`;

/** Open XML package: [Content_Types].xml names the main part, which is what identifies docx/xlsx/pptx. */
function openXmlPackage(part: string, mainType: string, body: string): Buffer {
  return zipFile([
    { name: '[Content_Types].xml', data: CONTENT_TYPES(part, mainType) },
    { name: '_rels/.rels', data: RELS(part) },
    { name: part, data: body },
  ]);
}

export function sampleXlsx(): Buffer {
  return openXmlPackage(
    'xl/workbook.xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`,
  );
}

export function samplePptx(): Buffer {
  return openXmlPackage(
    'ppt/presentation.xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    `${XML}<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`,
  );
}

/** A macro-enabled Word document (.docm): an Office format we do not accept. */
export function sampleDocm(): Buffer {
  return openXmlPackage(
    'word/document.xml',
    'application/vnd.ms-word.document.macroEnabled.main+xml',
    `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`,
  );
}

/** OpenDocument text: an uncompressed `mimetype` entry first is what identifies it. */
export function sampleOdt(): Buffer {
  return zipFile([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
    {
      name: 'META-INF/manifest.xml',
      data: `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
    },
    {
      name: 'content.xml',
      data: `${XML}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>Sample</text:p></office:text></office:body></office:document-content>`,
    },
  ]);
}

/** An ordinary ZIP archive with a text file in it. */
export function samplePlainZip(): Buffer {
  return zipFile([{ name: 'notes.txt', data: 'Just an archive.' }]);
}

// --- Images ------------------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 PNG of the given RGB colour. */
export function samplePng(rgb: readonly [number, number, number] = [200, 30, 40]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  const scanline = Buffer.from([0, ...rgb]); // filter type 0, then one pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A valid 8×8 mid-grey baseline JPEG: one block whose DC difference and AC run are both coded with
 * one-bit Huffman codes (category 0, end-of-block), so the entropy-coded data is a single byte.
 */
export function sampleJpeg(): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, ...u16(body.length + 2), ...body];
  const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
  const jfif = [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, ...u16(1), ...u16(1), 0, 0];
  const quant = [0x00, ...Array<number>(64).fill(1)];
  const frame = [8, ...u16(8), ...u16(8), 1, 1, 0x11, 0]; // 8-bit, 8×8, one component, 1×1 sampling, table 0
  const oneCode = (tableClass: number) => [tableClass, 1, ...Array<number>(15).fill(0), 0x00];
  const scan = [1, 1, 0x00, 0, 63, 0]; // one component using DC table 0 and AC table 0, full spectrum
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, jfif),
    ...segment(0xdb, quant),
    ...segment(0xc0, frame),
    ...segment(0xc4, oneCode(0x00)),
    ...segment(0xc4, oneCode(0x10)),
    ...segment(0xda, scan),
    0b00111111, // DC "0" + EOB "0", padded with ones
    0xff, 0xd9,
  ]); // prettier-ignore
}

/** A valid 1×1 lossless WebP (the image browsers' own feature tests decode). */
export function sampleWebp(): Buffer {
  return Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
}

// --- Things that must be refused ---------------------------------------------------------------

export function sampleSvg(): Buffer {
  return Buffer.from(
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>\n',
  );
}

export function sampleSvgWithoutXmlDeclaration(): Buffer {
  return Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n');
}

export function sampleHtml(): Buffer {
  return Buffer.from(
    '<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n',
  );
}

/** The start of a Windows executable: "MZ" DOS header pointing at a "PE\0\0" signature. */
export function sampleExe(): Buffer {
  const exe = Buffer.alloc(256);
  exe.write('MZ', 0, 'ascii');
  exe.writeUInt32LE(0x80, 0x3c); // e_lfanew
  exe.write('This program cannot be run in DOS mode.', 0x4e, 'ascii');
  exe.write('PE\0\0', 0x80, 'binary');
  exe.writeUInt16LE(0x14c, 0x84); // i386
  return exe;
}
