import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { NETWORK_EVENTS } from '../../server/features/events';
import { NETWORK_CITIES } from '../../server/features/network';
import type { DemoContent } from './demo-types';

export const DEMO_PDF_MARK = 'Demo data — generated for the DeCoDe knowledge base';

/**
 * pdfkit's built-in Helvetica only covers Windows-1252, so it cannot draw ā, ł, ș or ț. A TrueType font with
 * Latin Extended-A is embedded instead, so the PDFs carry the partner languages' real letters and their
 * extracted text can be searched as written. The first one found wins; DEMO_PDF_FONT names another.
 */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', // Debian, Ubuntu
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', // Fedora
  '/usr/share/fonts/TTF/DejaVuSans.ttf', // Arch
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

export type PdfFonts = { regular: string; bold: string } | undefined;

/** The embeddable font pair, or undefined when only the built-in fonts are available. */
export function findPdfFonts(env: NodeJS.ProcessEnv = process.env): PdfFonts {
  const candidates = env.DEMO_PDF_FONT ? [env.DEMO_PDF_FONT, ...FONT_CANDIDATES] : FONT_CANDIDATES;
  const regular = candidates.find((file) => fs.existsSync(file));
  if (!regular) return undefined;
  // DejaVuSans.ttf → DejaVuSans-Bold.ttf, NotoSans-Regular.ttf → NotoSans-Bold.ttf; the regular face otherwise.
  const dir = path.dirname(regular);
  const base = path.basename(regular, '.ttf').replace(/-Regular$/, '');
  const bold = [`${base}-Bold.ttf`, `${base}bd.ttf`]
    .map((name) => path.join(dir, name))
    .find((file) => fs.existsSync(file));
  return { regular, bold: bold ?? regular };
}

const cityName = (slug: string) => NETWORK_CITIES.find((c) => c.slug === slug)?.name ?? slug;
const countryName = (code: string) => NETWORK_CITIES.find((c) => c.country === code)?.countryName ?? code;
const eventTitle = (slug: string | undefined) => {
  const event = slug ? NETWORK_EVENTS.find((e) => e.slug === slug) : undefined;
  return event
    ? `${cityName(event.citySlug)}, ${String(event.month).padStart(2, '0')}/${event.year}: ${event.title}`
    : undefined;
};

const formatNumber = (n: number) => n.toLocaleString('en-GB');

// Windows-1252 beyond Latin-1: what the built-in fonts can still draw.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const BASE_LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H' };

/** For the built-in fonts only: letters they cannot draw lose their marks (ā → a, Ł → L), case kept. */
export function toWinAnsi(text: string): string {
  return Array.from(text, (ch) => {
    if (ch.charCodeAt(0) <= 0xff || CP1252_EXTRA.has(ch)) return ch;
    return BASE_LETTERS[ch] ?? ch.normalize('NFKD').replace(/\p{M}+/gu, '');
  }).join('');
}

/** Markdown-free plain text for the sheet: tables, emphasis and list markers are not drawn. */
const plain = (markdown: string) =>
  markdown
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*[-*]\s+/gm, '• ')
    // Markdown joins wrapped lines of a paragraph; so does the sheet.
    .replace(/([^\n])\n(?!\n|• |\d+\. )/g, '$1 ')
    .trim();

export type SummarySheet = { buffer: Buffer; filename: string; unicode: boolean };

/**
 * A one-page summary sheet of a documented practice: what it is, its indicators as a table and its sources,
 * marked as demo data on every page. Deterministic for the same input (fixed creation date), so re-seeding
 * writes the same bytes.
 */
