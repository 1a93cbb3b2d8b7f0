import type { Translate } from '../../../lib/i18n';
import { renderMarkdown, renderPlainText } from '../../../lib/markdown';
import {
  indicatorText,
  monthYear,
  periodText,
  type EditionDocument,
  type NumberedReference,
} from '../domain/edition-document';

/**
 * An edition's document with every label resolved in the reader's language: what the page, the print view,
 * the PDF and the Markdown export all print, so they cannot disagree. Markdown texts come with their
 * sanitised HTML for the pages.
 */

export type Text = { markdown: string; html: string };

export type PresentedAction = { n: number; text: Text; meta: string[] };

export type PresentedRecommendation = {
  n: number;
  id: string;
  revision: number;
  anchor: string;
  title: string;
  summary: string;
  summaryHtml: string;
  facts: { label: string; value: string }[];
  problem: Text;
  actions: PresentedAction[];
  preconditions: Text;
  risks: Text;
  indicators: string[];
  evidence: { ref: number; anchor: string; reason: string; indicators: string[] }[];
};

export type PresentedReference = {
  n: number;
  anchor: string;
  practiceId: string;
  url: string;
  title: string;
  place: string;
  details: string[];
  note: string | undefined;
};

export type PresentedEdition = {
  id: string;
  status: 'draft' | 'published';
  number: number;
  demo: boolean;
  title: string;
  /** "Edition 1, November 2019" (a draft: "Draft of edition 2"). */
  editionLabel: string;
  publishedAt: Date | undefined;
  introduction: Text;
  groups: { anchor: string; label: string; recommendations: PresentedRecommendation[] }[];
  references: PresentedReference[];
  recommendationCount: number;
  /** Where the edition and each practice live on the web (absolute). */
  url: string;
  labels: Record<
    | 'contents'
    | 'introduction'
    | 'references'
    | 'problem'
    | 'actions'
    | 'preconditions'
    | 'risks'
    | 'indicators'
    | 'evidence'
    | 'draftNotice'
    | 'demoNotice'
    | 'generatedFrom',
    string
  >;
};

const text = (markdown: string): Text => ({ markdown, html: renderMarkdown(markdown) });

export function presentEdition(
  doc: EditionDocument,
  ctx: { t: Translate; locale: string; baseUrl: string },
): PresentedEdition {
  const { t, locale, baseUrl } = ctx;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const fmt = (n: number) => number.format(n);
  const list = (prefix: string, values: readonly string[] | undefined) =>
    (values ?? []).map((v) => t(`${prefix}.${v}`)).join(', ');
  const editionUrl = `${baseUrl}/proposals/${doc.id}`;

  const reference = (r: NumberedReference): PresentedReference => {
    const period = periodText(r.period, (start) => t('proposals.doc.since', { year: start }));
    return {
      n: r.n,
      anchor: `reference-${r.n}`,
      practiceId: r.practiceId,
      url: `${baseUrl}/practices/${r.practiceId}`,
      title: r.title,
      place: [r.cityName, r.country].filter(Boolean).join(', ') + (period ? `, ${period}` : ''),
      details: r.indicators.map((i) => indicatorText(i, fmt)),
      note: !r.standing
        ? t('proposals.doc.reference_withdrawn')
        : r.illustrative
          ? t('proposals.doc.reference_illustrative')
          : undefined,
    };
  };

  return {
    id: doc.id,
    status: doc.status,
    number: doc.number,
    demo: doc.demo,
    title: doc.title,
    editionLabel:
      doc.status === 'published' && doc.publishedAt
        ? t('proposals.edition_label', { number: doc.number, date: monthYear(doc.publishedAt, locale) })
        : t('proposals.draft_label', { number: doc.number }),
    publishedAt: doc.publishedAt,
    introduction: text(doc.introduction),
    groups: doc.groups.map((g) => ({
      anchor: g.anchor,
      label: g.label ?? t('proposals.doc.no_group'),
      recommendations: g.recommendations.map((r): PresentedRecommendation => {
        const x = r.text;
        const facts = [
          ...(x.priority
            ? [{ label: t('recommendations.field.priority'), value: t(`recommendations.priority.${x.priority}`) }]
            : []),
          ...(x.suits?.populationBands?.length
            ? [
                {
                  label: t('recommendations.field.suits.populationBands'),
                  value: list('recommendations.population', x.suits.populationBands),
                },
              ]
            : []),
          ...(x.suits?.trends?.length
            ? [{ label: t('recommendations.field.suits.trends'), value: list('recommendations.trend', x.suits.trends) }]
            : []),
          ...(x.suits?.roles?.length
            ? [
                {
                  label: t('recommendations.field.suits.roles'),
                  value: list('recommendations.role_in_region', x.suits.roles),
                },
              ]
            : []),
        ];
        return {
          n: r.n,
          id: r.id,
          revision: r.revision,
          anchor: r.anchor,
          title: x.title,
          summary: x.summary,
          summaryHtml: renderPlainText(x.summary),
          facts,
          problem: text(x.problem),
          actions: x.actions.map((a, i) => ({
            n: i + 1,
            text: text(a.text),
            meta: [
              ...(a.lead ? [`${t('recommendations.field.actions.lead')}: ${a.lead}`] : []),
              t(`recommendations.cost.${a.costBand}`),
              t(`recommendations.horizon.${a.horizon}`),
            ],
          })),
          preconditions: text(x.preconditions),
          risks: text(x.risks),
          indicators: x.indicators.map(
            (i) => `${i.name} (${i.unit}): ${t(`recommendations.direction.${i.direction}`)}`,
          ),
          evidence: r.evidence.map((e) => ({
            ref: e.ref,
            anchor: `reference-${e.ref}`,
            reason: e.reason,
            indicators: e.indicators,
          })),
        };
      }),
    })),
    references: doc.references.map(reference),
    recommendationCount: doc.recommendationCount,
    url: editionUrl,
    labels: {
      contents: t('proposals.doc.contents'),
      introduction: t('proposals.doc.introduction'),
      references: t('proposals.doc.references'),
      problem: t('recommendations.field.problem'),
      actions: t('recommendations.field.actions'),
      preconditions: t('recommendations.field.preconditions'),
      risks: t('recommendations.field.risks'),
      indicators: t('proposals.doc.indicators'),
      evidence: t('proposals.doc.evidence'),
      draftNotice: t('proposals.doc.draft_notice'),
      demoNotice: t('proposals.doc.demo_notice'),
      generatedFrom: t('proposals.doc.generated_from', { url: editionUrl }),
    },
  };
}
