import * as fontkit from 'fontkit';
import { createPdf, PDF_FONTS, writeMarkdown } from '../../server/lib/pdf';
import { extractText } from '../../server/lib/text-extraction';

// Every letter with a mark in the partner languages (lv, lt, pl, de, ro, it, da, es), both cases.
const PARTNER_LETTERS = 'āčēģīķļņšūž ąęėįųł ńóśźż äöüß ăâîșț àèéìòù æøå áíñ';

describe('server-side PDFs', () => {
  it.each(Object.entries(PDF_FONTS))(
    'when the %s font is embedded, then it has a glyph for every partner-language letter',
    (_face, file) => {
      const font = fontkit.openSync(file);
      const letters = [
        ...new Set([...PARTNER_LETTERS.replace(/\s/g, ''), ...PARTNER_LETTERS.toUpperCase().replace(/\s/g, '')]),
      ];

      const missing = letters.filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));

      expect(missing).toEqual([]);
    },
  );

  it('when Markdown with partner-language letters is written, then the PDF text has them as written, without the markup', async () => {
    const { doc, bytes } = createPdf({ title: 'Test', lang: 'lv' });
    writeMarkdown(
      doc,
      `## Daugavpils un Łódź\n\nŠī ir **treknā** un _slīprakstā_ rinda: ${PARTNER_LETTERS}.\n\n- Ģimenes atbalsts\n- Cuenca: niños\n\n1. pirmais\n2. otrais\n\n[saite](https://example.org/x)`,
      {
        size: 11,
        color: '#000000',
        linkColor: '#0b5cad',
        x: doc.page.margins.left,
        width: 400,
      },
    );
    doc.end();

    const text = (await extractText(await bytes, 'application/pdf')).replace(/\s+/g, ' ');

    expect(text).toContain('Daugavpils un Łódź');
    expect(text).toContain('Šī ir treknā un slīprakstā rinda');
    for (const word of PARTNER_LETTERS.split(' ')) expect(text).toContain(word);
    expect(text).toContain('• Ģimenes atbalsts');
    expect(text).toContain('1. pirmais');
    expect(text).toContain('saite');
    expect(text).not.toContain('**');
    expect(text).not.toContain('##');
  });
});
