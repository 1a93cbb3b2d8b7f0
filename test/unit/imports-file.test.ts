import { COLUMN_NAMES, formulaSafe, inputToCells, rowToInput } from '../../server/features/imports/domain/columns';
import { ImportFileError, readImportFile } from '../../server/features/imports/domain/read-file';
import { PRACTICE_FIELDS } from '../../server/features/practices';

const refusalOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof ImportFileError) return { key: err.key, params: err.params };
    throw err;
  }
  return undefined;
};

describe('import columns', () => {
  it('when the columns are derived, then every writable field of the table is there, groups by leaf and rows as one column', () => {
    const groups = Object.entries(PRACTICE_FIELDS).filter(([, f]) => f.kind === 'group');

    for (const [key, field] of groups) {
      for (const leaf of Object.keys((field as { fields: object }).fields)) expect(COLUMN_NAMES).toContain(`${key}.${leaf}`);
    }
    expect(COLUMN_NAMES).toEqual(expect.arrayContaining(['title', 'themes', 'indicators', 'sources', 'city', 'cityName', 'country']));
    expect(COLUMN_NAMES).not.toContain('attachments');
    expect(new Set(COLUMN_NAMES).size).toBe(COLUMN_NAMES.length);
  });

  it('when cells are read, then each becomes the value the API expects, and blanks are left out', () => {
    const { input, errors } = rowToInput({
      title: '  Padded title  ',
      themes: 'youth-retention; education-skills,, ',
      'period.startYear': '2019',
      'period.ongoing': 'Yes',
      'budget.amountEur': '',
      illustrative: 'no',
      indicators: '[{"name":"n","value":1,"unit":"u","year":2020}]',
      summary: '',
    });

    expect(errors).toEqual({});
    expect(input).toEqual({
      title: 'Padded title',
      themes: ['youth-retention', 'education-skills'],
      period: { startYear: 2019, ongoing: true },
      illustrative: false,
      indicators: [{ name: 'n', value: 1, unit: 'u', year: 2020 }],
    });
  });

  it('when a cell cannot be read as its kind, then numbers and flags pass on as typed (the API says why) and bad JSON is named', () => {
    const { input, errors } = rowToInput({ 'period.startYear': 'twenty', illustrative: 'maybe', sources: '[oops' });

    expect(input).toEqual({ period: { startYear: 'twenty' }, illustrative: 'maybe' });
    expect(errors).toEqual({ sources: ['imports.error.json_cell'] });
  });

  it('when an API body is written as cells and read back, then it is the same body', () => {
    const body = { title: 'Round trip', themes: ['a', 'b'], period: { startYear: 2020, ongoing: false }, sources: [{ title: 't', url: 'https://example.org' }] };
    const cells = Object.fromEntries(COLUMN_NAMES.map((name, i) => [name, inputToCells(body)[i] ?? '']));

    expect(rowToInput(cells).input).toEqual(body);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['Plain text', 'Plain text'],
    ['', ''],
  ])('when %p is written to a file we produce, then it is %p', (cell, safe) => {
    expect(formulaSafe(cell)).toBe(safe);
  });
});

describe('reading an import file', () => {
  it('when a CSV is saved with semicolons and a byte-order mark, then its rows are numbered as the spreadsheet shows them', () => {
    const file = Buffer.from('\uFEFFtitle;city\r\n"First; with a semicolon";kaunas\r\n\r\nSecond;daugavpils\r\n', 'utf8');

    const parsed = readImportFile(file, 'export.CSV');

    expect(parsed.format).toBe('csv');
    expect(parsed.rows.map((r) => [r.number, r.input])).toEqual([
      [2, { title: 'First; with a semicolon', city: 'kaunas' }],
      [3, { title: 'Second', city: 'daugavpils' }],
    ]);
  });

  it('when a row has more cells than the header, then that row says so', () => {
    const parsed = readImportFile(Buffer.from('title\nOne,extra\nTwo\n'), 'x.csv');

    expect(parsed.rows.map((r) => r.errors)).toEqual([{ _row: ['imports.error.extra_cells'] }, {}]);
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'a.csv', 'imports.error.file_type'],
    ['a NUL byte', Buffer.from('title\nA\u0000B\n'), 'a.csv', 'imports.error.file_type'],
    ['Latin-1 text', Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xe9]), 'a.csv', 'imports.error.encoding'],
    ['an .exe name', Buffer.from('title\nA\n'), 'a.exe', 'imports.error.file_type'],
    ['repeated columns', Buffer.from('title,title\nA,B\n'), 'a.csv', 'imports.error.repeated_columns'],
  ])('when the file is %s, then it is refused whole', (_what, buffer, name, key) => {
    expect(refusalOf(() => readImportFile(buffer, name))?.key).toBe(key);
  });

  it('when a JSON file holds an object with a practices list, then its items are the rows', () => {
    const parsed = readImportFile(Buffer.from('{"practices":[{"title":"One"},{"title":"Two"}]}'), 'export.json');

    expect(parsed.rows.map((r) => [r.number, r.input])).toEqual([
      [1, { title: 'One' }],
      [2, { title: 'Two' }],
    ]);
  });
});
