import { formatCsv, parseCsv, parseCsvRecords } from './csv';

describe('CSV', () => {
  it('parses quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', ''],
    ]);
  });

  it('reads records by header with their line numbers, skipping blank lines and a BOM', () => {
    expect(parseCsvRecords('\uFEFFbib,name\n1,Ann\n\n2,Bo')).toEqual([
      { line: 2, record: { bib: '1', name: 'Ann' } },
      { line: 4, record: { bib: '2', name: 'Bo' } },
    ]);
  });

  it('refuses an unterminated quote, naming the line it opens on', () =>
    expect(() => parseCsv('a\n"open\nmore')).toThrow(/inside a quoted field \(the row on line 2\)/));

  it('keeps a row with a stray quote or more or fewer fields than the header with its problem, and reads the rows after it', () => {
    const records = parseCsvRecords('bib,name\n1,Ann"e\n2,"Bo"b\n3,Cy,extra\n4\n5,Di');
    expect(records.map(({ line, problem }) => [line, problem])).toEqual([
      [2, expect.stringMatching(/quote inside a field that does not start with one/)],
      [3, expect.stringMatching(/text after the closing quote of field 2/)],
      [4, '3 fields where the header has 2 (a field holding a comma must be quoted)'],
      [5, '1 field where the header has 2 (a field holding a comma must be quoted)'],
      [6, undefined],
    ]);
    expect(records[4]!.record).toEqual({ bib: '5', name: 'Di' });
    expect(() => parseCsv('a\nx"y')).toThrow(/^line 2: a quote inside a field/);
  });

  it('refuses a file separated by semicolons, telling to use commas', () =>
    expect(() => parseCsvRecords('bib;name\n1;Ann')).toThrow(/separated by semicolons: use commas/));

  it('writes text that starts like a formula as text, and numbers as numbers', () => {
    expect(formatCsv(['name', 'amount'], [{ name: '=HYPERLINK("http://evil.example")', amount: -50 }])).toBe(
      'name,amount\r\n"\'=HYPERLINK(""http://evil.example"")",-50\r\n',
    );
  });

  it('writes what it reads', () => {
    const text = formatCsv(['bib', 'club'], [{ bib: '1', club: 'Runners, "Almaty"' }, { bib: '2' }]);
    expect(text).toBe('bib,club\r\n1,"Runners, ""Almaty"""\r\n2,\r\n');
    expect(parseCsv(text)).toEqual([['bib', 'club'], ['1', 'Runners, "Almaty"'], ['2', '']]);
  });
});
