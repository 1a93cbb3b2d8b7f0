import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Translate } from '../../lib/i18n';
import { markdownToPlainText } from '../../lib/markdown';
import type { Formatters } from '../practices';
import type { PracticeView } from '../practices';

// DejaVu Sans ships in an npm package (dejavu-fonts-ttf), so every machine embeds the same font, with
// every letter of the partner languages (ā ė ł ș ț ø å ß …); pdfkit's built-in Helvetica has none of them.
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process: every PDF embeds a subset of the same two files. */
const fontBuffers = () => (fonts ??= { regular: fs.readFileSync(FONT_FILES.regular), bold: fs.readFileSync(FONT_FILES.bold) });

const INK = '#1c2430';
const MUTED = '#5b6675';
const ACCENT = '#0b5cad';

// The plain-text rendering drops list markers; on paper a list keeps its bullets.
const withBullets = (markdown: string) => markdown.replace(/^(\s*)(?:[-*+]|\d+[.)])\s+/gm, '$1• ');

export type PdfContext = { t: Translate; fmt: Formatters; url: string; generatedAt: Date };

/**
 * A practice as an A4 PDF: the same view model as the practice page (so the same copy and the same
 * fields the reader may see), laid out for print. Markdown sections are written as plain text.
 */
export function practicePdf(practice: PracticeView, ctx: PdfContext): Promise<Buffer> {
  const { t, fmt } = ctx;
  const c = practice.content;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: c.title, Subject: c.summary.slice(0, 200), Creator: t('app.name') },
    lang: practice.language?.code ?? 'en',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontBuffers().regular);
  doc.registerFont('bold', fontBuffers().bold);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(12.5).fillColor(ACCENT).text(text, left, doc.y, { width });
    doc.moveDown(0.25).font('body').fontSize(10.5).fillColor(INK);
  };
  const paragraph = (text: string) => doc.font('body').fontSize(10.5).fillColor(INK).text(text, left, doc.y, { width, lineGap: 2 });

  doc.font('body').fontSize(9).fillColor(MUTED).text(t('app.name'), { width });
  doc.moveDown(0.4).font('bold').fontSize(19).fillColor(INK).text(c.title, { width });
  if (c.summary) doc.moveDown(0.4).font('body').fontSize(11.5).fillColor(INK).text(c.summary, { width, lineGap: 2 });

  const facts: [string, string][] = [[t('practices.field.place'), `${practice.city.name}, ${practice.country.name}`]];
  const period = c.period ?? { ongoing: false };
  if (period.startYear || period.endYear || period.ongoing)
    facts.push([t('practices.section.period'), `${period.startYear ?? '…'}–${period.ongoing ? t('practices.show.ongoing') : (period.endYear ?? '…')}`]);
  if (practice.themes.length > 0) facts.push([t('practices.field.themes'), practice.themes.map((x) => x.label).join(', ')]);
  if (practice.targetGroups.length > 0) facts.push([t('practices.field.target_groups'), practice.targetGroups.map((x) => x.label).join(', ')]);
  if (typeof c.budget?.amountEur === 'number') facts.push([t('practices.field.amount_eur'), fmt.money(c.budget.amountEur)]);
  if (c.budget?.fundingSources) facts.push([t('practices.field.funding_sources'), c.budget.fundingSources]);
  if (c.stakeholders) facts.push([t('practices.field.stakeholders'), c.stakeholders]);
  if (practice.language) facts.push([t('practices.field.language'), practice.language.name]);
  if (practice.event) facts.push([t('practices.field.event'), `${practice.event.title} (${practice.event.cityName ?? ''} ${practice.event.year})`]);
  if (practice.firstPublishedAt) facts.push([t('practices.show.published_on'), fmt.date(practice.firstPublishedAt)]);
  if (practice.status && practice.status !== 'published') facts.push([t('exports.pdf.status'), t(`practices.status.${practice.status}`)]);

  doc.moveDown(0.8);
  const labelWidth = 130;
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font('bold').fontSize(9.5).fillColor(MUTED).text(label, left, y, { width: labelWidth - 8 });
    const afterLabel = doc.y;
    doc.font('body').fontSize(10).fillColor(INK).text(value, left + labelWidth, y, { width: width - labelWidth });
    doc.y = Math.max(doc.y, afterLabel) + 3;
  }

  for (const section of ['description', 'results', 'transferability', 'lessons'] as const) {
    const text = markdownToPlainText(withBullets(c[section] ?? ''));
    const indicators = section === 'results' ? (c.indicators ?? []) : [];
    if (!text && indicators.length === 0) continue;
    heading(t(`practices.field.${section}`));
    if (text) paragraph(text);
    if (indicators.length > 0) {
      doc.moveDown(0.5).font('bold').fontSize(10).fillColor(INK).text(t('practices.section.indicators'), left, doc.y, { width });
      for (const row of indicators) {
        const baseline = typeof row.baseline === 'number' ? `${fmt.number(row.baseline)} → ` : '';
        doc.font('body').fontSize(10).text(`• ${row.name}: ${baseline}${fmt.number(row.value)} ${row.unit ?? ''} (${row.year ?? ''})`, left, doc.y, { width });
      }
    }
  }

  if ((c.sources ?? []).length > 0) {
    heading(t('practices.section.sources'));
    for (const source of c.sources) doc.text(`• ${source.title} — ${source.url}`, left, doc.y, { width, link: source.url });
  }
  const contact = c.contact ?? {};
  if (contact.name || contact.organisation || contact.email) {
    heading(t('practices.section.contact'));
    // contentJson left the e-mail out for readers who may not see it.
    paragraph([contact.name, contact.organisation, contact.email].filter(Boolean).join('\n'));
  }
  if ((c.attachments ?? []).length > 0) {
    heading(t('exports.pdf.attachments'));
    for (const a of c.attachments) doc.text(`• ${a.originalName} (${fmt.size(a.size)})`, left, doc.y, { width });
  }

  // Every page: where the practice lives online, when this copy was made, and the page number.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Inside the bottom margin: with the margin in force, pdfkit would start a new page for the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - bottom + 24;
    const footer = `${ctx.url} · ${t('exports.pdf.generated', { date: fmt.date(ctx.generatedAt) })} · ${t('exports.pdf.page', { page: i + 1, pages: range.count })}`;
    doc.font('body').fontSize(8).fillColor(MUTED).text(footer, left, y, { width, align: 'center', lineBreak: false, height: 12 });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
