// The one fontkit call the tests make (fontkit comes with pdfkit and ships no types of its own).
declare module 'fontkit' {
  export type Font = { hasGlyphForCodePoint(codePoint: number): boolean };
  export function openSync(file: string): Font;
}
