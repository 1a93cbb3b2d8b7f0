import { markdownToPlainText, renderMarkdown, renderPlainText, sanitizeRenderedHtml } from '../../server/lib/markdown';
import { findUnsafeConstructs, markdownRegions, XSS_VECTORS } from '../support/xss-vectors';

const REL = 'rel="noopener noreferrer nofollow"';

describe('renderMarkdown against XSS vectors', () => {
  it('when the vector list is counted, then it covers at least 30 known attacks', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(XSS_VECTORS.map((v) => v.name)).size).toBe(XSS_VECTORS.length);
  });

  it.each(XSS_VECTORS.map((v) => [v.name, v.markdown]))(
    'when the Markdown holds %s, then no executable construct is left',
    (_name, markdown) => {
      const html = renderMarkdown(markdown);

      expect(findUnsafeConstructs(html)).toEqual([]);
      expect(html).not.toMatch(/<\s*script/i);
      expect(html).not.toMatch(/<\s*(iframe|object|embed|svg|math|style|base|meta|form|input|link)\b/i);
      // Text is escaped, so a literal `<` always opens a real tag; walk its quoted attributes one by one.
      const attrs = String.raw`<[a-z0-9]+(?:\s+[^\s=>]+(?:="[^"]*")?)*\s+`;
      expect(html).not.toMatch(new RegExp(`${attrs}on\\w+\\s*=`, 'i'));
      expect(html).not.toMatch(new RegExp(`${attrs}(href|src)="\\s*(javascript|vbscript|data):`, 'i'));
      expect(html).not.toMatch(new RegExp(`${attrs}(target|style)=`, 'i'));
    },
  );

  it.each(XSS_VECTORS.map((v) => [v.name, v.markdown]))(
    'when %s reaches the allowlist pass as HTML (defence in depth), then nothing unsafe survives',
    (_name, vector) => {
      expect(findUnsafeConstructs(sanitizeRenderedHtml(vector))).toEqual([]);
    },
  );

  it('when the allowlist pass gets a link with a target, then rel is forced and target removed', () => {
    expect(sanitizeRenderedHtml('<a href="https://a.example" target="_blank" rel="opener">x</a><h1>T</h1>')).toBe(
      `<a href="https://a.example" ${REL}>x</a><h2>T</h2>`,
    );
  });

  it('when raw HTML is written, then it is shown as the text the author typed', () => {
    expect(renderMarkdown('Use <b>bold</b> & <script>alert(1)</script>')).toBe(
      '<p>Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
    );
  });

  it('when a link uses a refused scheme, then only its text remains', () => {
    expect(renderMarkdown('[open me](javascript:alert(1)) and [mail](vbscript:x)')).toBe('<p>open me and mail</p>\n');
  });

  it('when an image is not from this site or https, then only its alt text remains', () => {
    expect(renderMarkdown('![chart](http://insecure.example/a.png)')).toBe('<p>chart</p>\n');
    expect(renderMarkdown('![chart](//evil.example/a.png)')).toBe('<p>chart</p>\n');
    expect(renderMarkdown('![chart](chart.png)')).toBe('<p>chart</p>\n');
  });

  it('when the checker sees an unsafe fragment, then it reports it (the checker itself works)', () => {
    const findings = findUnsafeConstructs(
      '<p><img src="x" onerror="alert(1)"><a href="&#106;avascript:alert(1)">x</a><svg></svg><img src="http://a/b.png"></p>',
    );

    expect(findings).toEqual(
      expect.arrayContaining([
        'onerror handler on <img>',
        'href="javascript:alert(1)" on <a>',
        '<svg> element',
        'image from outside this site or https: http://a/b.png',
      ]),
    );
    expect(findUnsafeConstructs('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).toEqual([]);
  });

  it('when a page marks its Markdown regions, then only their contents are returned', () => {
    const page = '<script src="/js/app.js"></script><div class="prose" data-markdown><p>a</p></div><form></form>';

    expect(markdownRegions(page)).toEqual(['<p>a</p>']);
  });
});

