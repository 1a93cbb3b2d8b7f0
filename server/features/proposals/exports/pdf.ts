import { createPdf, writeMarkdown, type MarkdownStyle, type PdfDoc } from '../../../lib/pdf';
import type { PresentedEdition, PresentedRecommendation } from './present';

const INK = '#1c2430';
const MUTED = '#5b6675';
const ACCENT = '#0b5cad';
const BODY = 10.5;
const TOC_LINES_PER_PAGE = 34;

/**
 * The edition as an A4 PDF, drawn on the server: a title page, a table of contents with page numbers and
 * links, the introduction, each measure group from a new page, and the cited practices as numbered
 * references. Bookmarks follow the contents; every page has a footer with the edition and page number.
 */
export function editionPdf(
  e: PresentedEdition,
  options: { lang: string; pageLabel: (page: number, pages: number) => string },
): Promise<Buffer> {
  const { doc, bytes } = createPdf({
    title: `${e.title}, ${e.editionLabel}`,
    subject: e.editionLabel,
    author: 'DeCoDe network',
    lang: options.lang,
    // A published edition is frozen: the same bytes every time it is downloaded.
    date: e.publishedAt,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const style = (over: Partial<MarkdownStyle> = {}): MarkdownStyle => ({
    size: BODY,
    color: INK,
    linkColor: ACCENT,
    width,
    x: left,
    ...over,
  });
  const ensureRoom = (points: number) => {
    if (doc.y + points > bottom()) doc.addPage();
  };
  const heading = (label: string, size: number, color = INK) => {
    ensureRoom(size * 4);
    doc.font('bold').fontSize(size).fillColor(color).text(label, left, doc.y, { width });
    doc.moveDown(0.35).font('body').fontSize(BODY).fillColor(INK);
  };
  const notice = (label: string) =>
    doc.font('italic').fontSize(BODY).fillColor(MUTED).text(label, left, doc.y, { width }).moveDown(0.4);

  // Title page.
  doc.moveDown(8);
  doc.font('body').fontSize(11).fillColor(MUTED).text('DeCoDe', left, doc.y, { width });
  doc.moveDown(0.6).font('bold').fontSize(26).fillColor(INK).text(e.title, { width });
  doc.moveDown(0.6).font('body').fontSize(15).fillColor(ACCENT).text(e.editionLabel, { width });
  doc.moveDown(2);
  if (e.status === 'draft') notice(e.labels.draftNotice);
  if (e.demo) notice(e.labels.demoNotice);

  // The contents come next; their pages are reserved now and written once the page numbers are known.
  const tocEntries = 2 + e.groups.length + e.recommendationCount + (e.references.length > 0 ? 1 : 0);
  const tocPages = Math.max(1, Math.ceil(tocEntries / TOC_LINES_PER_PAGE));
  const tocStart = doc.bufferedPageRange().count;
  for (let i = 0; i < tocPages; i += 1) doc.addPage();

  const pageOf = new Map<string, number>();
  const outline = doc.outline;
  const mark = (anchor: string, label: string, parent: PDFKit.PDFOutline = outline) => {
    doc.addNamedDestination(anchor, 'XYZ', doc.page.margins.left, doc.y, null);
    pageOf.set(anchor, doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
    return parent.addItem(label);
  };

  doc.addPage();
  mark('introduction', e.labels.introduction);
  heading(e.labels.introduction, 18);
  writeMarkdown(doc, e.introduction.markdown, style());

  for (const group of e.groups) {
    doc.addPage();
    const item = mark(group.anchor, group.label);
    heading(group.label, 18, ACCENT);
    group.recommendations.forEach((r, i) => {
      if (i > 0) ensureRoom(160);
      recommendation(doc, e, r, item, { mark, heading, style, width, left });
    });
  }

  if (e.references.length > 0) {
    doc.addPage();
    mark('references', e.labels.references);
    heading(e.labels.references, 18);
    for (const ref of e.references) {
      ensureRoom(50);
      doc.addNamedDestination(ref.anchor, 'XYZ', left, doc.y, null);
      const y = doc.y;
      doc.font('bold').fontSize(BODY).fillColor(INK).text(`[${ref.n}]`, left, y, { width: 30 });
      doc.text(ref.title, left + 32, y, { width: width - 32 });
      doc
        .font('body')
        .fillColor(MUTED)
        .text(ref.place, left + 32, doc.y, { width: width - 32 });
      for (const line of [...ref.details, ...(ref.note ? [ref.note] : [])])
        doc.fillColor(INK).text(line, left + 32, doc.y, { width: width - 32 });
      doc.fillColor(ACCENT).text(ref.url, left + 32, doc.y, { width: width - 32, link: ref.url, underline: false });
      doc.moveDown(0.6);
    }
  }

  // The contents, now that every page number is known.
  doc.switchToPage(tocStart);
  doc.y = doc.page.margins.top;
  heading(e.labels.contents, 18);
  const tocLine = (label: string, anchor: string, indent: number, bold: boolean) => {
    const y = doc.y;
    const page = String((pageOf.get(anchor) ?? 0) + 1);
    doc
      .font(bold ? 'bold' : 'body')
      .fontSize(BODY)
      .fillColor(INK);
    doc.text(label, left + indent, y, { width: width - indent - 40, goTo: anchor });
    const after = doc.y;
    doc.text(page, left + width - 36, y, { width: 36, align: 'right', goTo: anchor });
    doc.y = Math.max(after, doc.y) + 3;
  };
  let tocPage = tocStart;
  const entry = (label: string, anchor: string, indent: number, bold: boolean) => {
    if (doc.y + 24 > bottom() && tocPage < tocStart + tocPages - 1) {
      tocPage += 1;
      doc.switchToPage(tocPage);
      doc.y = doc.page.margins.top;
    }
    tocLine(label, anchor, indent, bold);
  };
  entry(e.labels.introduction, 'introduction', 0, true);
  for (const group of e.groups) {
    entry(group.label, group.anchor, 0, true);
    for (const r of group.recommendations) entry(`${r.n}. ${r.title}`, r.anchor, 16, false);
  }
  if (e.references.length > 0) entry(e.labels.references, 'references', 0, true);

  // Footers on every page but the title page.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 24;
    doc.font('body').fontSize(8.5).fillColor(MUTED);
    doc.text(`${e.title} · ${e.editionLabel}`, left, y, {
      width: width - 90,
      lineBreak: false,
      height: 12,
      ellipsis: true,
    });
    doc.text(options.pageLabel(i + 1, range.count), left + width - 90, y, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return bytes;
}

type Helpers = {
  mark: (anchor: string, label: string, parent?: PDFKit.PDFOutline) => PDFKit.PDFOutline;
  heading: (label: string, size: number, color?: string) => void;
  style: (over?: Partial<MarkdownStyle>) => MarkdownStyle;
  width: number;
  left: number;
};

function recommendation(
  doc: PdfDoc,
  e: PresentedEdition,
  r: PresentedRecommendation,
  parent: PDFKit.PDFOutline,
  h: Helpers,
): void {
  const { left, width, style } = h;
  doc.moveDown(0.8);
  h.mark(r.anchor, `${r.n}. ${r.title}`, parent);
  h.heading(`${r.n}. ${r.title}`, 14);
  if (r.summary)
    doc
      .font('italic')
      .fontSize(BODY + 0.5)
      .fillColor(INK)
      .text(r.summary, left, doc.y, { width, lineGap: 2 })
      .moveDown(0.5);
  for (const fact of r.facts) {
    doc.font('bold').fontSize(BODY).fillColor(INK).text(`${fact.label}: `, left, doc.y, { width, continued: true });
    doc.font('body').text(fact.value);
  }
  if (r.facts.length > 0) doc.moveDown(0.4);
  const sub = (label: string) => h.heading(label, 11.5, ACCENT);
  if (r.problem.markdown.trim()) {
    sub(e.labels.problem);
    writeMarkdown(doc, r.problem.markdown, style());
  }
  if (r.actions.length > 0) {
    sub(e.labels.actions);
    for (const a of r.actions) {
      const y = doc.y;
      doc.font('bold').fontSize(BODY).fillColor(INK).text(`${a.n}.`, left, y, { width: 18 });
      doc.y = y;
      writeMarkdown(doc, a.text.markdown, style({ x: left + 20, width: width - 20 }));
      doc
        .font('body')
        .fontSize(BODY - 1)
        .fillColor(MUTED)
        .text(a.meta.join(' · '), left + 20, doc.y, { width: width - 20 })
        .moveDown(0.4);
    }
  }
  if (r.preconditions.markdown.trim()) {
    sub(e.labels.preconditions);
    writeMarkdown(doc, r.preconditions.markdown, style());
  }
  if (r.risks.markdown.trim()) {
    sub(e.labels.risks);
    writeMarkdown(doc, r.risks.markdown, style());
  }
  if (r.indicators.length > 0) {
    sub(e.labels.indicators);
    for (const line of r.indicators)
      doc.font('body').fontSize(BODY).fillColor(INK).text(`• ${line}`, left, doc.y, { width });
    doc.moveDown(0.4);
  }
  if (r.evidence.length > 0) {
    sub(e.labels.evidence);
    for (const ev of r.evidence) {
      const y = doc.y;
      doc.font('bold').fontSize(BODY).fillColor(ACCENT).text(`[${ev.ref}]`, left, y, { width: 30, goTo: ev.anchor });
      const shows = ev.indicators.length > 0 ? ` (${ev.indicators.join('; ')})` : '';
      doc
        .font('body')
        .fillColor(INK)
        .text(`${ev.reason}${shows}`, left + 32, y, { width: width - 32, lineGap: 2 });
      doc.moveDown(0.25);
    }
  }
}
