import PDFDocument from 'pdfkit';
import { marked, type Token, type Tokens } from 'marked';

/**
 * PDFs drawn on the server with pdfkit. pdfkit's built-in Helvetica covers Windows-1252 only, so it cannot
 * draw ā, ł, ș or ț: DejaVu Sans is embedded instead, from an npm package (dejavu-fonts-ttf), so every
 * machine produces the same PDF with every letter of the partner languages.
 */
export const PDF_FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
  boldItalic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf'),
} as const;

export type PdfDoc = PDFKit.PDFDocument;

export type PdfOptions = {
  title: string;
  subject?: string | undefined;
  author?: string | undefined;
  lang: string;
  /** The document date (a fixed date keeps a frozen document's bytes stable). */
  date?: Date | undefined;
};

/**
 * An A4 document with the embedded fonts registered as 'body', 'bold', 'italic' and 'bold-italic', and a
 * promise of its bytes once `doc.end()` is called. Pages are buffered, so footers can be added at the end.
 */
export function createPdf(options: PdfOptions): { doc: PdfDoc; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 64, left: 62, right: 62 },
    bufferPages: true,
    lang: options.lang,
    displayTitle: true,
    info: {
      Title: options.title,
      ...(options.subject ? { Subject: options.subject } : {}),
      ...(options.author ? { Author: options.author } : {}),
      ...(options.date ? { CreationDate: options.date, ModDate: options.date } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  doc.registerFont('italic', PDF_FONTS.italic);
  doc.registerFont('bold-italic', PDF_FONTS.boldItalic);
  doc.font('body');
  return { doc, bytes };
}

export type MarkdownStyle = { size: number; color: string; linkColor: string; width: number; x: number };

type Run = { text: string; bold: boolean; italic: boolean; link?: string | undefined };

const fontOf = (run: Pick<Run, 'bold' | 'italic'>) =>
  run.bold ? (run.italic ? 'bold-italic' : 'bold') : run.italic ? 'italic' : 'body';

const decode = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '',
  );

function runsOf(tokens: Token[] | undefined, style: Omit<Run, 'text'> = { bold: false, italic: false }): Run[] {
  const runs: Run[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        runs.push(...runsOf((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        runs.push(...runsOf((token as Tokens.Em).tokens, { ...style, italic: true }));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        // Only web and mail links become clickable; anything else is printed as its text.
        const href = /^(https?:|mailto:)/i.test(link.href) ? link.href : undefined;
        runs.push(...runsOf(link.tokens, { ...style, link: href }));
        break;
      }
      case 'br':
        runs.push({ ...style, text: '\n' });
        break;
      case 'codespan':
        runs.push({ ...style, text: decode((token as Tokens.Codespan).text) });
        break;
      case 'html':
      case 'image':
        break;
      default: {
        const t = token as { tokens?: Token[]; text?: string };
        if (t.tokens && t.tokens.length > 0) runs.push(...runsOf(t.tokens, style));
        else runs.push({ ...style, text: decode(t.text ?? '') });
      }
    }
  }
  return runs;
}

/** Writes runs as one flowing paragraph (pdfkit's `continued` text). */
function writeRuns(doc: PdfDoc, runs: Run[], style: MarkdownStyle, indent = 0): void {
  const parts = runs.filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  parts.forEach((run, i) => {
    doc
      .font(fontOf(run))
      .fontSize(style.size)
      .fillColor(run.link ? style.linkColor : style.color)
      .text(run.text, i === 0 ? style.x + indent : undefined, undefined, {
        width: style.width - indent,
        continued: i < parts.length - 1,
        lineGap: 2,
        ...(run.link ? { link: run.link, underline: true } : { link: null, underline: false }),
      });
  });
  doc.fillColor(style.color).font('body');
}

function writeBlocks(doc: PdfDoc, tokens: Token[], style: MarkdownStyle, indent: number): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
      case 'html':
        break;
      case 'heading': {
        const heading = token as Tokens.Heading;
        doc.moveDown(0.4);
        writeRuns(
          doc,
          runsOf(heading.tokens, { bold: true, italic: false }),
          { ...style, size: style.size + Math.max(0, 4 - heading.depth) },
          indent,
        );
        doc.moveDown(0.2);
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, i) => {
          const marker = list.ordered ? `${start + i}.` : '•';
          const y = doc.y;
          doc
            .font('body')
            .fontSize(style.size)
            .fillColor(style.color)
            .text(marker, style.x + indent, y, { width: 16, lineGap: 2 });
          doc.y = y;
          writeBlocks(doc, item.tokens, style, indent + 18);
        });
        doc.moveDown(0.3);
        break;
      }
      case 'blockquote':
        writeBlocks(doc, (token as Tokens.Blockquote).tokens, { ...style, color: '#4a5563' }, indent + 14);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[], bold: boolean) =>
          writeRuns(
            doc,
            cells.flatMap((cell, i) => [
              ...(i > 0 ? [{ text: '  |  ', bold: false, italic: false }] : []),
              ...runsOf(cell.tokens, { bold, italic: false }),
            ]),
            style,
            indent,
          );
        row(table.header, true);
        table.rows.forEach((cells) => row(cells, false));
        doc.moveDown(0.4);
        break;
      }
      case 'code':
        writeRuns(doc, [{ text: (token as Tokens.Code).text, bold: false, italic: false }], style, indent + 10);
        doc.moveDown(0.4);
        break;
      case 'text': {
        const text = token as Tokens.Text;
        writeRuns(
          doc,
          text.tokens ? runsOf(text.tokens) : [{ text: decode(text.text), bold: false, italic: false }],
          style,
          indent,
        );
        break;
      }
      default: {
        // paragraph and anything an extension adds
        const t = token as { tokens?: Token[]; text?: string };
        writeRuns(
          doc,
          t.tokens ? runsOf(t.tokens) : [{ text: decode(t.text ?? ''), bold: false, italic: false }],
          style,
          indent,
        );
        doc.moveDown(0.45);
      }
    }
  }
}

/**
 * Markdown (GFM) drawn into the document: paragraphs, headings, lists, emphasis and web links. Raw HTML
 * and images are left out; a PDF has no use for them and they are not the author's text.
 */
export function writeMarkdown(doc: PdfDoc, source: string, style: MarkdownStyle): void {
  if (!source.trim()) return;
  writeBlocks(doc, marked.lexer(source), style, 0);
}
