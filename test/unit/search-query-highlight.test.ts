import { highlightAndCrop, markedHtml, POST_TAG, PRE_TAG } from '../../server/features/search/search.highlight';

const marked = (text: string) => text.replaceAll('[', PRE_TAG).replaceAll(']', POST_TAG);

describe('markedHtml', () => {
  it('when the text holds markup and entities, then all of it is escaped and only the markers become <mark>', () => {
    expect(markedHtml(marked('<script>alert("x")</script> & [Łódź] &amp;'))).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Łódź</mark> &amp;amp;',
    );
  });

  it('when the markers are unbalanced (a document containing them itself), then the output is still balanced', () => {
    expect(markedHtml(marked('a ] b [ c [ d'))).toBe('a  b <mark> c  d</mark>');
    expect(markedHtml(marked('[x]]'))).toBe('<mark>x</mark>');
  });
});

describe('highlightAndCrop', () => {
  const words = Array.from({ length: 60 }, (_, i) => `w${i}`);

  it('when the match is deep in a long text, then the crop is around it with ellipses on both sides', () => {
    const text = words.join(' ');
    const start = text.indexOf('w40');

    const out = highlightAndCrop(text, [{ start, end: start + 3 }], 12);

    expect(out).toBe(`…w36 w37 w38 w39 ${PRE_TAG}w40${POST_TAG} w41 w42 w43 w44 w45 w46 w47…`);
  });

  it('when the text is short, then it is kept whole', () => {
    expect(highlightAndCrop('a short text', [{ start: 2, end: 7 }], 30)).toBe(`a ${PRE_TAG}short${POST_TAG} text`);
  });
});
