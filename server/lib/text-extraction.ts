import path from 'node:path';
import mammoth from 'mammoth';
import { definePDFJSModule, extractText as extractPdfText, getDocumentProxy } from 'unpdf';

/** Enough for search over a long report; more would only bloat the index document. */
export const MAX_EXTRACTED_CHARS = 200_000;

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type ExtractionOptions = Readonly<{
  /** Told why a file gave no text (corrupt, encrypted…), so the caller can log it; extraction itself never throws. */
  onError?: (error: unknown) => void;
}>;

let pdfjsReady: Promise<void> | undefined;

/**
 * unpdf loads its PDF.js bundle with a dynamic import(), which Jest's CommonJS sandbox refuses
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG). Requiring the bundle file works everywhere we run:
 * Node ≥ 20.19 loads ES modules through require(), and Jest transforms it. A failed load is retried next time.
 */
function loadPdfjs(): Promise<void> {
  pdfjsReady ??= definePDFJSModule(() => {
    const bundle = path.join(path.dirname(require.resolve('unpdf')), 'pdfjs.mjs');
    return Promise.resolve(require(bundle) as unknown); // eslint-disable-line @typescript-eslint/no-require-imports
  }).catch((err: unknown) => {
    pdfjsReady = undefined;
    throw err;
  });
  return pdfjsReady;
}

async function pdfText(buffer: Buffer): Promise<string> {
  await loadPdfjs();
  // A copy: pdf.js may transfer (detach) the array it is given. Eval stays off for hostile files.
  const pdf = await getDocumentProxy(new Uint8Array(buffer), { verbosity: 0, isEvalSupported: false });
  try {
    return (await extractPdfText(pdf, { mergePages: true })).text;
  } finally {
    await pdf.destroy();
  }
}

async function docxText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

function tidy(text: string): string {
  const cleaned = text
    .replace(/\0/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (cleaned.length <= MAX_EXTRACTED_CHARS) return cleaned;
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(cleaned[MAX_EXTRACTED_CHARS - 1] ?? '')
    ? MAX_EXTRACTED_CHARS - 1
    : MAX_EXTRACTED_CHARS;
  return cleaned.slice(0, end);
}

/**
 * The words in an attachment, for the search index: PDF and DOCX are read, other types give ''.
 * A corrupt or unreadable file gives '' (and `onError` hears why) so it never blocks saving a practice.
 */
export async function extractText(buffer: Buffer, mimeType: string, options: ExtractionOptions = {}): Promise<string> {
  try {
    if (mimeType === PDF) return tidy(await pdfText(buffer));
    if (mimeType === DOCX) return tidy(await docxText(buffer));
    return '';
  } catch (error) {
    options.onError?.(error);
    return '';
  }
}