export async function renderSummarySheet(
  content: DemoContent,
  options: { fonts?: PdfFonts; date?: string; filenameBase: string },
): Promise<SummarySheet> {
  const fonts = options.fonts;
  // Without an embeddable font, letters outside Windows-1252 are folded to their base letter rather than lost.
  const txt = fonts ? (s: string) => s : toWinAnsi;
  const created = options.date ? new Date(`${options.date}T12:00:00Z`) : new Date('2020-01-01T12:00:00Z');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: 55, right: 55 },
    info: {
      Title: txt(content.title),
      Author: 'DeCoDe knowledge base (demo data)',
      Subject: DEMO_PDF_MARK,
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (fonts) {
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
  } else {
    doc.registerFont('body', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const banner = () => {
    const y = doc.y;
    doc.save().rect(left, y, width, 22).fill('#fdecea').restore();
    doc
      .font('bold')
      .fontSize(10)
      .fillColor('#9b1c1c')
      .text(txt(DEMO_PDF_MARK), left + 8, y + 6, { width: width - 16 });
    doc.fillColor('#000000').moveDown(1.2);
  };
  doc.on('pageAdded', () => banner());

  doc
    .font('body')
    .fontSize(9)
    .fillColor('#555555')
    .text('DeCoDe — Depopulation: the challenge of regional centres · practice summary sheet');
  doc.moveDown(0.5);
  banner();

  doc.font('bold').fontSize(17).fillColor('#000000').text(txt(content.title), { width });
  doc.moveDown(0.4);
  const period = `${content.period.startYear}–${content.period.ongoing ? 'ongoing' : (content.period.endYear ?? '')}`;
  const facts = [
    `${cityName(content.city)}, ${countryName(content.country)}`,
    `Period: ${period}`,
    `Language of the original: ${content.language}`,
  ];
  doc
    .font('body')
    .fontSize(10)
    .fillColor('#333333')
    .text(txt(facts.join('   ·   ')), { width });
  const event = eventTitle(content.event);
  if (event) doc.text(txt(`Presented at: ${event}`), { width });
  doc.moveDown(0.8);

  const heading = (label: string) => {
    doc.moveDown(0.4).font('bold').fontSize(12).fillColor('#1f3a5f').text(label, left, doc.y, { width });
    doc.moveDown(0.2).font('body').fontSize(10).fillColor('#000000');
  };

  heading('Summary');
  doc.text(txt(content.summary), { width, align: 'left' });

  if (content.indicators.length > 0) {
    heading('Indicators');
    indicatorTable(doc, content, { left, width, txt });
  }

  if (content.results) {
    heading('Results');
    doc.text(txt(plain(content.results.replace(/^\|.*\|$/gm, '').replace(/\n{3,}/g, '\n\n'))), { width });
  }

  heading('Sources');
  for (const source of content.sources) doc.text(txt(`• ${source.title} — ${source.url}`), { width });

  doc.moveDown(1).font('body').fontSize(8).fillColor('#666666');
  doc.text(
    txt(
      'Generated by the seed script of the DeCoDe knowledge base; the text summarises the public sources above. Not an official ' +
        'document of the cities or organisations named. Contact addresses in the knowledge base use the reserved example.org domain.',
    ),
    { width },
  );
  if (!fonts)
    doc.text('No font with Latin Extended-A was available: diacritics are shown without their marks.', { width });

  doc.end();
  return { buffer: await finished, filename: `${options.filenameBase}-summary-sheet.pdf`, unicode: Boolean(fonts) };
}

function indicatorTable(
  doc: PDFKit.PDFDocument,
  content: DemoContent,
  layout: { left: number; width: number; txt: (s: string) => string },
): void {
  const { left, width, txt } = layout;
  const cols = [
    { label: 'Indicator', w: width * 0.46 },
    { label: 'Baseline', w: width * 0.13 },
    { label: 'Value', w: width * 0.13 },
    { label: 'Unit', w: width * 0.17 },
    { label: 'Year', w: width * 0.11 },
  ];
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'body').fontSize(9);
    const heights = cells.map((cell, i) => doc.heightOfString(txt(cell), { width: (cols[i]?.w ?? 0) - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    if (bold) doc.save().rect(left, y, width, h).fill('#e8eef5').restore();
    let x = left;
    cells.forEach((cell, i) => {
      doc.fillColor('#000000').text(txt(cell), x + 3, y + 3, { width: (cols[i]?.w ?? 0) - 6 });
      x += cols[i]?.w ?? 0;
    });
    doc
      .save()
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.5)
      .stroke('#b0b8c4')
      .restore();
    doc.x = left;
    doc.y = y + h;
  };
  row(
    cols.map((c) => c.label),
    true,
  );
  for (const ind of content.indicators) {
    row(
      [
        ind.name,
        ind.baseline === undefined ? '—' : formatNumber(ind.baseline),
        formatNumber(ind.value),
        ind.unit,
        String(ind.year),
      ],
      false,
    );
  }
  doc.moveDown(0.3);
}
