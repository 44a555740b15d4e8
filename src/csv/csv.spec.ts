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

  it('refuses an unterminated quote', () => expect(() => parseCsv('a\n"open')).toThrow(/inside a quoted field/));

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
