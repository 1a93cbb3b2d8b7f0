import type { PresentedEdition } from './present';

/** Plain text inside Markdown: characters that would start markup are escaped. */
export const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');

/** Markdown nested under a list item: continuation lines indented so they stay in the item. */
const indent = (markdown: string, by: string) => markdown.trim().replace(/\n/g, `\n${by}`);

/**
 * The edition as one Markdown file: title, table of contents, introduction, the recommendations by measure
 * group, and the practices behind them as numbered references (anchors let the numbers link).
 */
export function editionMarkdown(e: PresentedEdition): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const section = (heading: string, markdown: string) => {
    if (markdown.trim()) push(`#### ${escapeMarkdown(heading)}`, '', markdown.trim(), '');
  };

  push(`# ${escapeMarkdown(e.title)}`, '', `*${escapeMarkdown(e.editionLabel)}*`, '');
  if (e.status === 'draft') push(`> ${escapeMarkdown(e.labels.draftNotice)}`, '');
  if (e.demo) push(`> ${escapeMarkdown(e.labels.demoNotice)}`, '');

  push(`## ${escapeMarkdown(e.labels.contents)}`, '');
  push(`- [${escapeMarkdown(e.labels.introduction)}](#introduction)`);
  for (const group of e.groups) {
    push(`- [${escapeMarkdown(group.label)}](#${group.anchor})`);
    for (const r of group.recommendations) push(`  - [${r.n}. ${escapeMarkdown(r.title)}](#${r.anchor})`);
  }
  if (e.references.length > 0) push(`- [${escapeMarkdown(e.labels.references)}](#references)`);
  push('');

  push(
    '<a id="introduction"></a>',
    '',
    `## ${escapeMarkdown(e.labels.introduction)}`,
    '',
    e.introduction.markdown.trim(),
    '',
  );

  for (const group of e.groups) {
    push(`<a id="${group.anchor}"></a>`, '', `## ${escapeMarkdown(group.label)}`, '');
    for (const r of group.recommendations) {
      push(`<a id="${r.anchor}"></a>`, '', `### ${r.n}. ${escapeMarkdown(r.title)}`, '');
      if (r.summary) push(escapeMarkdown(r.summary), '');
      if (r.facts.length > 0)
        push(...r.facts.map((f) => `- **${escapeMarkdown(f.label)}:** ${escapeMarkdown(f.value)}`), '');
      section(e.labels.problem, r.problem.markdown);
      if (r.actions.length > 0) {
        push(`#### ${escapeMarkdown(e.labels.actions)}`, '');
        for (const a of r.actions)
          push(`${a.n}. ${indent(a.text.markdown, '   ')}`, `   *${escapeMarkdown(a.meta.join(' · '))}*`, '');
      }
      section(e.labels.preconditions, r.preconditions.markdown);
      section(e.labels.risks, r.risks.markdown);
      if (r.indicators.length > 0)
        push(
          `#### ${escapeMarkdown(e.labels.indicators)}`,
          '',
          ...r.indicators.map((i) => `- ${escapeMarkdown(i)}`),
          '',
        );
      if (r.evidence.length > 0) {
        push(`#### ${escapeMarkdown(e.labels.evidence)}`, '');
        for (const ev of r.evidence) {
          const shows = ev.indicators.length > 0 ? ` (${ev.indicators.map(escapeMarkdown).join('; ')})` : '';
          push(`- [\\[${ev.ref}\\]](#${ev.anchor}) ${escapeMarkdown(ev.reason)}${shows}`);
        }
        push('');
      }
    }
  }

  if (e.references.length > 0) {
    push('<a id="references"></a>', '', `## ${escapeMarkdown(e.labels.references)}`, '');
    for (const ref of e.references) {
      const details = [...ref.details, ...(ref.note ? [ref.note] : [])].map(escapeMarkdown).join('; ');
      push(
        `${ref.n}. <a id="${ref.anchor}"></a>**${escapeMarkdown(ref.title)}**, ${escapeMarkdown(ref.place)}.${details ? ` ${details}.` : ''} <${ref.url}>`,
      );
    }
    push('');
  }
  push('---', '', `*${escapeMarkdown(e.labels.generatedFrom)}*`, '');
  return out.join('\n');
}