describe('renderMarkdown with ordinary Markdown', () => {
  it('when headings are written, then # becomes h2 because the page owns h1', () => {
    expect(renderMarkdown('# Overview\n\n## Results\n\n###### Note')).toBe(
      '<h2>Overview</h2>\n<h2>Results</h2>\n<h6>Note</h6>\n',
    );
  });

  it('when emphasis, code and strikethrough are written, then they render as inline elements', () => {
    expect(renderMarkdown('**Budget** was *small*, ~~late~~, see `plan.pdf`')).toBe(
      '<p><strong>Budget</strong> was <em>small</em>, <del>late</del>, see <code>plan.pdf</code></p>\n',
    );
  });

  it('when lists are written, then ordered, unordered and numbered-from lists render', () => {
    expect(renderMarkdown('- Daugavpils\n- Kaunas\n\n3. third\n4. fourth')).toBe(
      '<ul>\n<li>Daugavpils</li>\n<li>Kaunas</li>\n</ul>\n<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>\n',
    );
  });

  it('when a task list is written, then the boxes are characters, not form inputs', () => {
    expect(renderMarkdown('- [x] done\n- [ ] open')).toBe('<ul>\n<li>☑ done</li>\n<li>☐ open</li>\n</ul>\n');
  });

  it('when a GFM table is written, then it renders with its alignment', () => {
    const html = renderMarkdown('| Year | Residents |\n|:-----|----------:|\n| 2018 | 84 000 |');

    expect(html).toContain('<table>\n<thead>\n<tr>\n<th align="left">Year</th>\n<th align="right">Residents</th>');
    expect(html).toContain('<td align="left">2018</td>\n<td align="right">84 000</td>');
  });

  it('when a fenced code block is written, then its content is escaped and the language class kept', () => {
    expect(renderMarkdown('```js\nif (a < b) run();\n```')).toBe(
      '<pre><code class="language-js">if (a &lt; b) run();\n</code></pre>\n',
    );
  });

  it('when a code block names a hostile class, then the class is dropped', () => {
    expect(renderMarkdown('```x" onclick="y\ncode\n```')).not.toMatch(/onclick=/);
  });

  it('when links are written, then http(s), mailto and relative links carry the rel attribute', () => {
    const html = renderMarkdown(
      '[site](https://example.org "Example") [plain](http://example.org) [mail](mailto:info@example.org) [case](/practices/42) <https://auto.example>',
    );

    expect(html).toBe(
      `<p><a href="https://example.org" title="Example" ${REL}>site</a> <a href="http://example.org" ${REL}>plain</a> ` +
        `<a href="mailto:info@example.org" ${REL}>mail</a> <a href="/practices/42" ${REL}>case</a> ` +
        `<a href="https://auto.example" ${REL}>https://auto.example</a></p>\n`,
    );
  });

  it('when a bare www address is written, then GFM links it with the rel attribute', () => {
    expect(renderMarkdown('see www.daugavpils.lv')).toBe(
      `<p>see <a href="http://www.daugavpils.lv" ${REL}>www.daugavpils.lv</a></p>\n`,
    );
  });

  it('when https and site-relative images are written, then both render', () => {
    expect(renderMarkdown('![Photo](https://img.example/p.jpg "Square") ![Chart](/attachments/abc/chart.png)')).toBe(
      '<p><img src="https://img.example/p.jpg" alt="Photo" title="Square" loading="lazy" /> ' +
        '<img src="/attachments/abc/chart.png" alt="Chart" loading="lazy" /></p>\n',
    );
  });

  it('when an image alt text has markup and entities, then it becomes plain words escaped once', () => {
    expect(renderMarkdown('![AT&T *growth* <b>](/a.png)')).toBe(
      '<p><img src="/a.png" alt="AT&amp;T growth &lt;b&gt;" loading="lazy" /></p>\n',
    );
  });

  it('when a blockquote and a rule are written, then both render', () => {
    expect(renderMarkdown('> quoted\n\n---')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />\n');
  });

  it('when single newlines are written, then they do not become line breaks (breaks: false)', () => {
    expect(renderMarkdown('one\ntwo')).toBe('<p>one\ntwo</p>\n');
  });

  it('when Latvian and Polish text is written, then it is kept as is', () => {
    expect(renderMarkdown('Iedzīvotāju skaits — Łódź')).toBe('<p>Iedzīvotāju skaits — Łódź</p>\n');
  });

  it('when the source is empty, then the output is empty', () => {
    expect(renderMarkdown('')).toBe('');
  });
});

describe('renderPlainText', () => {
  it('when text has markup characters and newlines, then they are escaped and the lines kept', () => {
    expect(renderPlainText('a < b & "c"\nnext\r\nlast')).toBe('a &lt; b &amp; &quot;c&quot;<br>next<br>last');
  });

  it('when text is empty, then the output is empty', () => {
    expect(renderPlainText('')).toBe('');
  });
});

describe('markdownToPlainText', () => {
  it('when Markdown has markup, then only the words remain with blocks separated', () => {
    const text = markdownToPlainText(
      '# Youth centre\n\nA **new** [centre](https://example.org) for *young* people & AT&amp;T.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode()\n```\n\n![photo of the opening](/a.png)',
    );

    expect(text).toBe(
      'Youth centre\n\nA new centre for young people & AT&T.\n\none\ntwo\n\na | b\n1 | 2\n\ncode()\n\nphoto of the opening',
    );
  });

  it('when Markdown holds raw HTML, then the tags are dropped and the words kept', () => {
    expect(markdownToPlainText('Before <b>bold</b> after')).toBe('Before bold after');
  });

  it('when the source is empty, then the text is empty', () => {
    expect(markdownToPlainText('')).toBe('');
  });
});
