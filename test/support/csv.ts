import type request from 'supertest';

const BOM = '\uFEFF';

/** Parses the CSV the export sends (RFC 4180 quoting, CRLF rows); the byte-order mark is checked apart. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      endCell();
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += 1;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/** An export's CSV: it must start with a byte-order mark; its header row and rows, and a column by heading. */
export const csvOf = (res: request.Response) => {
  const text = res.body as string;
  if (!text.startsWith(BOM)) throw new Error('The CSV does not start with a byte-order mark');
  const [header = [], ...rows] = parseCsv(text.slice(1));
  return { header, rows, column: (name: string) => rows.map((r) => r[header.indexOf(name)]) };
};

/** Supertest reads text/csv as text only when told: this collects the body as UTF-8. */
export const textBody = (res: request.Response, callback: (err: Error | null, body: string) => void) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => callback(null, body));
};
