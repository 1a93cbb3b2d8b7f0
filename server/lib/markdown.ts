import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * The one Markdown pipeline: everything users write in Markdown is rendered here and nowhere else.
 * Two independent layers, so a gap in one is caught by the other:
 *  1. the Markdown renderer never emits raw HTML (it is shown as text) and refuses unsafe URLs;
 *  2. sanitize-html re-parses the output against a strict allowlist of tags, attributes and schemes.
 */

const LINK_REL = 'noopener noreferrer nofollow';
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

// Enough of HTML's entities to see through `&#106;avascript:`/`javascript&colon;` in URLs and to clean up plain text.
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', colon: ':', tab: '\t', newline: '\n', sol: '/', bsol: '\\',
}; // prettier-ignore

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? match;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/**
 * Mirrors how a browser reads a URL attribute: leading/trailing controls and spaces are dropped and
 * tabs/newlines vanish anywhere, so `java\tscript:` is `javascript:` to the browser and must be to us.
 */
function browserView(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

function schemeOf(url: string): string | undefined {
  return /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
}

/** http(s), mailto and relative links; a protocol-relative `//host` (or `/\host`) is refused as ambiguous. */
export function isSafeLinkHref(href: string): boolean {
  return [href, decodeEntities(href)].every(isSafeLinkForm);
}

function isSafeLinkForm(href: string): boolean {
  const url = browserView(href);
  if (/[\u0000-\u001f\u007f]/.test(url)) return false; // eslint-disable-line no-control-regex
  const scheme = schemeOf(url);
  if (scheme !== undefined) return LINK_SCHEMES.has(scheme);
  return !/^[/\\]{2}/.test(url);
}

/** Images come from this site (`/…`) or over https; http would be mixed content and data:/svg a script vector. */
export function isSafeImageSrc(src: string | undefined): boolean {
  return Boolean(src) && [src as string, decodeEntities(src as string)].every(isSafeImageForm);
}

function isSafeImageForm(src: string): boolean {
  const url = browserView(src);
  if (/[\u0000-\u001f\u007f]/.test(url)) return false; // eslint-disable-line no-control-regex
  const scheme = schemeOf(url);
  if (scheme !== undefined) return scheme === 'https';
  return /^\/(?![/\\])/.test(url);
}

// The page's own <h1> is the title, so Markdown headings start at <h2>.
const demote = (depth: number) => Math.min(6, Math.max(2, depth));

function safeEncodedUrl(url: string): string | null {
  try {
    // Same normalisation marked applies, after our checks: encode spaces and non-URL characters once.
    return encodeURI(browserView(url)).replace(/%25/g, '%');
  } catch {
    return null; // lone surrogates cannot be encoded
  }
}

const marked = new Marked(
  { gfm: true, breaks: false },
  {
    renderer: {
      // Raw HTML is not markup here: it is shown exactly as typed, so nothing the author wrote disappears.
      html({ text, block }: Tokens.HTML | Tokens.Tag) {
        return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const level = demote(depth);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const url = isSafeLinkHref(href) ? safeEncodedUrl(href) : null;
        if (url === null) return inner;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(url)}"${titleAttr} rel="${LINK_REL}">${inner}</a>`;
      },
      image({ href, title, text, tokens }: Tokens.Image) {
        // The alt text as words: `*logo*` becomes "logo", as marked itself does.
        const alt = decodeEntities(tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text);
        const url = isSafeImageSrc(href) ? safeEncodedUrl(href) : null;
        if (url === null) return escapeHtml(alt);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}"${titleAttr} loading="lazy">`;
      },
      // Task-list boxes would be <input> elements, which the allowlist refuses: show them as characters.
      checkbox({ checked }: Tokens.Checkbox) {
        return checked ? '☑ ' : '☐ ';
      },
    },
  },
);

const alignment = { multiple: false, values: ['left', 'center', 'right'] };

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr',
  ], // prettier-ignore
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'loading'],
    ol: ['start'],
    th: [{ name: 'align', ...alignment }],
    td: [{ name: 'align', ...alignment }],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h2',
    // Every link, whatever produced it, leaves with the same rel and never with a target.
    a: (tagName, attribs) => {
      const { target: _target, ...rest } = attribs;
      return { tagName, attribs: { ...rest, rel: LINK_REL } };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isSafeImageSrc(frame.attribs.src),
};

/** The allowlist pass on its own; exported so the second layer is tested without the first one's help. */
export function sanitizeRenderedHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Markdown (GFM) → sanitised HTML, safe to print with `<%- %>`. */
export function renderMarkdown(source: string): string {
  if (!source) return '';
  return sanitizeRenderedHtml(marked.parse(source, { async: false }));
}

/** Plain text (e.g. a summary) → HTML with its line breaks kept. */
export function renderPlainText(text: string): string {
  if (!text) return '';
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}

const stripTags = (html: string) => sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });

function inlineText(tokens: Token[] | undefined): string {
  return (tokens ?? []).map(tokenText).join('');
}

function blocksText(tokens: Token[]): string {
  return tokens
    .map(tokenText)
    .map((text) => text.trim())
    .filter(Boolean)
    .join('\n\n');
}

function tokenText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
    case 'checkbox':
      return '';
    case 'br':
      return '\n';
    case 'code':
    case 'codespan':
    case 'escape':
      return (token as Tokens.Code | Tokens.Codespan | Tokens.Escape).text;
    case 'html':
    case 'tag':
      return decodeEntities(stripTags((token as Tokens.HTML | Tokens.Tag).text));
    case 'image':
      return (token as Tokens.Image).text;
    case 'list':
      return (token as Tokens.List).items.map((item) => blocksText(item.tokens)).join('\n');
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineText(cell.tokens)).join(' | ');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    case 'blockquote':
      return blocksText((token as Tokens.Blockquote).tokens);
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inlineText(text.tokens) : decodeEntities(text.text);
    }
    default: {
      // paragraph, heading, strong, em, del, link and any token an extension might add
      const generic = token as { tokens?: Token[]; text?: string };
      return generic.tokens ? inlineText(generic.tokens) : decodeEntities(generic.text ?? '');
    }
  }
}

/** Markdown → its words without markup, for the search index and result snippets (escape it when printing). */
export function markdownToPlainText(source: string): string {
  if (!source) return '';
  return blocksText(marked.lexer(source))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
