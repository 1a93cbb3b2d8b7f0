import type { Response } from 'express';
import { editionJson } from '../exports/json';
import { editionMarkdown } from '../exports/markdown';
import { editionPdf } from '../exports/pdf';
import { presentEdition, type PresentedEdition } from '../exports/present';
import type { ProposalsService } from '../use-cases/service';

export const DOWNLOAD_FORMATS = ['pdf', 'md', 'json'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** The edition in the request's language, every label resolved. */
export async function presented(
  proposals: ProposalsService,
  res: Response,
  id: string,
  baseUrl: string,
): Promise<PresentedEdition> {
  const doc = await proposals.document(res.locals.user, id, res.locals.locale);
  return presentEdition(doc, { t: res.locals.t, locale: res.locals.locale, baseUrl });
}

/** "decode-proposals-edition-1.pdf"; a draft's preview says it is one. */
const filename = (e: PresentedEdition, format: DownloadFormat) =>
  `decode-proposals-${e.status === 'published' ? 'edition' : 'draft'}-${e.number}.${format}`;

/**
 * Sends one export. A published edition never changes, so its files may be cached; a draft's preview is
 * the curators' and is never stored by a shared cache.
 */
export async function renderDownload(
  proposals: ProposalsService,
  res: Response,
  id: string,
  format: DownloadFormat,
  baseUrl: string,
): Promise<void> {
  const doc = await proposals.document(res.locals.user, id, res.locals.locale);
  const edition = presentEdition(doc, { t: res.locals.t, locale: res.locals.locale, baseUrl });
  res.attachment(filename(edition, format));
  res.setHeader('Cache-Control', edition.status === 'published' ? 'private, max-age=300' : 'private, no-store');
  res.setHeader('Content-Language', res.locals.locale);
  if (format === 'md') {
    res.type('text/markdown; charset=utf-8').send(editionMarkdown(edition));
  } else if (format === 'json') {
    res
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(editionJson(doc, { baseUrl, editionLabel: edition.editionLabel }), null, 2));
  } else {
    const pdf = await editionPdf(edition, {
      lang: res.locals.locale,
      pageLabel: (page, pages) => res.locals.t('proposals.doc.page', { page, pages }),
    });
    res.type('application/pdf').send(pdf);
  }
}
